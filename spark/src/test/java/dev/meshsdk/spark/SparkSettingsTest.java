package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings from configuration, without starting Spark. */
class SparkSettingsTest {
    private static final Secrets SECRETS = id -> id.equals("team-s3")
            ? Optional.of(new Secrets.Credential("AKIATEAM", "team-secret-value"))
            : Optional.empty();

    private static AdapterContext context(Map<String, String> config) {
        return new AdapterContext("dev", Path.of("."), config, SECRETS, null, null);
    }

    @Test
    void defaultsAreLocalWithDeltaConfigured() {
        Map<String, String> conf = SparkSettings.from(context(Map.of())).sparkConf();

        assertThat(conf)
                .containsEntry("spark.master", System.getProperty("spark.master", "local[*]"))
                .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .containsEntry("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .doesNotContainKey("spark.hadoop.fs.s3a.endpoint");
        if (conf.get("spark.master").startsWith("local")) {
            assertThat(conf).as("no web UI for a local session").containsEntry("spark.ui.enabled", "false");
        }
    }

    @Test
    void aLocalSessionKeepsItsWarehouseOutOfTheProject() {
        Map<String, String> conf = SparkSettings.from(context(Map.of("mesh.spark.master", "local[2]")))
                .sparkConf();
        Path warehouse = Path.of(java.net.URI.create(conf.get(SparkSettings.WAREHOUSE)));
        assertThat(warehouse)
                .isAbsolute()
                .startsWithRaw(Path.of(System.getProperty("java.io.tmpdir")))
                .isNotEqualTo(Path.of("spark-warehouse").toAbsolutePath());
        assertThat(SparkSettings.from(context(Map.of(
                                "mesh.spark.master",
                                "local[2]",
                                "mesh.spark.conf.spark.sql.warehouse.dir",
                                "/data/warehouse")))
                        .sparkConf())
                .as("asked for")
                .containsEntry(SparkSettings.WAREHOUSE, "/data/warehouse");
        assertThat(SparkSettings.from(context(Map.of("mesh.spark.master", "spark://cluster:7077")))
                        .sparkConf())
                .as("a cluster's own setting is left alone")
                .doesNotContainKey(SparkSettings.WAREHOUSE);
        assertThat(SparkSettings.from(context(
                                Map.of("mesh.spark.master", "local[2]", "mesh.spark.conf.spark.ui.enabled", "true")))
                        .sparkConf())
                .as("asked for")
                .containsEntry("spark.ui.enabled", "true");
    }

    @Test
    void aLocalSessionSplitsShufflesAndLogReplaysByItsCores() {
        Map<String, String> local4 = SparkSettings.from(context(Map.of("mesh.spark.master", "local[4]")))
                .sparkConf();
        if (System.getProperty(SparkSettings.SHUFFLE_PARTITIONS) == null) {
            assertThat(local4).containsEntry(SparkSettings.SHUFFLE_PARTITIONS, "8");
        }
        if (System.getProperty(SparkSettings.SNAPSHOT_PARTITIONS) == null) {
            assertThat(local4).containsEntry(SparkSettings.SNAPSHOT_PARTITIONS, "4");
        }
        assertThat(SparkSettings.localThreads("local[3,2]")).isEqualTo(3);
        assertThat(SparkSettings.localThreads("local[*]"))
                .isEqualTo(SparkSettings.localThreads("local"))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(SparkSettings.from(context(Map.of(
                                "mesh.spark.master",
                                "local[4]",
                                "mesh.spark.conf.spark.sql.shuffle.partitions",
                                "200")))
                        .sparkConf())
                .as("asked for")
                .containsEntry(SparkSettings.SHUFFLE_PARTITIONS, "200");
        assertThat(SparkSettings.from(context(Map.of("mesh.spark.master", "spark://cluster:7077")))
                        .sparkConf())
                .as("a cluster's own settings are left alone")
                .doesNotContainKeys(SparkSettings.SHUFFLE_PARTITIONS, SparkSettings.SNAPSHOT_PARTITIONS);
    }

    @Test
    void masterConfAndS3ComeFromMeshSparkKeys() {
        SparkSettings s = SparkSettings.from(context(Map.of(
                "mesh.spark.master",
                "spark://cluster:7077",
                "mesh.spark.conf.spark.executor.memory",
                "4g",
                "mesh.spark.s3.endpoint",
                "http://minio:9000",
                "mesh.spark.s3.credentialsId",
                "team-s3")));

        Map<String, String> conf = s.sparkConf();
        assertThat(conf)
                .containsEntry("spark.master", "spark://cluster:7077")
                .containsEntry("spark.executor.memory", "4g")
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://minio:9000")
                .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
                .containsEntry("spark.hadoop.fs.s3a.access.key", "AKIATEAM")
                .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
                .doesNotContainKey(SparkSettings.LISTING_PARALLELISM)
                .doesNotContainKey("spark.ui.enabled");
        assertThat(s.toString()).doesNotContain("team-secret-value");
    }

    @Test
    void aServerOverridesTheDefaultsPerBucket() {
        Server server = new Server(
                "team-s3",
                "s3",
                null,
                null,
                Map.of("location", "s3://b/p", "endpointUrl", "https://s3.eu-central-1.amazonaws.com"),
                List.of(),
                Map.of());
        S3Settings s = S3Settings.forServer(server, context(Map.of()), Optional.empty());

        assertThat(s.hadoopConf("b"))
                .containsEntry("fs.s3a.bucket.b.endpoint", "https://s3.eu-central-1.amazonaws.com")
                .containsEntry("fs.s3a.bucket.b.connection.ssl.enabled", "true")
                .containsEntry("fs.s3a.bucket.b.secret.key", "team-secret-value");
        assertThat(s.toString()).contains("AKIATEAM").doesNotContain("team-secret-value");
    }

    @Test
    void anUnknownCredentialIdSaysWhereToAddIt() {
        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> SparkSettings.from(context(Map.of("mesh.spark.s3.credentialsId", "nobody"))));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(e.getMessage()).contains("'nobody'", "settings.xml");
    }
}

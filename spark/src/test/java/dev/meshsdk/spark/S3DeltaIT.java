package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.QualityRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Delta through S3A against a real S3 protocol server (S3Proxy in this JVM): publish, quality, erasure and a
 * sample (for classify) on an {@code s3} port, with the endpoint, path-style access and the team's credentials taken from the port's
 * server and the secrets, per bucket, never from the session's global settings.
 */
class S3DeltaIT {
    @Test
    void publishQualityAndErasureWorkOnADeltaTableInTheTeamsBucket() {
        TestS3 s3 = TestS3.get();
        SparkSession spark = TestSpark.session();
        Server server = new Server(
                "team-s3",
                "s3",
                null,
                null,
                Map.of(
                        "location",
                        "s3://" + TestS3.BUCKET + "/sales/orders",
                        "format",
                        "delta",
                        "endpointUrl",
                        s3.endpoint),
                List.of(),
                Map.of());
        PortBinding port = Fixtures.binding(Fixtures.ordersContract(server), server);
        Secrets secrets = id -> id.equals("team-s3")
                ? Optional.of(new Secrets.Credential(TestS3.ACCESS_KEY, TestS3.SECRET_KEY))
                : Optional.empty();
        AdapterContext context = TestSpark.context(TestSpark.newDir("s3"), Map.of(), secrets);
        PortTables.Table table = PortTables.table(port, "orders", context, Optional.empty());
        assertThat(table.uri()).isEqualTo("s3a://team-bucket/sales/orders/orders");
        assertThat(table.hadoopConf()).containsEntry("fs.s3a.bucket.team-bucket.path.style.access", "true");

        // The table, as the s3 storage adapter would deploy it: Delta, deletion vectors on.
        SparkSession scoped = spark.newSession();
        table.hadoopConf().forEach((k, v) -> scoped.conf().set(k, v));
        scoped.conf().set("spark.databricks.delta.properties.defaults.enableDeletionVectors", "true");
        scoped.createDataFrame(List.of(), TestSpark.ordersSchema())
                .write()
                .format("delta")
                .save(table.uri());

        DeltaPublisher.PublishResult published =
                new DeltaPublisher(context).publish(port, "orders", TestSpark.fiveOrders(), DeltaPublisher.Mode.APPEND);
        assertThat(published.version()).isEqualTo(1);
        assertThat(s3.keys("sales/orders/orders/_delta_log/"))
                .contains("sales/orders/orders/_delta_log/00000000000000000001.json");

        List<QualityResult> results = new SparkQualityEngine(spark, context)
                .evaluate(
                        port,
                        List.of(
                                QualityRules.library(null, "rowCount", QualityRules.mustBe("mustBe", 5)),
                                QualityRules.library("name", "nullValues", QualityRules.mustBe("mustBe", 0))));
        assertThat(results)
                .extracting(QualityResult::status)
                .containsExactly(QualityResult.Status.PASSED, QualityResult.Status.FAILED);
        assertThat(results.get(1).measured()).isEqualByComparingTo("1");
        assertThat(s3.keys("sales/orders/_mesh_quality/orders/"))
                .as("results kept in the bucket")
                .hasSize(2);
        // Read back with a fresh S3A client (not Spark's cached one): only the port's own settings reach the bucket.
        Configuration fresh = new Configuration();
        fresh.setBoolean("fs.s3a.impl.disable.cache", true);
        List<QualityResults.Evaluation> kept = new QualityResults(context).list(fresh, port);
        assertThat(kept).extracting(QualityResults.Evaluation::phase).containsExactly("scan", "publish");
        assertThat(kept.get(0).results())
                .extracting(QualityResults.RuleResult::status)
                .containsExactly(QualityResult.Status.PASSED, QualityResult.Status.FAILED);
        assertThat(kept.get(0).results().get(1).measured()).isEqualByComparingTo("1");
        assertThat(kept.get(1).rowCount()).isEqualTo(5);
        assertThat(kept.get(0).file()).startsWith("s3a://team-bucket/sales/orders/_mesh_quality/orders/");

        long deleted = new SparkDeltaEraser(spark).delete(table.uri(), table.hadoopConf(), "id", "3");
        assertThat(deleted).isEqualTo(1);
        assertThat(spark.read()
                        .format("delta")
                        .options(table.hadoopConf())
                        .load(table.uri())
                        .count())
                .isEqualTo(4);

        // classify's sample reads the bucket with the port's own settings; the erased row is not in it
        dev.meshsdk.spi.data.Sample sample;
        try (SparkPortData data = new SparkPortData(TestSpark::session, context)) {
            sample = data.sample(port, "orders", 10);
        }
        assertThat(sample.columns()).containsExactly("id", "name", "amount");
        assertThat(sample.rows()).hasSize(4).extracting(r -> r.get(0)).doesNotContain("3");
        assertThat(sample.scanned()).isEqualTo(4);
    }

    @Test
    void aCsvFileIsPublishedIntoTheTeamsBucketThroughTheDataModule() throws java.io.IOException {
        TestS3 s3 = TestS3.get();
        SparkSession spark = TestSpark.session();
        Server server = new Server(
                "team-s3",
                "s3",
                null,
                null,
                Map.of(
                        "location",
                        "s3://" + TestS3.BUCKET + "/sales/files",
                        "format",
                        "delta",
                        "endpointUrl",
                        s3.endpoint),
                List.of(),
                Map.of());
        PortBinding port = Fixtures.binding(Fixtures.ordersContract(server), server);
        Secrets secrets = id -> id.equals("team-s3")
                ? Optional.of(new Secrets.Credential(TestS3.ACCESS_KEY, TestS3.SECRET_KEY))
                : Optional.empty();
        java.nio.file.Path base = TestSpark.newDir("s3-publish");
        AdapterContext context = TestSpark.context(base, Map.of(), secrets);
        PortTables.Table table = PortTables.table(port, "orders", context, Optional.empty());
        SparkSession scoped = spark.newSession();
        table.hadoopConf().forEach((k, v) -> scoped.conf().set(k, v));
        scoped.createDataFrame(List.of(), TestSpark.ordersSchema())
                .write()
                .format("delta")
                .save(table.uri());
        java.nio.file.Path csv = base.resolve("orders.csv");
        java.nio.file.Files.writeString(csv, "name,amount,id\nAnn,10,1\nBob,20,2\n");

        try (SparkPortData data = new SparkPortData(() -> spark, context)) {
            dev.meshsdk.spi.data.PublishResult r = data.publish(
                    port,
                    new dev.meshsdk.spi.data.PublishRequest(
                            csv,
                            dev.meshsdk.spi.data.PublishRequest.FileFormat.CSV,
                            dev.meshsdk.spi.data.PublishRequest.Mode.APPEND,
                            "orders",
                            List.of()));
            assertThat(r.rows()).isEqualTo(2);
            assertThat(r.version()).isEqualTo("1");
            assertThat(s3.keys("sales/files/orders/_delta_log/"))
                    .contains("sales/files/orders/_delta_log/00000000000000000001.json");
            dev.meshsdk.spi.data.TableFacts facts = data.facts(port, "orders");
            assertThat(facts.rows()).isEqualTo(2);
            assertThat(facts.lastModified()).isNotNull();
        }
    }
}

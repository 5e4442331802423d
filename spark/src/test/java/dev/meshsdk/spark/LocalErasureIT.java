package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Erasure end to end: a local Delta table made by the {@code local} storage adapter, whose {@code erase} finds
 * this module's {@link SparkDeltaEraser} through {@link ServiceLoader}; the rows go in one DELETE commit with
 * deletion vectors, the audit entry holds no personal data, and the purge takes them off the disk.
 */
class LocalErasureIT {
    private final SparkSession spark = TestSpark.session();

    private static StorageAdapter localAdapter(Path base, Map<String, String> config) {
        return ServiceLoader.load(MeshPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> p.storageAdapters().stream())
                .filter(f -> f.name().equals("local"))
                .findFirst()
                .orElseThrow()
                .create(TestSpark.context(base, config, null));
    }

    @Test
    void theLocalAdapterErasesThroughSparkWithDeletionVectorsAndAuditsWithoutTheValue() throws Exception {
        assertThat(ServiceLoader.load(DeltaEraser.class).findFirst()).get().isInstanceOf(SparkDeltaEraser.class);
        Path base = TestSpark.newDir("erase");
        PortBinding port = TestSpark.deployedLocalPort(base, Fixtures.ordersContract());
        String table = base.resolve("data/orders").toString();
        spark.range(1000)
                .selectExpr("id % 250 AS id", "concat('name-', id) AS name", "CAST(id AS DECIMAL(12,2)) AS amount")
                .coalesce(1)
                .write()
                .format("delta")
                .mode("append")
                .save(table);
        long before = SparkDeltaEraser.version(DeltaTable.forPath(spark, table));

        ErasureResult result;
        try (StorageAdapter adapter = localAdapter(base, Map.of())) {
            result = adapter.erase(port, new ErasureRequest("req-1", "77", "dpo@example.com"));
        }

        assertThat(result.rowsDeleted()).isEqualTo(4);
        assertThat(result.target()).isEqualTo("orders");
        assertThat(spark.read().format("delta").load(table).where("id = 77").count())
                .isZero();
        assertThat(spark.read().format("delta").load(table).count()).isEqualTo(996);
        Row commit = DeltaTable.forPath(spark, table).history(1).first();
        assertThat(commit.<Long>getAs("version")).as("one commit").isEqualTo(before + 1);
        assertThat(commit.<String>getAs("operation")).isEqualTo("DELETE");
        Map<String, String> metrics = commit.getJavaMap(commit.fieldIndex("operationMetrics"));
        assertThat(metrics.get("numDeletionVectorsAdded"))
                .as("metrics %s", metrics)
                .isEqualTo("1");
        assertThat(metrics.get("numRemovedFiles")).as("no file rewritten").isEqualTo("0");
        assertThat(rawRowsWithId(table, 77))
                .as("a deletion vector only hides the rows")
                .isEqualTo(4);

        List<String> audit = Files.readAllLines(base.resolve("data/_mesh_erasures.jsonl"));
        assertThat(audit).hasSize(1);
        JsonNode entry = new ObjectMapper().readTree(audit.get(0));
        assertThat(entry.get("requestId").asText()).isEqualTo("req-1");
        assertThat(entry.get("requestedBy").asText()).isEqualTo("dpo@example.com");
        assertThat(entry.get("rowsDeleted").asLong()).isEqualTo(4);
        assertThat(entry.get("tables").asText()).isEqualTo("orders");
        // the subject's value is in no field (a substring check would trip on timestamps: "77" is short)
        assertThat(entry.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "requestId",
                        "requestedBy",
                        "product",
                        "port",
                        "environment",
                        "tables",
                        "rowsDeleted",
                        "erasedAt");
        entry.fields()
                .forEachRemaining(
                        f -> assertThat(f.getValue().asText()).as(f.getKey()).isNotEqualTo("77"));

        // the purge (here configured through the adapter, retention zero) makes the deletion physical
        try (StorageAdapter adapter = localAdapter(base, Map.of("mesh.local.erasure.purgeRetention", "PT0S"))) {
            ErasureResult again = adapter.erase(port, new ErasureRequest("req-2", "78", "dpo@example.com"));
            assertThat(again.rowsDeleted()).isEqualTo(4);
        }
        assertThat(rawRowsWithId(table, 77)).as("erased rows left the disk").isZero();
        assertThat(rawRowsWithId(table, 78)).isZero();
        assertThat(spark.read().format("delta").load(table).count()).isEqualTo(992);
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithoutShowingIt() {
        Path base = TestSpark.newDir("erase-bad");
        TestSpark.deployedLocalPort(base, Fixtures.ordersContract());
        String uri = base.resolve("data/orders").toUri().toString();

        MeshException e = catchThrowableOfType(
                MeshException.class, () -> new SparkDeltaEraser().delete(uri, Map.of(), "id", "jane.doe@example.com"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(e.getMessage())
                .contains("not a valid bigint for column 'id'")
                .doesNotContain("jane.doe");
        assertThat(new SparkDeltaEraser(spark).purge(uri, Map.of(), Duration.ofDays(7)))
                .isZero();
    }

    @Test
    void hostileValuesAreDataNeverStatementText() {
        String table = TestSpark.newDir("erase-hostile").resolve("t").toUri().toString();
        String tricky = "o'brien`) OR (1=1 --";
        spark.createDataset(List.of("ann", "bob", tricky), org.apache.spark.sql.Encoders.STRING())
                .toDF("name")
                .write()
                .format("delta")
                .option("delta.enableDeletionVectors", "true")
                .save(table);
        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);

        assertThat(eraser.delete(table, Map.of(), "name", "x' OR '1'='1")).isZero();
        assertThat(eraser.delete(table, Map.of(), "name", "ann\\' OR true OR name = '"))
                .isZero();
        assertThat(spark.read().format("delta").load(table).count()).isEqualTo(3);
        assertThat(eraser.delete(table, Map.of(), "name", tricky)).isEqualTo(1);
        assertThat(spark.read()
                        .format("delta")
                        .load(table)
                        .orderBy("name")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList())
                .containsExactly("ann", "bob");
    }

    /** Rows with this id in the table's Parquet files, read directly: what is physically on disk. */
    private long rawRowsWithId(String table, long id) throws Exception {
        List<String> files;
        try (var s = Files.walk(Path.of(table))) { // column mapping puts files under random prefix folders
            files = s.map(Path::toString)
                    .filter(f -> f.endsWith(".parquet") && !f.contains("_delta_log"))
                    .toList();
        }
        if (files.isEmpty()) return 0;
        // Column mapping mode 'name' gives the files physical column names: the ids are the one bigint column.
        var raw = spark.read().parquet(files.toArray(new String[0]));
        String idColumn = java.util.Arrays.stream(raw.schema().fields())
                .filter(f -> f.dataType().equals(org.apache.spark.sql.types.DataTypes.LongType))
                .findFirst()
                .orElseThrow()
                .name();
        return raw.where(
                        org.apache.spark.sql.functions.col("`" + idColumn + "`").equalTo(id))
                .count();
    }
}

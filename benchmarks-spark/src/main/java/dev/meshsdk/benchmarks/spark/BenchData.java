package dev.meshsdk.benchmarks.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark table and the Spark session. Rows: {@code id} (unique, increasing: each file holds one range of
 * ids; in the "spread" tables permuted so that every file holds ids from the whole range), {@code customer} (the data subject,
 * 10 rows each), {@code name} (null in every 50th row), {@code amount} (decimal), {@code code} (matches
 * {@code ^[A-Z]{2}-[0-9]{4}$} except in every 1,000th row). Written once as Parquet (read by this module and
 * by benchmarks-deequ) and as Delta with deletion vectors.
 */
final class BenchData {
    static final String PATTERN = "^[A-Z]{2}-[0-9]{4}$";

    final Path dir = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir") + "/mesh-bench"));
    final long rows = Long.getLong("bench.rows", 10_000_000L);
    final int reps = Integer.getInteger("bench.reps", 3);
    final SparkSession spark;

    BenchData() {
        spark = SparkSession.builder()
                .master(System.getProperty("bench.master", "local[2]"))
                .appName("mesh-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
    }

    Dataset<Row> generate() {
        return generate(false);
    }

    /**
     * The rows; {@code spread}: the same rows with {@code id} permuted ({@code id * 7919 mod rows}, a bijection
     * while 7919, a prime, does not divide {@code rows}) so that every file holds ids from the whole range.
     */
    Dataset<Row> generate(boolean spread) {
        if (spread && rows % 7919 == 0) throw new IllegalArgumentException("bench.rows must not be a multiple of 7919");
        String id = spread ? "(id * 7919) % " + rows + " AS id" : "id";
        return spark.range(0, rows, 1, 8)
                .selectExpr(
                        id,
                        "id % " + Math.max(1, rows / 10) + " AS customer",
                        "CASE WHEN id % 50 = 0 THEN NULL ELSE concat('name-', id % 100000) END AS name",
                        "CAST((id % 100000) / 10.0 AS DECIMAL(12,2)) AS amount",
                        "CASE WHEN id % 1000 = 0 THEN 'bad code' ELSE concat(char(65 + id % 26), char(65 + (id / 26) % 26),"
                                + " '-', lpad(CAST(id % 10000 AS STRING), 4, '0')) END AS code");
    }

    /** {@code <dir>/<rows>/<name>/orders}, written from {@link #generate()} when not there yet. */
    String table(String name, String format, Map<String, String> properties) {
        return table(name, format, properties, false);
    }

    /** As {@link #table(String, String, Map)}, from {@link #generate(boolean) generate(spread)}. */
    String table(String name, String format, Map<String, String> properties, boolean spread) {
        Path root = dir.resolve(Long.toString(rows)).resolve(name);
        Path table = root.resolve("orders");
        if (!Files.exists(table)) {
            long t = System.nanoTime();
            var w = generate(spread).write().format(format);
            properties.forEach(w::option);
            w.save(table.toString());
            System.out.printf(
                    "wrote %,d rows as %s to %s in %.1f s%n", rows, format, table, (System.nanoTime() - t) / 1e9);
        }
        return table.toString();
    }

    /** Seconds {@code body} takes. */
    static double seconds(Runnable body) {
        long t = System.nanoTime();
        body.run();
        return (System.nanoTime() - t) / 1e9;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

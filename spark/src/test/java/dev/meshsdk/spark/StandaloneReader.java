package dev.meshsdk.spark;

import org.apache.spark.sql.SparkSession;

/**
 * A consumer's standalone Spark job as the README's "Usage" section shows it: the session settings that read Delta
 * tables and log the reads with {@link MeshReadListener}. Run by {@link StandaloneReaderIT} in a JVM of its own.
 * Arguments: the Delta table's folder (written, then read) and the read log folder.
 */
public final class StandaloneReader {
    private StandaloneReader() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("churn-job")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.queryExecutionListeners", "dev.meshsdk.spark.MeshReadListener")
                .config("spark.mesh.readLog", args[1])
                .getOrCreate();
        spark.range(3)
                .selectExpr("id", "cast(id as string) as name")
                .write()
                .format("delta")
                .save(args[0]);
        long rows = spark.read()
                .format("delta")
                .load(args[0])
                .select("name")
                .collectAsList()
                .size();
        System.out.println("read " + rows + " row(s)");
        spark.stop();
    }
}

package dev.meshsdk.spark;

import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

/**
 * A Java user's Spark job that does what makes Spark log: starts a session (INFO lines by default), reads a Delta
 * table with deletion vectors and column mapping, as the SDK's tables, with a filter (Delta's "Failed to translate
 * filter" at ERROR: it cannot map its deleted-rows column to a physical name), prints a plan wider than Spark
 * prints whole ("Truncated the string representation of a plan"), and warns through a Spark logger; Hadoop warns
 * that it has no native library as the session starts. Run by {@link ReadmeLoggingIT} in a JVM of its own; argument: a folder for the table.
 */
public final class ReadmeLoggingProbe {
    private ReadmeLoggingProbe() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("readme-logging")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
        String table = "delta.`" + args[0] + "`";
        spark.sql("CREATE TABLE " + table
                + " (id BIGINT) USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true',"
                + " 'delta.columnMapping.mode' = 'name')");
        spark.sql("INSERT INTO " + table + " SELECT id FROM range(10)");
        spark.sql("DELETE FROM " + table + " WHERE id = 3");
        long rows = spark.read().format("delta").load(args[0]).where("id > 1").count();
        System.out.println("read " + rows + " row(s)");
        // a plan of more columns than Spark prints (25 by default), as the SDK's quality check of many rules
        StringBuilder columns = new StringBuilder("id AS c0");
        for (int i = 1; i < 30; i++) columns.append(", id AS c").append(i);
        spark.sql("SELECT " + columns + " FROM range(1)").queryExecution().toString();
        LoggerFactory.getLogger("org.apache.spark.SparkContext").warn("a warning from Spark still shows");
        spark.stop();
    }
}

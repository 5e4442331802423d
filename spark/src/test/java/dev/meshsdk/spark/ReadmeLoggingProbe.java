package dev.meshsdk.spark;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

/**
 * A Java user's Spark job that does what makes Spark log: starts a session (INFO lines by default), reads a Delta
 * table with deletion vectors and column mapping, as the SDK's tables, with a filter (Delta's "Failed to translate
 * filter" at ERROR: it cannot map its deleted-rows column to a physical name), prints a plan wider than Spark
 * prints whole ("Truncated the string representation of a plan"), and warns through a Spark logger; Hadoop warns
 * that it has no native library as the session starts. Run by {@link StandaloneJobs} in a JVM of its own.
 *
 * <p>Arguments: a folder for the table; a Log4j configuration file for the control run and a second folder; the
 * folders of {@link StandaloneReader} (its table, its read log). The job first runs with the {@code log4j2.properties}
 * found on the class path, as a user's job does, while nothing else has run in the JVM; then, after {@link #READER},
 * {@link StandaloneReader}; then, after {@link #CONTROL}, Log4j is reconfigured from the control file and the job runs
 * again in a new session. One JVM and one Spark cold start serve {@link ReadmeLoggingIT} and
 * {@link StandaloneReaderIT}.
 */
public final class ReadmeLoggingProbe {
    /** The line between the output of the job with the class path's file and that of {@link StandaloneReader}. */
    public static final String READER = "---- standalone reader ----";
    /** The line before the output of the control run. */
    public static final String CONTROL = "---- control: the same job with the control configuration ----";

    private ReadmeLoggingProbe() {}

    public static void main(String[] args) throws Exception {
        job(args[0]);
        System.out.println(READER);
        StandaloneReader.main(new String[] {args[3], args[4]});
        System.out.println(CONTROL);
        Configurator.reconfigure(Path.of(args[1]).toUri());
        // Spark warns of a truncated plan once per JVM: the first run's warning (kept out of its log) set that flag
        Field printed =
                Class.forName("org.apache.spark.util.SparkStringUtils$").getDeclaredField("truncationWarningPrinted");
        printed.setAccessible(true);
        ((AtomicBoolean) printed.get(null)).set(false);
        job(args[2]);
    }

    private static void job(String folder) {
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("readme-logging")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
        String table = "delta.`" + folder + "`";
        spark.sql("CREATE TABLE " + table
                + " (id BIGINT) USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true',"
                + " 'delta.columnMapping.mode' = 'name')");
        spark.sql("INSERT INTO " + table + " SELECT id FROM range(10)");
        spark.sql("DELETE FROM " + table + " WHERE id = 3");
        long rows = spark.read().format("delta").load(folder).where("id > 1").count();
        System.out.println("read " + rows + " row(s)");
        // a plan of more columns than Spark prints (25 by default), as the SDK's quality check of many rules
        StringBuilder columns = new StringBuilder("id AS c0");
        for (int i = 1; i < 30; i++) columns.append(", id AS c").append(i);
        spark.sql("SELECT " + columns + " FROM range(1)").queryExecution().toString();
        LoggerFactory.getLogger("org.apache.spark.SparkContext").warn("a warning from Spark still shows");
        spark.stop();
    }
}

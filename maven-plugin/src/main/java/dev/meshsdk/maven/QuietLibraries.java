package dev.meshsdk.maven;

import java.util.Map;

/**
 * Keeps the libraries under the embedded store (Delta Kernel, Hadoop) and the JSON-schema validator from
 * filling the build log with their INFO chatter, and keeps Hadoop's shutdown hook from failing after Maven
 * has closed the plugin's class realm.
 *
 * <p>Maven logs through its SLF4J simple logger, which reads a logger's level from the system property
 * {@code org.slf4j.simpleLogger.log.<name>} when the logger is first created; a level the user set
 * ({@code -Dorg.slf4j.simpleLogger.log.io.delta=debug}) is kept.
 */
final class QuietLibraries {
    private static final Map<String, String> LEVELS = Map.ofEntries(
            Map.entry("io.delta", "error"),
            Map.entry("org.apache.hadoop", "error"),
            Map.entry("com.networknt", "error"),
            // Spark, when a data goal runs it in Maven's JVM (mesh.fork=never, or MAVEN_OPTS has its flags)
            Map.entry("org.apache.spark", "warn"),
            Map.entry("org.sparkproject", "warn"),
            // Parquet's writer under Spark ("Compression: SNAPPY", the record writer's block sizes)
            Map.entry("org.apache.parquet", "warn"),
            // "Truncated the string representation of a plan": the quality engine's aggregate has a column per rule
            Map.entry("org.apache.spark.util.SparkStringUtils", "error"),
            // "CSV header does not conform to the schema": the SDK matches the header itself (see fork-log4j2)
            Map.entry("org.apache.spark.sql.catalyst.csv.CSVHeaderChecker", "error"),
            // an existing session asked for with settings, and the deleted-rows filter Delta does not push down
            // to Parquet, logged at ERROR though the rows read are right (see fork-log4j2)
            Map.entry("org.apache.spark.sql.SparkSession", "error"),
            Map.entry("org.apache.spark.sql.classic.SparkSession", "error"),
            Map.entry("org.apache.spark.sql.delta.DeltaParquetFileFormat", "off"),
            // "Vacuum with retention threshold other than 0 hours is ignored": erasure names the table's own retention
            Map.entry("org.apache.spark.sql.delta.commands.VacuumCommand", "error"));

    private QuietLibraries() {}

    static void apply() {
        apply(false);
    }

    /** With {@code verbose} ({@code -Dmesh.spark.verbose=true}), everything from INFO up. */
    static void apply(boolean verbose) {
        LEVELS.forEach((logger, level) -> {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null || verbose) System.setProperty(key, verbose ? "info" : level);
        });
    }

    /**
     * Hadoop runs a JVM shutdown hook that loads classes lazily; by then Maven has closed the plugin's class
     * realm and the hook dies with NoClassDefFoundError. Loading them now, while the realm is open, avoids it.
     */
    static void preloadShutdownClasses(ClassLoader loader) {
        for (String name : new String[] {
            "org.apache.hadoop.util.ShutdownHookManager$1",
            "org.apache.hadoop.util.ShutdownHookManager$2",
            "org.apache.hadoop.util.ShutdownHookManager$HookEntry",
            "org.apache.hadoop.util.ShutdownHookManager$HookEntry$1"
        }) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Hadoop is not on the class path, or a different version: nothing to preload
            }
        }
    }
}

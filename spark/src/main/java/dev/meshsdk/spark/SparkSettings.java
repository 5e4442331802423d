package dev.meshsdk.spark;

import dev.meshsdk.spi.AdapterContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * How to build the Spark session the quality engine, the publisher and the eraser run on.
 *
 * <p>From configuration ({@link #from(AdapterContext)}): {@code mesh.spark.master} (default
 * {@code local[*]}, or whatever {@code spark-submit} set), {@code mesh.spark.appName}, any Spark setting as
 * {@code mesh.spark.conf.<spark key>}, and S3A access from {@code mesh.spark.s3.*} (see {@link S3Settings}).
 * Delta Lake's SQL extension and catalog are always configured; a local master runs without Spark's web UI, keeps
 * its warehouse folder under the temporary directory (not {@code ./spark-warehouse} beside the project), and splits
 * shuffles and Delta log replays by its own cores rather than a cluster's defaults (200 and 50 tasks); a setting of
 * these as a {@code spark.*} system property or {@code mesh.spark.conf.*} key wins.
 *
 * @param master  the Spark master, or null to keep the one the launcher set ({@code local[*]} when none)
 * @param appName the application name
 * @param conf    further Spark settings
 * @param s3      S3A access for every bucket, if configured
 */
public record SparkSettings(String master, String appName, Map<String, String> conf, Optional<S3Settings> s3) {
    static final String DEFAULT_MASTER = "local[*]";
    static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    static final String WAREHOUSE = "spark.sql.warehouse.dir";
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

    public SparkSettings {
        Objects.requireNonNull(appName, "appName");
        conf = conf == null ? Map.of() : Map.copyOf(conf);
        s3 = s3 == null ? Optional.empty() : s3;
    }

    /** Local mode on every core, no S3 settings. */
    public static SparkSettings defaults() {
        return new SparkSettings(null, "mesh-sdk", Map.of(), Optional.empty());
    }

    /** The settings from {@code mesh.spark.*} configuration keys. */
    public static SparkSettings from(AdapterContext context) {
        Map<String, String> conf = new LinkedHashMap<>();
        context.config().forEach((k, v) -> {
            if (k.startsWith("mesh.spark.conf.")) conf.put(k.substring("mesh.spark.conf.".length()), v);
        });
        return new SparkSettings(
                context.setting("mesh.spark.master").orElse(null),
                context.setting("mesh.spark.appName").orElse("mesh-sdk"),
                conf,
                S3Settings.fromConfig(context));
    }

    /** Every Spark setting the session is built with (secrets included: do not log it). */
    Map<String, String> sparkConf() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spark.app.name", appName);
        String m = master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
        all.put("spark.master", m);
        all.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        all.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        if (m.startsWith("local")) {
            // Spark lists folders (VACUUM does) in up to 10,000 tasks; on one machine that costs minutes.
            all.put(LISTING_PARALLELISM, "8");
            // no web UI for a build's or a job's local session: it costs start time and a port per JVM
            // (mesh.spark.conf.spark.ui.enabled=true brings it back)
            all.put("spark.ui.enabled", "false");
            // Spark's default, ./spark-warehouse, is created beside a build's pom.xml at start; the SDK keeps no
            // managed tables, so the folder goes where nobody looks
            all.put(WAREHOUSE, localWarehouse());
            // a cluster's defaults (200 shuffle tasks, 50 tasks to replay a Delta log) cost a local session of a
            // few tables more in task set-up and code generation than the data does: the quickstart's mesh:check
            // took about half as long with them cut to the cores (a cluster keeps its own settings)
            int threads = localThreads(m);
            putUnlessSet(all, SHUFFLE_PARTITIONS, String.valueOf(2 * threads));
            putUnlessSet(all, SNAPSHOT_PARTITIONS, String.valueOf(threads));
        }
        s3.ifPresent(s -> s.hadoopConf().forEach((k, v) -> all.put("spark.hadoop." + k, v)));
        all.putAll(conf);
        return all;
    }

    /** The threads of a local master: {@code local[4]} 4, {@code local[*]} and {@code local} this machine's cores. */
    static int localThreads(String master) {
        java.util.regex.Matcher n =
                java.util.regex.Pattern.compile("local\\[(\\d+)(,\\d+)?]").matcher(master);
        int threads = n.matches()
                ? Integer.parseInt(n.group(1))
                : Runtime.getRuntime().availableProcessors();
        return Math.max(1, threads);
    }

    /** Spark's builder settings override its {@code spark.*} system properties; a default must not. */
    private static void putUnlessSet(Map<String, String> all, String key, String value) {
        if (System.getProperty(key) == null) all.put(key, value);
    }

    /** A local session's warehouse: a folder of this user's under the temporary directory, never the project. */
    static String localWarehouse() {
        return Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "mesh-spark-warehouse-" + System.getProperty("user.name", "user"))
                .toUri()
                .toString();
    }

    /**
     * The running session if there is one (a notebook's, {@code spark-submit}'s, a test's), else a new one
     * built from these settings. Settings of an already running session are not changed. The caller owns
     * the session: the SDK never stops it.
     */
    public SparkSession getOrCreate() {
        Optional<SparkSession> running = running();
        if (running.isPresent()) return running.get();
        SparkSession.Builder b = SparkSession.builder();
        sparkConf().forEach(b::config);
        return b.getOrCreate();
    }

    static Optional<SparkSession> running() {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) return Optional.of(active.get());
        scala.Option<SparkSession> dflt = SparkSession.getDefaultSession();
        return dflt.isDefined() ? Optional.of(dflt.get()) : Optional.empty();
    }
}

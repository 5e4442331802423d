package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.lit;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.storage.DeltaEraser;
import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistory;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Erases a data subject from a Delta table with Spark in one commit, and offers the purge that makes it
 * physical: {@code REORG TABLE ... APPLY (PURGE)} rewrites the files that carry deletion vectors, then
 * {@code VACUUM} with the given retention removes the old files. {@link #deleteAndPurge} (what the storage
 * adapters call when they purge) does it with less work: its delete commit replaces the files that held the rows
 * by copies without them (copy-on-write), so only the VACUUM is left; see {@value #PURGE}.
 *
 * <p>A table with deletion vectors (what the storage adapters create) takes the lean path,
 * {@link DeletionVectorDelete}: one Spark job finds the subject's rows and one commit adds their deletion
 * vectors; the commit is recorded as a {@code DELETE} whose predicate, and so the subject's value, is left out
 * of the table's history (with the copy-on-write of {@link #deleteAndPurge} too). Other tables (copy-on-write, change data feed, row tracking, partitioned, other key
 * types), and every table when {@value #LEAN_PATH} is {@code false}, get Delta's {@code DELETE} statement;
 * Delta records that statement's predicate, value included, in the commit's {@code operationParameters}, which
 * stay in the table's log until Delta's log retention (30 days by default) removes them.
 *
 * <p>Found by the {@code local} and {@code s3} storage adapters through
 * {@code META-INF/services/dev.meshsdk.spi.storage.DeltaEraser}; the no-argument constructor uses the running
 * Spark session, or builds a local one ({@link SparkSettings#defaults()}) on first use.
 *
 * <p>The subject's value is never logged, never put in an exception (a failure whose cause mentions it is
 * reported without that cause) and never put into SQL text: the {@code DELETE} statement gets it as
 * hexadecimal bytes cast to the column's type ({@code CAST(X'...' AS STRING)}). On the lean path it appears in
 * no query plan and no setting that Spark reports (its UI, its event log); Delta's {@code DELETE} shows it in
 * the statement's query plan as well as in the table's history.
 */
public final class SparkDeltaEraser implements DeltaEraser {
    /**
     * Spark setting: {@code false} makes every erasure use Delta's {@code DELETE} statement instead of the lean
     * deletion-vector path (see {@link DeletionVectorDelete}); default {@code true}.
     */
    public static final String LEAN_PATH = "mesh.spark.erasure.leanPath";
    /**
     * Spark setting: {@code false} makes every purge run Delta's {@code VACUUM} statement; by default a table of up
     * to {@value DriverVacuum#MAX_FILES} files is vacuumed in the driver by the same rule, without VACUUM's Spark
     * jobs (see {@link DriverVacuum}).
     */
    public static final String DRIVER_VACUUM = "mesh.spark.erasure.driverVacuum";
    /**
     * Spark setting: how {@link #deleteAndPurge} takes the rows out of the table's files. {@value #REWRITE}
     * (default): the delete's own commit rewrites the files that held them (copy-on-write), and the purge is the
     * VACUUM alone; {@value #REORG}: the delete adds deletion vectors and {@code REORG ... APPLY (PURGE)} rewrites
     * the files in about one group per core; {@value #REORG_ONE_GROUP}: the same in Delta's own groups (every file
     * under 1 GB in one). The last two are kept to measure against ({@code ForgetBenchmark}).
     */
    public static final String PURGE = "mesh.spark.erasure.purge";
    /** {@value #PURGE}: the delete rewrites the files, one commit, no deletion vectors. */
    public static final String REWRITE = "rewrite";
    /** {@value #PURGE}: deletion vectors, then REORG in about one group per core. */
    public static final String REORG = "reorg";
    /** {@value #PURGE}: deletion vectors, then REORG in Delta's own groups. */
    public static final String REORG_ONE_GROUP = "reorg-one-group";
    /** Delta's setting that makes its {@code DELETE} statement write deletion vectors (else it rewrites files). */
    private static final String DELETE_DVS = "spark.databricks.delta.delete.deletionVectors.persistent";

    private static final String VACUUM_LOGGING = "spark.databricks.delta.vacuum.logging.enabled";
    /** Delta's setting for the largest group of files OPTIMIZE and REORG rewrite into one file, and its default. */
    private static final String MAX_BIN_SIZE = "spark.databricks.delta.optimize.maxFileSize";

    private static final long DELTA_MAX_BIN_SIZE = 1024L * 1024 * 1024;
    private final Supplier<SparkSession> session;
    /**
     * Idle erasure sessions (children of the application's): each call takes one for itself, so that calls on
     * different tables run at once, each with only its own table store's settings, and gives it back.
     */
    private final Deque<SparkSession> idle = new ArrayDeque<>();

    /** Uses the running Spark session, or a local one built on first use. */
    public SparkDeltaEraser() {
        this.session = () -> SparkSettings.defaults().getOrCreate();
    }

    /** Uses {@code spark}. */
    public SparkDeltaEraser(SparkSession spark) {
        Objects.requireNonNull(spark, "spark");
        this.session = () -> spark;
    }

    /** Safe to call at once for different tables (each call runs in a session of its own). */
    @Override
    public long delete(String tableUri, Map<String, String> store, String column, String value) {
        return delete(tableUri, store, column, value, false);
    }

    /**
     * Safe to call at once for different tables. By default ({@value #PURGE} {@value #REWRITE}) the delete's commit
     * replaces the files that held the subject's rows with copies without them, in one Spark job over those files
     * (its tasks one per core), so no deletion vector is left to purge and the purge is the VACUUM alone: one
     * commit and one rewrite instead of a deletion-vector commit, then REORG's planning, rewrite and commit.
     */
    @Override
    public long deleteAndPurge(
            String tableUri, Map<String, String> hadoopConf, String column, String value, Duration retention) {
        checkRetention(tableUri, retention);
        long rows = delete(tableUri, hadoopConf, column, value, REWRITE.equals(purgeMode(tableUri)));
        purge(tableUri, hadoopConf, retention);
        return rows;
    }

    private String purgeMode(String tableUri) {
        String mode = session.get().conf().get(PURGE, REWRITE).trim().toLowerCase(Locale.ROOT);
        if (!List.of(REWRITE, REORG, REORG_ONE_GROUP).contains(mode)) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot purge the Delta table at " + tableUri + ": Spark setting " + PURGE + " is '" + mode
                            + "'; use " + REWRITE + ", " + REORG + " or " + REORG_ONE_GROUP);
        }
        return mode;
    }

    private static void checkRetention(String tableUri, Duration retention) {
        if (retention == null || retention.isNegative()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot purge the Delta table at " + tableUri + ": retention " + retention
                            + " is not a duration of zero or more");
        }
    }

    /** {@code rewrite}: copy-on-write, the rows out of the table's files in this one commit. */
    private long delete(String tableUri, Map<String, String> store, String column, String value, boolean rewrite) {
        Objects.requireNonNull(value, "value");
        Map<String, String> hadoopConf = store == null ? Map.of() : store;
        String hex = hex(value);
        Lease lease = lease(hadoopConf);
        SparkSession s = lease.session;
        try {
            Snapshot snapshot = snapshot(s, tableUri, hadoopConf, "erase a data subject from");
            DeltaLog log = snapshot.deltaLog();
            StructField field = field(snapshot.metadata().schema(), column, tableUri);
            if (!fits(s, lit(value).try_cast(field.dataType()), field.dataType(), value)) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot erase a data subject from the Delta"
                                + " table at " + tableUri + ": the subject value is not a valid "
                                + field.dataType().simpleString()
                                + " for column '" + field.name() + "'; check the request");
            }
            if (!"false".equalsIgnoreCase(session.get().conf().get(LEAN_PATH, "true"))) {
                OptionalLong lean = DeletionVectorDelete.delete(s, log, snapshot, field, value, hadoopConf, rewrite);
                if (lean.isPresent()) return lean.getAsLong();
            }
            // Delta's DELETE, for the tables the lean path does not cover. It records its predicate, with the
            // value, in the commit's history: documented in the class comment.
            // The value enters the statement as hexadecimal bytes cast to the column's type: never as SQL text.
            String literal = "CAST(X'" + hex + "' AS STRING)";
            if (!(field.dataType() instanceof StringType)) {
                literal = "CAST(" + literal + " AS " + field.dataType().sql() + ")";
            }
            // DELETE's result row holds the number of rows deleted: no second look at the table's history.
            if (rewrite) s.conf().set(DELETE_DVS, "false");
            List<Row> result;
            try {
                result = s.sql("DELETE FROM delta.`" + tableUri.replace("`", "``") + "` WHERE "
                                + QualityRun.quote(field.name()) + " = " + literal)
                        .collectAsList();
            } finally {
                s.conf().unset(DELETE_DVS);
            }
            return result.isEmpty() || result.get(0).isNullAt(0)
                    ? 0
                    : ((Number) result.get(0).get(0)).longValue();
        } catch (MeshException e) {
            throw e;
        } catch (Exception e) {
            throw failure("delete a data subject's rows from", tableUri, e, value, hex);
        } finally {
            lease.close();
        }
    }

    /** The table's latest snapshot; fails, saying what to check, when there is no Delta table at the URI. */
    private static Snapshot snapshot(SparkSession s, String tableUri, Map<String, String> hadoopConf, String verb) {
        DeltaLog log = DeltaLog.forTable(s, new Path(tableUri), scalaMap(hadoopConf));
        Snapshot snapshot = log.update(false, scala.Option.empty(), scala.Option.empty());
        if (snapshot.version() < 0) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot " + verb + " " + tableUri + ": there is no Delta table there; check the port's location");
        }
        return snapshot;
    }

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(map));
    }

    /**
     * Safe to call at once for different tables. {@code REORG ... APPLY (PURGE)} runs only when some file of the
     * table carries a deletion vector (after a delete that found nothing, and after an earlier purge, none does:
     * the table's files stay as they are); VACUUM always runs, as one pass, since files removed by an earlier
     * erasure may have come of age since: in the driver for a small table ({@link DriverVacuum}, unless
     * {@value #DRIVER_VACUUM} is {@code false}), else Delta's statement. Returns the files VACUUM removed.
     */
    @Override
    public long purge(String tableUri, Map<String, String> hadoopConf, Duration retention) {
        checkRetention(tableUri, retention);
        boolean oneGroup = REORG_ONE_GROUP.equals(purgeMode(tableUri));
        Map<String, String> conf = new HashMap<>(hadoopConf == null ? Map.of() : hadoopConf);
        // The configured retention is the caller's decision, also below Delta's 7-day safety default.
        conf.put("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        // VACUUM's own commits (start, end) carry the count of files it removed: no second, dry, run to count them.
        conf.put(VACUUM_LOGGING, "true");
        String ident = "delta.`" + tableUri.replace("`", "``") + "`";
        String hours = BigDecimal.valueOf(retention.toMillis())
                .divide(BigDecimal.valueOf(3_600_000L), 6, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
        try (Lease lease = lease(conf)) {
            SparkSession s = lease.session;
            Snapshot snapshot = snapshot(s, tableUri, conf, "purge");
            if (DeletionVectorDelete.hasDeletionVectors(snapshot)) {
                long bin = oneGroup
                        ? DELTA_MAX_BIN_SIZE
                        : binSize(
                                DeletionVectorDelete.files(snapshot),
                                s.sparkContext().defaultParallelism());
                s.conf().set(MAX_BIN_SIZE, Long.toString(bin));
                try {
                    s.sql("REORG TABLE " + ident + " APPLY (PURGE)").collectAsList();
                } finally {
                    s.conf().unset(MAX_BIN_SIZE);
                }
            }
            long horizon = System.currentTimeMillis() - retention.toMillis();
            if (!"false".equalsIgnoreCase(session.get().conf().get(DRIVER_VACUUM, "true"))) {
                Snapshot after = snapshot.deltaLog().update(false, scala.Option.empty(), scala.Option.empty());
                OptionalLong removed = DriverVacuum.run(after, horizon, !retention.isZero());
                if (removed.isPresent()) return removed.getAsLong();
            }
            s.sql("VACUUM " + ident + " RETAIN " + hours + " HOURS").collectAsList();
            return vacuumed(snapshot.deltaLog());
        } catch (MeshException e) {
            throw e;
        } catch (Exception e) {
            throw failure("purge", tableUri, e, null, null);
        }
    }

    /**
     * The largest group of files REORG rewrites into one file, in bytes, so that the files to rewrite (those with a
     * deletion vector) make about one group per core. Delta's default groups files up to 1 GB and rewrites each group
     * in one task: the two 500,000-row files of a 1M-row table in one task on one core, while the other core waits.
     * Delta fills a group with the files in ascending size until the next would pass the limit; a limit of the
     * per-core share plus the largest file, less a byte, makes {@code parallelism} groups of equal files, and as
     * many or fewer of unequal ones. Groups never grow past Delta's default, so no file is larger than Delta's.
     */
    static long binSize(List<AddFile> files, int parallelism) {
        int cores = Math.max(1, parallelism);
        long total = 0;
        long largest = 0;
        for (AddFile f : files) {
            if (f.deletionVector() == null) continue;
            total += f.size();
            largest = Math.max(largest, f.size());
        }
        long share = (total + cores - 1) / cores;
        return Math.max(1, Math.min(DELTA_MAX_BIN_SIZE, share + largest - 1));
    }

    /**
     * The files the table's last VACUUM removed, from the metrics of its {@code VACUUM END} commit (among the last
     * few, should another writer have committed since).
     */
    private static long vacuumed(DeltaLog log) {
        for (DeltaHistory h : CollectionConverters.asJava(log.history().getHistory(scala.Option.apply(10)))) {
            if ("VACUUM END".equals(h.operation()) && h.operationMetrics().isDefined()) {
                scala.Option<String> files = h.operationMetrics().get().get("numDeletedFiles");
                return files.isDefined() ? Long.parseLong(files.get()) : 0;
            }
        }
        throw new IllegalStateException("VACUUM left no 'VACUUM END' commit with its metrics in the table's log");
    }

    /**
     * An idle erasure session (built when none is: a new session costs its own analyzer and Delta set-up), holding
     * the table store's settings for this call only, and made the thread's active session (Delta's transactions
     * take their settings from it). {@link Lease#close()} removes the settings and gives the session back.
     */
    private Lease lease(Map<String, String> conf) {
        SparkSession base = session.get();
        SparkSession s;
        synchronized (idle) {
            idle.removeIf(x -> x.sparkContext() != base.sparkContext()); // the application restarted Spark
            s = idle.poll();
        }
        if (s == null) s = base.newSession();
        conf.forEach(s.conf()::set);
        return new Lease(s, Set.copyOf(conf.keySet()), SparkSession.getActiveSession());
    }

    private final class Lease implements AutoCloseable {
        final SparkSession session;
        private final Set<String> keys;
        private final scala.Option<SparkSession> previous;

        Lease(SparkSession session, Set<String> keys, scala.Option<SparkSession> previous) {
            this.session = session;
            this.keys = keys;
            this.previous = previous;
            SparkSession.setActiveSession(session);
        }

        @Override
        public void close() {
            keys.forEach(session.conf()::unset);
            if (previous.isDefined()) SparkSession.setActiveSession(previous.get());
            else SparkSession.clearActiveSession();
            synchronized (idle) {
                idle.push(session);
            }
        }
    }

    /** The UTF-8 bytes of {@code value} in hexadecimal, for an {@code X'...'} literal. */
    static String hex(String value) {
        return java.util.HexFormat.of().withUpperCase().formatHex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the value casts to the column's type: in Java for the common key types, else with a tiny query. */
    private static boolean fits(SparkSession s, Column cast, DataType type, String value) {
        if (type instanceof StringType) return true;
        if (type instanceof LongType
                || type instanceof IntegerType
                || type instanceof ShortType
                || type instanceof ByteType) {
            try {
                long v = Long.parseLong(value.trim());
                if (type instanceof IntegerType) return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
                if (type instanceof ShortType) return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
                if (type instanceof ByteType) return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return !s.range(1).select(cast).first().isNullAt(0);
    }

    private static StructField field(StructType schema, String column, String tableUri) {
        for (StructField f : schema.fields()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) return f;
        }
        throw new MeshException(
                ErrorCode.INVALID_CONFIGURATION,
                "Cannot erase a data subject from the Delta table at "
                        + tableUri + ": it has no column '" + column + "'; its columns are "
                        + List.of(schema.fieldNames()) + "; check the contract's subject key");
    }

    static long version(DeltaTable table) {
        return table.history(1).select("version").first().getLong(0);
    }

    private static MeshException failure(String verb, String tableUri, Exception e, String value, String hex) {
        boolean mentionsValue = false;
        for (Throwable t = e; t != null && value != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains(value) || m.toUpperCase(Locale.ROOT).contains(hex))) mentionsValue = true;
        }
        String reason = mentionsValue
                ? e.getClass().getSimpleName() + " (details withheld: they contain the subject's value)"
                : QualityRun.reason(e);
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot " + verb + " the Delta table at " + tableUri + ": " + reason
                        + "; the table is as it was (one Delta commit or none): fix the cause and run again",
                mentionsValue ? null : e);
    }
}

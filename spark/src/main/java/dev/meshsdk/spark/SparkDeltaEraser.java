package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.lit;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.storage.DeltaEraser;
import io.delta.tables.DeltaTable;
import java.util.OptionalLong;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Erases a data subject from a Delta table with Spark in one commit, and offers the purge that makes it
 * physical: {@code REORG TABLE ... APPLY (PURGE)} rewrites the files that carry deletion vectors, then
 * {@code VACUUM} with the given retention removes the old files.
 *
 * <p>A table with deletion vectors (what the storage adapters create) takes the lean path,
 * {@link DeletionVectorDelete}: one Spark job finds the subject's rows and one commit adds their deletion
 * vectors; the commit is recorded as a {@code DELETE} whose predicate, and so the subject's value, is left out
 * of the table's history. Other tables (copy-on-write, change data feed, row tracking, partitioned, other key
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
    private final Supplier<SparkSession> session;
    /** The session erasures run in (a child of the application's), and the settings the last call put in it. */
    private SparkSession erasing;
    private final java.util.Set<String> scopedKeys = new java.util.HashSet<>();

    /** Uses the running Spark session, or a local one built on first use. */
    public SparkDeltaEraser() {
        this.session = () -> SparkSettings.defaults().getOrCreate();
    }

    /** Uses {@code spark}. */
    public SparkDeltaEraser(SparkSession spark) {
        Objects.requireNonNull(spark, "spark");
        this.session = () -> spark;
    }

    @Override
    public synchronized long delete(String tableUri, Map<String, String> store, String column, String value) {
        Objects.requireNonNull(value, "value");
        Map<String, String> hadoopConf = store == null ? Map.of() : store;
        String hex = hex(value);
        SparkSession s = scoped(hadoopConf);
        scala.Option<SparkSession> previous = SparkSession.getActiveSession();
        SparkSession.setActiveSession(s); // Delta's transaction takes its settings from the active session
        try {
            DeltaLog log = DeltaLog.forTable(s, new Path(tableUri), scalaMap(hadoopConf));
            Snapshot snapshot = log.update(false, scala.Option.empty(), scala.Option.empty());
            if (snapshot.version() < 0) {
                throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot erase a data subject from "
                        + tableUri + ": there is no Delta table there; check the port's location");
            }
            StructField field = field(snapshot.metadata().schema(), column, tableUri);
            if (!fits(s, lit(value).try_cast(field.dataType()), field.dataType(), value)) {
                throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot erase a data subject from the Delta"
                        + " table at " + tableUri + ": the subject value is not a valid " + field.dataType().simpleString()
                        + " for column '" + field.name() + "'; check the request");
            }
            if (!"false".equalsIgnoreCase(session.get().conf().get(LEAN_PATH, "true"))) {
                OptionalLong lean = DeletionVectorDelete.delete(s, log, snapshot, field, value, hadoopConf);
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
            List<Row> result = s.sql("DELETE FROM delta.`" + tableUri.replace("`", "``") + "` WHERE "
                    + QualityRun.quote(field.name()) + " = " + literal).collectAsList();
            return result.isEmpty() || result.get(0).isNullAt(0) ? 0 : ((Number) result.get(0).get(0)).longValue();
        } catch (MeshException e) {
            throw e;
        } catch (Exception e) {
            throw failure("delete a data subject's rows from", tableUri, e, value, hex);
        } finally {
            unscope();
            if (previous.isDefined()) SparkSession.setActiveSession(previous.get());
            else SparkSession.clearActiveSession();
        }
    }

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return scala.collection.immutable.Map$.MODULE$.from(
                scala.jdk.javaapi.CollectionConverters.asScala(map));
    }

    @Override
    public synchronized long purge(String tableUri, Map<String, String> hadoopConf, Duration retention) {
        if (retention == null || retention.isNegative()) {
            throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot purge the Delta table at " + tableUri
                    + ": retention " + retention + " is not a duration of zero or more");
        }
        SparkSession s = scoped(hadoopConf);
        // The configured retention is the caller's decision, also below Delta's 7-day safety default.
        s.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        scopedKeys.add("spark.databricks.delta.retentionDurationCheck.enabled");
        String ident = "delta.`" + tableUri.replace("`", "``") + "`";
        String hours = BigDecimal.valueOf(retention.toMillis()).divide(BigDecimal.valueOf(3_600_000L), 6,
                RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        try {
            DeltaTable.forPath(s, tableUri, hadoopConf); // fails clearly when there is no Delta table
            s.sql("REORG TABLE " + ident + " APPLY (PURGE)").collectAsList();
            long files = s.sql("VACUUM " + ident + " RETAIN " + hours + " HOURS DRY RUN").count();
            s.sql("VACUUM " + ident + " RETAIN " + hours + " HOURS").collectAsList();
            return files;
        } catch (Exception e) {
            throw failure("purge", tableUri, e, null, null);
        } finally {
            unscope();
        }
    }

    /**
     * The erasure session, holding for this call only the table store's settings (the previous call's are
     * removed first, and these when the call ends). Calls are serialised (the methods are synchronized).
     */
    private SparkSession scoped(Map<String, String> hadoopConf) {
        SparkSession base = session.get();
        if (erasing == null || erasing.sparkContext() != base.sparkContext()) {
            erasing = base.newSession(); // built once: a new session costs its own analyzer and Delta set-up
            scopedKeys.clear();
        }
        unscope();
        if (hadoopConf != null) {
            hadoopConf.forEach((k, v) -> {
                erasing.conf().set(k, v);
                scopedKeys.add(k);
            });
        }
        return erasing;
    }

    /** Removes the settings the last call put in the erasure session. */
    private void unscope() {
        if (erasing != null) for (String k : scopedKeys) erasing.conf().unset(k);
        scopedKeys.clear();
    }

    /** The UTF-8 bytes of {@code value} in hexadecimal, for an {@code X'...'} literal. */
    static String hex(String value) {
        return java.util.HexFormat.of().withUpperCase().formatHex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the value casts to the column's type: in Java for the common key types, else with a tiny query. */
    private static boolean fits(SparkSession s, Column cast, DataType type, String value) {
        if (type instanceof StringType) return true;
        if (type instanceof LongType || type instanceof IntegerType || type instanceof ShortType
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
        throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot erase a data subject from the Delta table at "
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
        return new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot " + verb + " the Delta table at " + tableUri
                + ": " + reason + "; the table is as it was (one Delta commit or none): fix the cause and run again",
                mentionsValue ? null : e);
    }
}

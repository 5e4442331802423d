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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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

/**
 * Erases a data subject from a Delta table with Spark: one {@code DELETE} commit (written as deletion vectors
 * when the table has {@code delta.enableDeletionVectors}), and the purge that makes it physical:
 * {@code REORG TABLE ... APPLY (PURGE)} rewrites the files that carry deletion vectors, then {@code VACUUM}
 * with the given retention removes the old files.
 *
 * <p>Found by the {@code local} and {@code s3} storage adapters through
 * {@code META-INF/services/dev.meshsdk.spi.storage.DeltaEraser}; the no-argument constructor uses the running
 * Spark session, or builds a local one ({@link SparkSettings#defaults()}) on first use.
 *
 * <p>The subject's value is never logged nor put in an exception: it enters the {@code DELETE} statement as
 * hexadecimal bytes cast to the column's type ({@code CAST(X'...' AS STRING)}), never as SQL text; calls run one
 * at a time in a child session of their own whose {@code spark.sql.redaction.string.regex} hides, for that
 * call, the value and its hexadecimal form in query plans shown by Spark's UI and event log; and a failure whose cause mentions the
 * value is reported without that cause. The statement's result gives the number of rows deleted.
 */
public final class SparkDeltaEraser implements DeltaEraser {
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
    public synchronized long delete(String tableUri, Map<String, String> hadoopConf, String column, String value) {
        Objects.requireNonNull(value, "value");
        String hex = hex(value);
        SparkSession s = scoped(hadoopConf, value, hex);
        try {
            DeltaTable table = DeltaTable.forPath(s, tableUri, hadoopConf);
            StructField field = field(table, column, tableUri);
            if (!fits(s, lit(value).try_cast(field.dataType()), field.dataType(), value)) {
                throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot erase a data subject from the Delta"
                        + " table at " + tableUri + ": the subject value is not a valid " + field.dataType().simpleString()
                        + " for column '" + field.name() + "'; check the request");
            }
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
        }
    }

    @Override
    public synchronized long purge(String tableUri, Map<String, String> hadoopConf, Duration retention) {
        if (retention == null || retention.isNegative()) {
            throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot purge the Delta table at " + tableUri
                    + ": retention " + retention + " is not a duration of zero or more");
        }
        SparkSession s = scoped(hadoopConf, null, null);
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
        }
    }

    /**
     * The erasure session, holding for this call only the table store's settings and the value redacted from
     * query plans (the previous call's are removed first). Calls are serialised (the methods are synchronized).
     */
    private SparkSession scoped(Map<String, String> hadoopConf, String value, String hex) {
        SparkSession base = session.get();
        if (erasing == null || erasing.sparkContext() != base.sparkContext()) {
            erasing = base.newSession(); // built once: a new session costs its own analyzer and Delta set-up
            scopedKeys.clear();
        }
        for (String k : scopedKeys) erasing.conf().unset(k); // the previous call's settings and value
        scopedKeys.clear();
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (hadoopConf != null) settings.putAll(hadoopConf);
        if (value != null && !value.isEmpty()) {
            settings.put("spark.sql.redaction.string.regex", "(?i)" + Pattern.quote(value) + "|" + hex);
        }
        settings.forEach((k, v) -> {
            erasing.conf().set(k, v);
            scopedKeys.add(k);
        });
        return erasing;
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

    private static StructField field(DeltaTable table, String column, String tableUri) {
        for (StructField f : table.toDF().schema().fields()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) return f;
        }
        throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot erase a data subject from the Delta table at "
                + tableUri + ": it has no column '" + column + "'; its columns are "
                + List.of(table.toDF().columns()) + "; check the contract's subject key");
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

package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.storage.DeltaEraser;
import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * <p>The subject's value is never logged nor put in an exception: it is compared as a literal cast to the
 * column's type, each call runs in its own session scope whose {@code spark.sql.redaction.string.regex}
 * hides the value in query plans shown by Spark's UI and event log, and a failure whose cause mentions the
 * value is reported without that cause.
 */
public final class SparkDeltaEraser implements DeltaEraser {
    private final Supplier<SparkSession> session;

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
    public long delete(String tableUri, Map<String, String> hadoopConf, String column, String value) {
        Objects.requireNonNull(value, "value");
        SparkSession s = scoped(hadoopConf, value);
        try {
            DeltaTable table = DeltaTable.forPath(s, tableUri, hadoopConf);
            StructField field = field(table, column, tableUri);
            Column subject = lit(value).try_cast(field.dataType());
            if (!fits(s, subject, field.dataType(), value)) {
                throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot erase a data subject from the Delta"
                        + " table at " + tableUri + ": the subject value is not a valid " + field.dataType().simpleString()
                        + " for column '" + field.name() + "'; check the request");
            }
            long before = version(table);
            table.delete(col(QualityRun.quote(field.name())).equalTo(subject));
            for (Row h : table.history(10).select("version", "operation", "operationMetrics").collectAsList()) {
                if (h.getLong(0) > before && "DELETE".equals(h.getString(1))) {
                    Map<String, String> metrics = h.getJavaMap(2);
                    return Long.parseLong(metrics.getOrDefault("numDeletedRows", "0"));
                }
            }
            return 0; // no commit: nothing matched
        } catch (MeshException e) {
            throw e;
        } catch (Exception e) {
            throw failure("delete a data subject's rows from", tableUri, e, value);
        }
    }

    @Override
    public long purge(String tableUri, Map<String, String> hadoopConf, Duration retention) {
        if (retention == null || retention.isNegative()) {
            throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot purge the Delta table at " + tableUri
                    + ": retention " + retention + " is not a duration of zero or more");
        }
        SparkSession s = scoped(hadoopConf, null);
        // The configured retention is the caller's decision, also below Delta's 7-day safety default.
        s.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
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
            throw failure("purge", tableUri, e, null);
        }
    }

    /**
     * A session of its own for one call: the table store's settings, and the value redacted from query plans.
     * It shares the running session's context, so it costs nothing to make.
     */
    private SparkSession scoped(Map<String, String> hadoopConf, String value) {
        SparkSession s = session.get().newSession();
        if (hadoopConf != null) hadoopConf.forEach((k, v) -> s.conf().set(k, v));
        if (value != null && !value.isEmpty()) {
            s.conf().set("spark.sql.redaction.string.regex", Pattern.quote(value));
        }
        return s;
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

    private static MeshException failure(String verb, String tableUri, Exception e, String value) {
        boolean mentionsValue = false;
        for (Throwable t = e; t != null && value != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(value)) mentionsValue = true;
        }
        String reason = mentionsValue
                ? e.getClass().getSimpleName() + " (details withheld: they contain the subject's value)"
                : QualityRun.reason(e);
        return new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot " + verb + " the Delta table at " + tableUri
                + ": " + reason + "; the table is as it was (one Delta commit or none): fix the cause and run again",
                mentionsValue ? null : e);
    }
}

package dev.meshsdk.spark;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Write-audit-publish of a {@link Dataset} into a port's Delta table: the data's schema is checked against
 * the contract (every problem named), the contract's quality rules of that object (and NOT NULL for its
 * required columns) are evaluated on exactly the candidate rows, and only when no blocking rule fails are the
 * rows committed, in one Delta transaction (append, or overwrite). A schema mismatch or a failed blocking
 * rule throws {@code QUALITY_FAILED} and leaves the table exactly as it was: no commit is made. The
 * candidate is cached while checked and written so that what is written is what was checked.
 *
 * <p>Replacing, the rules judge the candidate rows; appending, they judge what the table will hold after the
 * commit, its rows and the candidate's ({@link #judged}), so that a repeated key or a count over the table is
 * caught before it is committed, as {@code mesh:check} would measure it right after. The table must exist (the
 * {@code local} or {@code s3} storage adapter creates it on deploy). Results are reported like the
 * {@link SparkQualityEngine}'s, with phase {@code publish}.
 */
public final class DeltaPublisher {
    /** Whether the rows are added to the table or replace its rows. */
    public enum Mode {
        APPEND,
        OVERWRITE
    }

    /** What a publish did: the table, the Delta version it committed, rows published, every rule's result. */
    public record PublishResult(String table, long version, long rows, List<QualityResult> results) {
        public PublishResult {
            Objects.requireNonNull(table, "table");
            results = List.copyOf(results);
        }
    }

    private final AdapterContext context;
    private final Optional<S3Settings> s3Defaults;
    private final QualityReporting reporting;

    /** A publisher reporting to {@code context}'s metrics, with S3 defaults from its {@code mesh.spark.s3.*} keys. */
    public DeltaPublisher(AdapterContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.s3Defaults = S3Settings.fromConfig(context);
        this.reporting = new QualityReporting(context);
    }

    /**
     * Publishes {@code data} into schema object {@code object} (its store name) of {@code port}, on the
     * data's own Spark session.
     *
     * @throws PublishBlockedException naming each failed blocking rule and its measured value
     * @throws MeshException {@code QUALITY_FAILED} when the schema does not match, {@code STORAGE_FAILURE}
     *     when the table is missing or the store fails; in every case nothing was committed
     */
    public PublishResult publish(PortBinding port, String object, Dataset<Row> data, Mode mode) {
        Objects.requireNonNull(data, "data");
        SchemaObject schemaObject = port.contract().schema().stream()
                .filter(o -> object.equals(o.storeName()))
                .findFirst()
                .orElseThrow();
        return publish(
                port, object, data, mode, rules(port, schemaObject), true, PublishRequest.CandidateAudit.NONE, null);
    }

    /**
     * As {@link #publish(PortBinding, String, Dataset, Mode)} with the given rules (a NOT NULL rule is added for
     * each required column). {@code persist} false when {@code data} is already persisted by the caller, so that it
     * is not held twice. {@code audit} judges a sample of the candidate rows after the rules passed, before the
     * commit; what it throws goes through with nothing committed. {@code places}, when given, places in the file
     * the rows that break a failed blocking rule ({@link RuleLocations}).
     */
    PublishResult publish(
            PortBinding port,
            String object,
            Dataset<Row> data,
            Mode mode,
            List<ScopedRule> contractRules,
            boolean persist,
            PublishRequest.CandidateAudit audit,
            PublishFiles.Places places) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mode, "mode");
        SparkSession spark = data.sparkSession();
        PortTables.Table table = PortTables.table(port, object, context, s3Defaults);
        DeltaTable delta = open(spark, port, table);
        long before = SparkDeltaEraser.version(delta);
        SchemaObject schemaObject = port.contract().schema().stream()
                .filter(o -> object.equals(o.storeName()))
                .findFirst()
                .orElseThrow();
        List<ScopedRule> rules = new ArrayList<>(contractRules);
        for (ScopedRule r : required(schemaObject)) {
            if (!rules.contains(r)) rules.add(r);
        }
        Dataset<Row> aligned =
                SchemaCheck.align(port, schemaObject, table.uri(), delta.toDF().schema(), data);
        Dataset<Row> candidate = persist ? aligned.persist(StorageLevel.MEMORY_AND_DISK()) : aligned;
        try {
            Dataset<Row> read = mode == Mode.APPEND ? at(spark, table, before) : null;
            QualityRun.Outcome outcome = QualityRun.evaluate(spark, judged(read, candidate), rules);
            reporting.record(spark, port, table, "publish", outcome);
            long rows = mode == Mode.APPEND ? candidate.count() : outcome.rowCount();
            List<QualityResult> blocking =
                    outcome.results().stream().filter(QualityResult::blocks).toList();
            if (!blocking.isEmpty()) {
                PublishBlockedException refused = new PublishBlockedException(
                        "Cannot publish to port '" + port.port().name() + "' object '"
                                + object + "': blocking quality rules failed on the " + outcome.rowCount()
                                + (mode == Mode.APPEND
                                        ? " rows the table would hold (" + rows + " appended)"
                                        : " candidate rows")
                                + ": "
                                + blocking.stream().map(QualityResult::message).collect(Collectors.joining("; "))
                                + "; nothing was published (the table stays at version " + before + ")",
                        outcome.results());
                throw RuleLocations.placed(refused, places, read);
            }
            if (audit.sampleRows() > 0) audit.judge(DatasetSample.of(candidate, rows, audit.sampleRows()));
            try {
                candidate
                        .write()
                        .format("delta")
                        .mode(mode == Mode.APPEND ? "append" : "overwrite")
                        .options(table.hadoopConf())
                        .save(table.uri());
            } catch (Exception e) {
                throw PublishFailure.of(port, table, before, e);
            }
            long after = SparkDeltaEraser.version(DeltaTable.forPath(spark, table.uri(), table.hadoopConf()));
            return new PublishResult(table.uri(), after, rows, outcome.results());
        } finally {
            if (persist) candidate.unpersist();
        }
    }

    /**
     * What the rules judge: the candidate rows when they replace the table's; when they are appended, the rows the
     * table will hold after the commit, its rows at the version read and the candidate's, as {@code mesh:check}
     * would see them. Spark's column pruning reads of the table only the columns the rules use (no column for a row
     * count, the key column alone for {@code duplicateValues}); the counts are exact.
     *
     * @param table the table's rows at the version read when appending, null when replacing
     */
    static Dataset<Row> judged(Dataset<Row> table, Dataset<Row> candidate) {
        if (table == null) return candidate;
        Column[] columns = Arrays.stream(candidate.columns())
                .map(c -> functions.col(QualityRun.quote(c)))
                .toArray(Column[]::new);
        return table.select(columns).union(candidate);
    }

    /** The table's rows at {@code version}: what an append is judged with, and where a refused one's keys are. */
    private static Dataset<Row> at(SparkSession spark, PortTables.Table table, long version) {
        return spark.read()
                .format("delta")
                .options(table.hadoopConf())
                .option("versionAsOf", version)
                .load(table.uri());
    }

    /**
     * The port's Delta table; {@code UNSUPPORTED} for a port in another format, {@code STORAGE_FAILURE} saying to
     * deploy first when there is no readable Delta table.
     */
    static DeltaTable open(SparkSession spark, PortBinding port, PortTables.Table table) {
        if (!table.format().equals("delta")) {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot publish to port '" + port.port().name() + "': its format is " + table.format()
                            + "; publishing in one transaction needs format delta");
        }
        try {
            return DeltaTable.forPath(spark, table.uri(), table.hadoopConf());
        } catch (Exception e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot publish to port '" + port.port().name()
                            + "': no readable Delta table at " + table.uri() + " ("
                            + PublishFailure.redact(QualityRun.reason(e), table.hadoopConf())
                            + "); deploy the product first,"
                            + " and check the location and credentials",
                    e);
        }
    }

    /** The object's rules from the contract, then a NOT NULL rule for each required column. */
    static List<ScopedRule> rules(PortBinding port, SchemaObject object) {
        List<ScopedRule> rules = new ArrayList<>();
        for (ScopedRule r : ScopedRules.of(port.contract())) {
            if (r.object().equals(object.storeName())) rules.add(r);
        }
        rules.addAll(required(object));
        return rules;
    }

    /** A NOT NULL rule ({@code nullValues mustBe 0}, blocking) for each required column of the object. */
    static List<ScopedRule> required(SchemaObject object) {
        List<ScopedRule> rules = new ArrayList<>();
        Threshold zero = new Threshold(Threshold.Operator.MUST_BE, List.of(BigDecimal.ZERO));
        for (SchemaProperty p : object.properties()) {
            if (!p.required()) continue;
            rules.add(new ScopedRule(
                    object.storeName(),
                    p.storeName(),
                    new QualityRule(
                            null,
                            "required " + p.storeName(),
                            "The contract marks the column required",
                            "library",
                            "nullValues",
                            Map.of(),
                            Optional.of(zero),
                            null,
                            null,
                            null,
                            null,
                            "error",
                            "completeness",
                            List.of(),
                            Map.of())));
        }
        return rules;
    }
}

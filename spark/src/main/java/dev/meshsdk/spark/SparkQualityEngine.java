package dev.meshsdk.spark;

import com.codahale.metrics.Timer;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark} quality engine: evaluates a contract's rules on the Delta or Parquet tables of
 * {@code local} and {@code s3} ports, with one aggregate pass per table for every library metric and custom
 * rule, one pass over the {@code duplicateValues} columns (file by file without a shuffle where the data is
 * laid out by them, else by shuffling a 64-bit key per value and resolving colliding hashes exactly, else a
 * distinct aggregate), plus one query per {@code sql} rule. Results go to the context's metric registry and are kept beside
 * the table (see the module README).
 *
 * <p>The Spark session is obtained on the first {@link #evaluate} call, never before: creating the engine
 * or asking {@link #supports} starts nothing. The engine never stops the session; its owner does.
 */
public final class SparkQualityEngine implements QualityEngine {
    /**
     * Configuration key: {@code false} makes every {@code duplicateValues} rule count with a distinct aggregate
     * (a shuffle), never file by file without one (default {@code true}; see the module's README).
     */
    public static final String DUPLICATES_BY_FILE = "mesh.spark.quality.duplicatesByFile";
    /**
     * Configuration key: {@code false} makes the {@code duplicateValues} rules that are not counted file by file
     * count with a distinct aggregate, which shuffles Spark rows, instead of shuffling one 64-bit key per value
     * and resolving colliding hashes exactly (default {@code true}; see the module's README).
     */
    public static final String DUPLICATES_BY_HASH = "mesh.spark.quality.duplicatesByHash";

    private final boolean duplicatesByFile;
    private final boolean duplicatesByHash;
    private final Supplier<SparkSession> session;
    private final AdapterContext context;
    private final Optional<S3Settings> s3Defaults;
    private final QualityReporting reporting;
    private SparkSession spark;

    /** An engine on an existing session. */
    public SparkQualityEngine(SparkSession spark, AdapterContext context) {
        this(() -> spark, context);
        Objects.requireNonNull(spark, "spark");
    }

    /** An engine that gets or builds its session from {@code mesh.spark.*} settings on first use. */
    SparkQualityEngine(Supplier<SparkSession> session, AdapterContext context) {
        this.session = session;
        this.context = Objects.requireNonNull(context, "context");
        this.s3Defaults = S3Settings.fromConfig(context);
        this.reporting = new QualityReporting(context);
        this.duplicatesByFile = !"false".equalsIgnoreCase(context.config().get(DUPLICATES_BY_FILE));
        this.duplicatesByHash = !"false".equalsIgnoreCase(context.config().get(DUPLICATES_BY_HASH));
    }

    @Override
    public boolean supports(PortBinding port) {
        return PortTables.supports(port);
    }

    @Override
    public List<QualityResult> evaluate(PortBinding port, List<ScopedRule> rules) {
        if (rules.isEmpty()) return List.of();
        try (Timer.Context ignored =
                context.metrics().timer("mesh.quality.spark.evaluate").time()) {
            Map<String, List<Integer>> byObject = new LinkedHashMap<>();
            for (int i = 0; i < rules.size(); i++) {
                byObject.computeIfAbsent(rules.get(i).object(), k -> new ArrayList<>())
                        .add(i);
            }
            QualityResult[] out = new QualityResult[rules.size()];
            SparkSession s = session();
            for (Map.Entry<String, List<Integer>> e : byObject.entrySet()) {
                List<ScopedRule> some = e.getValue().stream().map(rules::get).toList();
                PortTables.Table table = PortTables.table(port, e.getKey(), context, s3Defaults);
                Dataset<Row> data = read(s, port, table);
                QualityRun.Outcome outcome;
                try {
                    outcome = QualityRun.evaluate(
                            s,
                            data,
                            some,
                            !duplicatesByFile
                                    ? column -> false
                                    : "delta".equals(table.format())
                                            ? DuplicateCounts.deltaFilesMayBeDisjoint(
                                                    s, table.uri(), table.hadoopConf())
                                            : column -> true,
                            duplicatesByHash ? HashedDuplicates.Hashing.DEFAULT : null);
                } catch (RuntimeException ex) {
                    throw failure(port, table, ex);
                }
                reporting.record(s, port, table, "scan", outcome);
                for (int k = 0; k < some.size(); k++)
                    out[e.getValue().get(k)] = outcome.results().get(k);
            }
            return List.of(out);
        }
    }

    /** The table's data; a table that is not there is a store failure that says to deploy first. */
    static Dataset<Row> read(SparkSession s, PortBinding port, PortTables.Table table) {
        try {
            return s.read().format(table.format()).options(table.hadoopConf()).load(table.uri());
        } catch (Exception e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot read " + table.format() + " table '"
                            + table.target() + "' of port '" + port.port().name() + "' at " + table.uri() + ": "
                            + QualityRun.reason(e)
                            + "; deploy the product first, and check the location and credentials",
                    e);
        }
    }

    private static MeshException failure(PortBinding port, PortTables.Table table, RuntimeException e) {
        if (e instanceof MeshException m) return m;
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot evaluate the quality rules of table '"
                        + table.target() + "' of port '" + port.port().name() + "' at " + table.uri() + ": "
                        + QualityRun.reason(e) + "; check that the store is reachable",
                e);
    }

    private synchronized SparkSession session() {
        if (spark == null) spark = session.get();
        return spark;
    }

    @Override
    public void close() {
        // The session belongs to whoever built it (see SparkSettings#getOrCreate); nothing else is held.
    }
}

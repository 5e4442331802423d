package dev.meshsdk.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityResult;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads the quality results that the {@link SparkQualityEngine} and the {@link DeltaPublisher} keep beside a
 * port's tables ({@code <port root>/_mesh_quality/<table>/<UTC time>-<run id>.json}), for a catalog to show
 * the history of a port's quality. Works on {@code local} and {@code s3} ports, with the same per-port S3A
 * settings (endpoint, path style, the team's credentials) the writer uses; it needs no Spark session.
 *
 * <pre>{@code
 * List<QualityResults.Evaluation> last10 = new QualityResults(context).list(new Configuration(), port, 10);
 * }</pre>
 *
 * <p>Only the current tables of the port's contract are read (for contract major version 2 and later, the
 * {@code _v<major>} tables). A table without results folder has no results; files in the folder whose name is
 * not {@code <UTC time>-<run id>.json} are ignored. A document that cannot be read or is not a quality result
 * is an error naming the file, not skipped: a history with a silent gap would mislead.
 */
public final class QualityResults {
    private static final Pattern FILE = Pattern.compile("\\d{8}T\\d{9}Z-[A-Za-z0-9_-]+\\.json");

    /**
     * One evaluation of one table, as kept.
     *
     * @param phase    {@code scan} (the quality engine) or {@code publish} (write-audit-publish, on the candidate rows)
     * @param table    the table's URI
     * @param file     where the document is
     */
    public record Evaluation(
            String product,
            String port,
            String environment,
            String contract,
            String contractVersion,
            String object,
            String table,
            String phase,
            String engine,
            Instant evaluatedAt,
            long rowCount,
            List<RuleResult> results,
            String file) {
        public Evaluation {
            Objects.requireNonNull(evaluatedAt, "evaluatedAt");
            results = List.copyOf(results);
        }
    }

    /**
     * One rule's outcome in an evaluation.
     *
     * @param scope     {@code object} or {@code object.property}
     * @param measured  the measured value, or null when the rule could not be evaluated
     * @param threshold the threshold as text ({@code mustBeLessOrEqualTo 0}), or null
     * @param blocking  whether a failure of this rule stops a publish
     */
    public record RuleResult(
            String rule,
            String scope,
            String type,
            String metric,
            QualityResult.Status status,
            BigDecimal measured,
            String threshold,
            String unit,
            String severity,
            String dimension,
            boolean blocking,
            String message) {
        public RuleResult {
            Objects.requireNonNull(status, "status");
        }
    }

    private final AdapterContext context;
    private final Optional<S3Settings> s3Defaults;
    // exact decimals: a kept 40.0000 (percent, 4 decimals) reads back as 40.0000, not 4E+1
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** A reader with the S3 defaults of {@code context}'s {@code mesh.spark.s3.*} keys and its secrets. */
    public QualityResults(AdapterContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.s3Defaults = S3Settings.fromConfig(context);
    }

    /** Every kept evaluation of the port's tables, newest first. */
    public List<Evaluation> list(Configuration hadoop, PortBinding port) {
        return list(hadoop, port, Integer.MAX_VALUE);
    }

    /**
     * The {@code limit} newest kept evaluations of the port's tables, newest first (only those documents are
     * read).
     *
     * @param hadoop the base Hadoop configuration ({@code new Configuration()}, or a Spark session's
     *     {@code sparkContext().hadoopConfiguration()}); the port's S3A settings are added to a copy of it
     * @throws MeshException {@code STORAGE_FAILURE} naming the folder or file when the store cannot be listed or
     *     a document cannot be read or is not a quality result; {@code UNSUPPORTED} for a port that is not on a
     *     {@code local} or {@code s3} server
     */
    public List<Evaluation> list(Configuration hadoop, PortBinding port, int limit) {
        Objects.requireNonNull(hadoop, "hadoop");
        Objects.requireNonNull(port, "port");
        if (limit < 1) {
            throw new IllegalArgumentException("Cannot list quality results: limit " + limit + " is below 1");
        }
        record Found(Path path, FileSystem fs) {}
        List<Found> found = new ArrayList<>();
        for (SchemaObject o : port.contract().schema()) {
            PortTables.Table table = PortTables.table(port, o.storeName(), context, s3Defaults);
            Configuration conf = new Configuration(hadoop);
            table.hadoopConf().forEach(conf::set);
            Path dir = new Path(table.resultsDir());
            try {
                FileSystem fs = dir.getFileSystem(conf);
                for (FileStatus f : fs.listStatus(dir)) {
                    if (f.isFile() && FILE.matcher(f.getPath().getName()).matches())
                        found.add(new Found(f.getPath(), fs));
                }
            } catch (FileNotFoundException e) {
                // no evaluation kept yet
            } catch (IOException e) {
                throw new MeshException(
                        ErrorCode.STORAGE_FAILURE,
                        "Cannot list the quality results of port '"
                                + port.port().name() + "' at " + dir + ": "
                                + PublishFailure.redact(QualityRun.reason(e), table.hadoopConf())
                                + "; check that the location is reachable and readable",
                        e);
            }
        }
        // File names start with the UTC time (to the millisecond), so the newest are found without reading.
        found.sort(Comparator.comparing((Found f) -> f.path().getName())
                .thenComparing(f -> f.path().toString())
                .reversed());
        List<Evaluation> out = new ArrayList<>();
        for (Found f : found.subList(0, Math.min(limit, found.size()))) out.add(read(port, f.fs(), f.path()));
        out.sort(Comparator.comparing(Evaluation::evaluatedAt).reversed()); // stable: ties keep the name order
        return List.copyOf(out);
    }

    private Evaluation read(PortBinding port, FileSystem fs, Path path) {
        JsonNode doc;
        try (InputStream in = fs.open(path)) {
            doc = json.readTree(in);
        } catch (IOException e) {
            throw unreadable(port, path, QualityRun.reason(e));
        }
        try {
            if (doc == null || !doc.isObject()) throw new IllegalArgumentException("it is not a JSON object");
            List<RuleResult> rules = new ArrayList<>();
            JsonNode results = doc.get("results");
            if (results == null || !results.isArray()) throw new IllegalArgumentException("it has no results array");
            for (JsonNode n : results) {
                JsonNode measured = n.get("measured");
                if (measured != null && !measured.isNull() && !measured.isNumber()) {
                    throw new IllegalArgumentException("measured value '" + measured.asText() + "' is not a number");
                }
                rules.add(new RuleResult(
                        required(n, "rule"),
                        text(n, "scope"),
                        text(n, "type"),
                        text(n, "metric"),
                        QualityResult.Status.valueOf(required(n, "status")),
                        measured == null || measured.isNull() ? null : measured.decimalValue(),
                        text(n, "threshold"),
                        text(n, "unit"),
                        text(n, "severity"),
                        text(n, "dimension"),
                        n.path("blocking").asBoolean(true),
                        text(n, "message")));
            }
            JsonNode rowCount = doc.get("rowCount");
            if (rowCount == null || !rowCount.canConvertToLong())
                throw new IllegalArgumentException("it has no rowCount");
            return new Evaluation(
                    required(doc, "product"),
                    required(doc, "port"),
                    text(doc, "environment"),
                    text(doc, "contract"),
                    text(doc, "contractVersion"),
                    text(doc, "object"),
                    text(doc, "table"),
                    text(doc, "phase"),
                    text(doc, "engine"),
                    Instant.parse(required(doc, "evaluatedAt")),
                    rowCount.asLong(),
                    rules,
                    path.toString());
        } catch (RuntimeException e) {
            throw unreadable(port, path, QualityRun.reason(e));
        }
    }

    private static MeshException unreadable(PortBinding port, Path path, String reason) {
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot read the quality results of port '"
                        + port.port().name() + "': " + path + " is not a readable quality result document (" + reason
                        + "); repair or remove that file");
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) throw new IllegalArgumentException("it has no " + field);
        return v.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

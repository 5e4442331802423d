package dev.meshsdk.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records each read of a file-based table (Delta, Parquet) by a Spark application, for the {@code spark} usage
 * collector ({@link SparkUsageCollector}): one JSON line per table and successful query, {@code {"at", "path",
 * "user", "application"}}, appended to {@code <read log>/<application id>.jsonl}. A consumer's job turns it on
 * with {@code spark.sql.queryExecutionListeners=dev.meshsdk.spark.MeshReadListener} and
 * {@code spark.mesh.readLog=<folder>}; the SDK's own sessions (publish, check, erase) do not, so their reads are
 * not counted. The user is Spark's ({@code sparkUser}: the login, or {@code SPARK_USER}), the application its
 * name. Never fails a query: a read that cannot be recorded is dropped.
 */
public final class MeshReadListener implements QueryExecutionListener {
    /** The Spark setting naming the folder to log reads to. */
    public static final String LOG_SETTING = "spark.mesh.readLog";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    /** Logs to the folder of {@value #LOG_SETTING} of the session each query runs in (how Spark creates it). */
    public MeshReadListener() {
        this.folder = null;
    }

    /** Logs to {@code folder}, whatever the session's settings. */
    public MeshReadListener(Path folder) {
        this.folder = folder;
    }

    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        try {
            SparkSession session = qe.sparkSession();
            Path dir = folder != null ? folder : session.conf().getOption(LOG_SETTING).map(Path::of).getOrElse(() -> null);
            if (dir == null) return;
            Set<String> paths = tablePaths(qe.analyzed());
            if (paths.isEmpty()) return;
            StringBuilder lines = new StringBuilder();
            String now = Instant.now().toString();
            for (String path : paths) {
                ObjectNode line = JSON.createObjectNode().put("at", now).put("path", path)
                        .put("user", session.sparkContext().sparkUser())
                        .put("application", session.sparkContext().appName());
                lines.append(JSON.writeValueAsString(line)).append('\n');
            }
            append(dir.resolve(session.sparkContext().applicationId() + ".jsonl"), lines.toString());
        } catch (IOException | RuntimeException e) {
            // a usage record is never worth failing or slowing a consumer's query
        }
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        // a failed query read nothing the consumer got
    }

    /**
     * The root paths of the file-based relations a plan reads, normalised ({@link SparkUsageCollector#normalise}),
     * without Delta's own reads of a table's {@code _delta_log}.
     */
    static Set<String> tablePaths(LogicalPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (LogicalPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
            if (leaf instanceof LogicalRelation r && r.relation() instanceof HadoopFsRelation fs) {
                for (org.apache.hadoop.fs.Path p : CollectionConverters.asJava(fs.location().rootPaths())) {
                    String path = SparkUsageCollector.normalise(p.toUri().toString());
                    // Delta reads its own log with Spark queries too: those are the table's bookkeeping, not reads
                    if (!SparkUsageCollector.isDeltaLog(path)) out.add(path);
                }
            }
        }
        return out;
    }

    private static synchronized void append(Path file, String lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

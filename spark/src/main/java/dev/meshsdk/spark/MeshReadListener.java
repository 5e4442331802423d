package dev.meshsdk.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records each read of a file-based table (Delta, Parquet) by a Spark application, for the {@code spark} usage
 * collector ({@link SparkUsageCollector}): one JSON line per table and successful query, {@code {"at", "path",
 * "user", "application", "columns"}} ({@code columns}: the table's columns the optimised plan reads after column
 * pruning, {@link #columnsRead}; absent when it reads none, as {@code count()} does), appended to {@code <read log>/<application id>.jsonl}. A consumer's job turns it on
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
            Path dir = folder != null
                    ? folder
                    : session.conf().getOption(LOG_SETTING).map(Path::of).getOrElse(() -> null);
            if (dir == null) return;
            Set<String> paths = tablePaths(qe.analyzed());
            if (paths.isEmpty()) return;
            Map<String, Set<String>> columns = columnsRead(qe.optimizedPlan());
            StringBuilder lines = new StringBuilder();
            String now = Instant.now().toString();
            for (String path : paths) {
                ObjectNode line = JSON.createObjectNode()
                        .put("at", now)
                        .put("path", path)
                        .put("user", session.sparkContext().sparkUser())
                        .put("application", session.sparkContext().appName());
                Set<String> read = columns.getOrDefault(path, Set.of());
                if (!read.isEmpty()) read.forEach(line.putArray("columns")::add);
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
                for (org.apache.hadoop.fs.Path p :
                        CollectionConverters.asJava(fs.location().rootPaths())) {
                    String path = SparkUsageCollector.normalise(p.toUri().toString());
                    // Delta reads its own log with Spark queries too: those are the table's bookkeeping, not reads
                    if (!SparkUsageCollector.isDeltaLog(path)) out.add(path);
                }
            }
        }
        return out;
    }

    /**
     * The columns of each file-based relation (by root path, as {@link #tablePaths}) that the optimised plan reads
     * after column pruning: those of the relation's output that a node of the plan or of its subqueries references,
     * or that the plan returns as they are. A relation none of whose columns is used ({@code count()}) has none: its
     * read's columns are not told. Top-level columns only: a read of a struct's field reads its column.
     */
    static Map<String, Set<String>> columnsRead(LogicalPlan plan) {
        Set<ExprId> used = new HashSet<>();
        CollectionConverters.asJava(plan.output()).forEach(a -> used.add(a.exprId()));
        List<LogicalPlan> leaves = new ArrayList<>();
        walk(plan, used, leaves);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (LogicalPlan leaf : leaves) {
            if (!(leaf instanceof LogicalRelation r) || !(r.relation() instanceof HadoopFsRelation fs)) continue;
            Set<String> read = new TreeSet<>();
            for (Attribute a : CollectionConverters.asJava(r.output()))
                if (used.contains(a.exprId())) read.add(a.name());
            for (org.apache.hadoop.fs.Path p :
                    CollectionConverters.asJava(fs.location().rootPaths())) {
                out.computeIfAbsent(SparkUsageCollector.normalise(p.toUri().toString()), k -> new TreeSet<>())
                        .addAll(read);
            }
        }
        return out;
    }

    /** Adds the ids of the attributes {@code plan}, its children and its subqueries reference, and their leaves. */
    private static void walk(LogicalPlan plan, Set<ExprId> used, List<LogicalPlan> leaves) {
        CollectionConverters.asJava(plan.references().toSeq()).forEach(a -> used.add(a.exprId()));
        if (plan.children().isEmpty()) leaves.add(plan);
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) walk(child, used, leaves);
        for (LogicalPlan sub : CollectionConverters.asJava(plan.subqueries())) walk(sub, used, leaves);
    }

    private static synchronized void append(Path file, String lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

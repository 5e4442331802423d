package dev.meshsdk.spark;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;

/**
 * Words a failed Delta write of a publish so that a person can act on it: whether anything can have been
 * committed, whether the store was unreachable, and what to do. Credentials from the table's S3A settings
 * never appear in the message.
 *
 * <p>A publish writes the data files in a Spark job first and only then makes the Delta commit (one
 * {@code _delta_log} file). A failure while writing the data files ({@code TASK_WRITE_FAILED}, or any failure
 * not thrown inside Delta's commit code, judged by its stack), a failure found before writing (an
 * {@link AnalysisException}) or a lost race with another writer (Delta's concurrent modification exceptions)
 * comes before the commit: nothing was published, and publishing the same data again is safe. A failure thrown
 * inside the commit may have happened while the commit file itself was being written, so the message says to
 * look at the table's history before an append is repeated.
 */
final class PublishFailure {
    private PublishFailure() {}

    static MeshException of(PortBinding port, PortTables.Table table, long before, Throwable e) {
        List<Throwable> chain = chain(e);
        String where = "Cannot publish to port '" + port.port().name() + "' at " + table.uri();
        String cause = redact(rootReason(chain), table.hadoopConf());
        String endpoint = table.hadoopConf().entrySet().stream()
                .filter(x -> x.getKey().endsWith(".endpoint"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        boolean unreachable = chain.stream().anyMatch(PublishFailure::isNetwork);
        String what = unreachable
                ? "the store" + (endpoint == null ? "" : " at " + endpoint) + " could not be reached (" + cause + ")"
                : cause;
        boolean inCommit = chain.stream().anyMatch(PublishFailure::thrownInCommit);
        if (chain.stream().anyMatch(t -> condition(t).equals("TASK_WRITE_FAILED"))
                || !inCommit && chain.stream().noneMatch(t -> t instanceof AnalysisException)) {
            return new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    where + ": writing the data files failed: " + what
                            + "; nothing was published: the Delta commit was not made and the table is still at version "
                            + before
                            + " (data files written before the failure are not part of the table; VACUUM removes"
                            + " them); "
                            + (unreachable ? "once the store is reachable again, " : "fix the cause, then ")
                            + "publish the same data again (a re-run is safe)",
                    e);
        }
        if (chain.stream()
                .anyMatch(t ->
                        t instanceof AnalysisException || t instanceof java.util.ConcurrentModificationException)) {
            return new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    where + ": Delta refused the write: " + what
                            + "; nothing was published: the table is still at version " + before + " (or at the version"
                            + " another writer committed meanwhile); fix the cause, then publish again",
                    e);
        }
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                where + ": the Delta commit failed: " + what
                        + "; a Delta commit is all or nothing, but one cut off while being written may have been made: the"
                        + " table holds either none of these rows (version " + before
                        + ") or all of them (a later version);"
                        + " check the table's history (DESCRIBE HISTORY) before publishing again, as an append repeated"
                        + " after a commit that was made adds the rows twice",
                e);
    }

    /** Removes the values of credential settings ({@code *.access.key}, {@code *.secret.key}, tokens) from {@code text}. */
    static String redact(String text, Map<String, String> hadoopConf) {
        String out = text;
        for (Map.Entry<String, String> x : hadoopConf.entrySet()) {
            String k = x.getKey();
            String v = x.getValue();
            if (v == null || v.length() < 4) continue;
            if (k.endsWith(".access.key") || k.endsWith(".secret.key") || k.endsWith(".session.token")) {
                out = out.replace(v, "****");
            }
        }
        return out;
    }

    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t) && chain.size() < 30; t = t.getCause()) chain.add(t);
        return chain;
    }

    /** The deepest cause's first line: "Connection refused" rather than five wrappers repeating it. */
    private static String rootReason(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).getMessage() != null && !chain.get(i).getMessage().isBlank()) {
                return QualityRun.reason(chain.get(i));
            }
        }
        return QualityRun.reason(chain.get(0));
    }

    private static boolean isNetwork(Throwable t) {
        String name = t.getClass().getName();
        return t instanceof SocketException
                || t instanceof SocketTimeoutException
                || t instanceof UnknownHostException
                || name.endsWith("NoHttpResponseException")
                || name.endsWith("ConnectTimeoutException");
    }

    /**
     * Whether {@code t} was thrown inside Delta's commit (the only code that writes the {@code _delta_log} file):
     * a failure anywhere else in the write (the data files' job, the job's abort, statistics) comes before it.
     */
    private static boolean thrownInCommit(Throwable t) {
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getClassName().startsWith("org.apache.spark.sql.delta.OptimisticTransaction")
                    && f.getMethodName().toLowerCase(java.util.Locale.ROOT).contains("commit")) {
                return true;
            }
        }
        return false;
    }

    private static String condition(Throwable t) {
        if (!(t instanceof SparkThrowable s)) return "";
        String c = s.getCondition();
        return c == null ? "" : c;
    }
}

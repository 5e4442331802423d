package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.MetricsReporting;
import dev.meshsdk.spi.Secrets;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Runs a goal's core call on a {@link Mesh} built from its {@link MeshSetup}, with the metrics reporter the
 * user asked for, and turns the SDK's outcome into Maven's exceptions: the same in Maven's JVM and in a
 * forked one ({@link ForkedGoal}), so that a user sees the same messages either way.
 *
 * <p>A {@link MeshException} that is the user's mistake becomes a {@link MojoFailureException} with the SDK's
 * message (which already names the file and line, or the setting, and what to do); anything else becomes a
 * {@link MojoExecutionException} with its cause.
 */
final class GoalRunner {
    /** The goal's core call(s) on the open {@code Mesh}. */
    @FunctionalInterface
    interface Body {
        void run(Mesh mesh) throws MojoExecutionException, MojoFailureException;
    }

    private GoalRunner() {}

    static void run(MeshSetup setup, Secrets secrets, Log log, ClassLoader loader, Body body)
            throws MojoExecutionException, MojoFailureException {
        AutoCloseable reporter = null;
        try (Mesh mesh = setup.open(secrets, new LogListener(log), loader)) {
            if (setup.metrics() != null && !setup.metrics().isBlank()) reporter = startMetrics(mesh, setup, log);
            body.run(mesh);
        } catch (RuntimeException e) {
            rethrow(failure(setup.goal(), e));
        } finally {
            closeReporter(reporter, log);
        }
    }

    /**
     * Runs a data goal's call; with {@code spark}, starts Spark beside it ({@link SparkStart}), and in Maven's
     * JVM ({@code forked} false) stops it after the call if it started it.
     */
    static void run(
            MeshSetup setup, Secrets secrets, Log log, ClassLoader loader, GoalCall call, boolean spark, boolean forked)
            throws MojoExecutionException, MojoFailureException {
        run(setup, secrets, log, loader, mesh -> {
            if (!spark) {
                call.run(mesh, setup, log);
                return;
            }
            try (SparkStart.Started started =
                    SparkStart.start(setup.adapterContext(mesh, secrets), loader, log, !forked)) {
                call.run(mesh, setup, log);
            }
        });
    }

    /** The one place SDK and adapter exceptions become Maven exceptions. */
    static AbstractMojoExecutionException failure(String goal, RuntimeException e) {
        if (e instanceof MeshException m) {
            if (m.userError()) return new MojoFailureException(m.getMessage(), m);
            return new MojoExecutionException("Cannot run mesh:" + goal + ": " + m.getMessage(), m);
        }
        return new MojoExecutionException(
                "Cannot run mesh:" + goal + ": the SDK or an adapter failed"
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; rerun with -e for details",
                e);
    }

    /** Throws what {@link #failure} makes, keeping the checked type. */
    static void rethrow(AbstractMojoExecutionException e) throws MojoExecutionException, MojoFailureException {
        if (e instanceof MojoFailureException f) throw f;
        throw (MojoExecutionException) e;
    }

    private static AutoCloseable startMetrics(Mesh mesh, MeshSetup setup, Log log) throws MojoFailureException {
        String spec = setup.metrics();
        try {
            AutoCloseable reporter = MetricsReporting.start(mesh.metrics(), spec, System.out);
            if (spec.regionMatches(true, 0, "csv:", 0, 4)) {
                // the CSV reporter is silent: say once where its files go
                log.info("Metrics go to " + setup.display(java.nio.file.Path.of(spec.substring(4)))
                        + ", one CSV file per metric, written when the goal ends");
            }
            return reporter;
        } catch (MeshException e) {
            if (!e.userError()) throw e;
            throw new MojoFailureException("Invalid <metrics> (-Dmesh.metrics): " + e.getMessage(), e);
        }
    }

    private static void closeReporter(AutoCloseable reporter, Log log) {
        if (reporter == null) return;
        try {
            reporter.close();
        } catch (Exception e) {
            log.warn("Cannot write the last metrics report: " + e.getMessage());
        }
    }
}

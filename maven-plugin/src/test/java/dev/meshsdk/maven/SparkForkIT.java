package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkFork} runs real forked JVMs of this module's test class path, with {@link ForkTestCall}s that start
 * no Spark (the invoker scenario {@code spark-fork} starts Spark): the secret travels in the environment only,
 * every outcome maps to the exception and message the goal throws in Maven's JVM, and the forked JVM's own output
 * reaches the log at its level.
 */
class SparkForkIT {
    private static final String SECRET = "s3cr3t-\u00e9-value";

    @TempDir
    Path dir;

    @Test
    void theSecretTravelsInTheEnvironmentOnly() throws Exception {
        RecordingLog log = new RecordingLog(true);

        fork(
                log,
                new ForkTestCall("secret", ForkTestCall.sha256(SECRET)),
                Map.of(
                        EnvironmentSecrets.usernameVariable("warehouse"),
                        "loader",
                        EnvironmentSecrets.passwordVariable("warehouse"),
                        SECRET));

        assertThat(log.lines)
                .contains(
                        "[INFO] user loader, secret as sent: true",
                        "[INFO] secret on the command line: false",
                        "[INFO] secret in the fork's files: false",
                        "[DEBUG] a debug line");
        assertThat(log.lines).anyMatch(l -> l.matches("\\[DEBUG\\] The forked JVM is ready after \\d+ ms"));
        assertThat(String.join("\n", log.lines)).doesNotContain(SECRET);
    }

    @Test
    void aUsersMistakeIsAFailureWithTheSdksMessage() {
        assertThatThrownBy(() -> fork(new RecordingLog(false), new ForkTestCall("user-error", null), Map.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("src/main/data/orders.csv:1:3: Cannot publish to port 'orders': column 'amout' is not in"
                        + " the contract");
        assertThatThrownBy(() -> fork(new RecordingLog(false), new ForkTestCall("mojo-failure", null), Map.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Cannot check: -Dmesh.check.failOn is 'sometimes'");
    }

    @Test
    void aFaultIsAnExecutionExceptionWithTheForkedCauseAndItsFrames() {
        assertThatThrownBy(() -> fork(new RecordingLog(false), new ForkTestCall("bug", null), Map.of()))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Cannot run mesh:test: the SDK or an adapter failed: boom; rerun with -e for details")
                .cause()
                .hasToString("java.lang.IllegalStateException: boom")
                .satisfies(c -> assertThat(c.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(ForkTestCall.class.getName())
                                && f.getMethodName().equals("run")))
                .cause()
                .hasToString("java.io.IOException: disk full");
    }

    @Test
    void aJvmThatDiesBeforeItsOutcomeIsAnExecutionException() {
        assertThatThrownBy(() -> fork(new RecordingLog(false), new ForkTestCall("exit", null), Map.of()))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Cannot run mesh:test in a forked JVM: it exited with code 7 before it finished; see the"
                        + " lines above, and give it more memory with -Dmesh.fork.jvmArgs=-Xmx4g if it ran out");
    }

    @Test
    void aJvmThatCannotStartReportsWhatJavaSaidAndTheSettingToFix() {
        RecordingLog log = new RecordingLog(false);

        assertThatThrownBy(() -> fork(log, new ForkTestCall("pid", null), Map.of(), List.of("-Xmx1q")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Cannot start the forked JVM of mesh:test: java exited with code 1 and said:"
                        + " Invalid maximum heap size: -Xmx1q")
                .hasMessageEndingWith("; fix the JVM options in mesh.fork.jvmArgs (-Dmesh.fork.jvmArgs=... or"
                        + " <forkJvmArgs> in the POM), for example -Dmesh.fork.jvmArgs=-Xmx2g");
        assertThat(log.lines).contains("[WARNING] Invalid maximum heap size: -Xmx1q");
    }

    @Test
    void whatTheForkedJvmPrintsReachesTheLogAtItsLevel() throws Exception {
        RecordingLog log = new RecordingLog(false);

        fork(log, new ForkTestCall("print", null), Map.of());

        assertThat(log.lines)
                .contains(
                        "[INFO] printed to System.out",
                        "[WARNING] SomeLibrary: a warning of a library",
                        "[INFO] SomeLibrary: an info line of a library",
                        "[WARNING] something else on standard error",
                        "[WARNING] a warning of the goal");
        assertThat(log.lines).noneMatch(l -> l.contains("{\"mesh\":"));
    }

    @Test
    void theNextGoalOfTheBuildRunsInTheSameJvmUnlessItNeedsAnotherOne() throws Exception {
        RecordingLog first = new RecordingLog(false);
        RecordingLog second = new RecordingLog(false);
        RecordingLog other = new RecordingLog(false);
        RecordingLog afterFault = new RecordingLog(false);

        fork(first, new ForkTestCall("pid", null), Map.of());
        assertThatThrownBy(() -> fork(new RecordingLog(false), new ForkTestCall("user-error", null), Map.of()))
                .isInstanceOf(MojoFailureException.class);
        fork(second, new ForkTestCall("pid", null), Map.of());
        fork(other, new ForkTestCall("pid", null), Map.of("MESH_OTHER_PASSWORD", "x"));
        assertThatThrownBy(() -> fork(
                        new RecordingLog(false), new ForkTestCall("bug", null), Map.of("MESH_OTHER_PASSWORD", "x")))
                .isInstanceOf(MojoExecutionException.class);
        fork(afterFault, new ForkTestCall("pid", null), Map.of("MESH_OTHER_PASSWORD", "x"));

        String pid = pid(first);
        assertThat(pid).isNotEqualTo(String.valueOf(ProcessHandle.current().pid()));
        assertThat(pid(second)).as("the same JVM, also after a user's mistake").isEqualTo(pid);
        assertThat(pid(other)).as("another environment, another JVM").isNotEqualTo(pid);
        assertThat(pid(afterFault))
                .as("a fresh JVM after a fault")
                .isNotEqualTo(pid(other))
                .isNotEqualTo(pid);
        java.util.Optional<ProcessHandle> replaced = ProcessHandle.of(Long.parseLong(pid));
        if (replaced.isPresent()) replaced.get().onExit().get(40, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive))
                .as("the replaced JVM ended")
                .isNotEqualTo(java.util.Optional.of(true));
    }

    private static String pid(RecordingLog log) {
        return log.lines.stream()
                .filter(l -> l.startsWith("[INFO] pid "))
                .map(l -> l.substring(11))
                .findFirst()
                .orElseThrow();
    }

    private void fork(RecordingLog log, ForkTestCall call, Map<String, String> environment)
            throws MojoExecutionException, MojoFailureException {
        fork(log, call, environment, List.of("-Xmx256m"));
    }

    private void fork(RecordingLog log, ForkTestCall call, Map<String, String> environment, List<String> jvmArgs)
            throws MojoExecutionException, MojoFailureException {
        MeshSetup setup = new MeshSetup(
                "test",
                dir,
                "dev",
                List.of(),
                "file",
                "none",
                null,
                Map.of(
                        AbstractMeshMojo.REGISTRY_ROOT_KEY,
                        dir.resolve("registry").toString()));
        new SparkFork(log, jvmArgs)
                .run(
                        ForkRequest.of(setup, call, false, log.isDebugEnabled(), false, Map.of()),
                        testClassPath(),
                        environment,
                        " (a test)");
    }

    /** Failsafe's class path: a manifest-only jar naming the rest, which the forked JVM follows too. */
    private static List<Path> testClassPath() {
        List<Path> out = new ArrayList<>();
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .forEach(out::add);
        return out;
    }

    /** Records the log lines with Maven's prefixes; the invoker scenarios check a real Maven log. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();
        private final boolean debug;

        RecordingLog(boolean debug) {
            this.debug = debug;
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public synchronized void debug(CharSequence content) {
            if (debug) lines.add("[DEBUG] " + content);
        }

        @Override
        public synchronized void info(CharSequence content) {
            lines.add("[INFO] " + content);
        }

        @Override
        public synchronized void warn(CharSequence content) {
            lines.add("[WARNING] " + content);
        }

        @Override
        public synchronized void error(CharSequence content) {
            lines.add("[ERROR] " + content);
        }
    }
}

package dev.meshsdk.maven;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The forked JVM's entry point ({@link SparkFork} starts it): reads the {@link ForkRequest} named by its
 * argument, runs the goal's call through {@link GoalRunner} exactly as Maven's JVM would, and reports every
 * log line and the outcome as {@link ForkProtocol} lines on its standard output; then it waits for the next
 * request of the build, so that Spark starts once per build. Secrets come from its environment
 * ({@link EnvironmentSecrets}), and so do the call's private inputs ({@link GoalCall#privateInputs()}): a call
 * with other private inputs gets a JVM of its own ({@link SparkFork} compares the environments).
 *
 * <p>Anything else that writes to {@code System.out} is turned into log lines too, so the protocol stream
 * stays clean; Spark's log goes to standard error through {@code fork-log4j2.properties} (warnings only,
 * unless the request asks for Spark's INFO lines). The JVM exits when Maven closes its standard input: its
 * data goals are done, or Maven is gone.
 */
public final class ForkedGoal {
    static final String LOG4J2_CONFIG = "dev/meshsdk/maven/fork-log4j2.properties";

    private ForkedGoal() {}

    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        ProtocolLog log = new ProtocolLog(protocol, false);
        System.setOut(new PrintStream(new LineForwarder(log), true, StandardCharsets.UTF_8));
        BlockingQueue<String> requests = requests();
        while (true) {
            String next;
            try {
                next = requests.take();
            } catch (InterruptedException e) {
                break;
            }
            run(Path.of(next), protocol);
            protocol.flush();
        }
        System.exit(0);
    }

    private static void run(Path requestFile, PrintStream protocol) {
        ForkRequest request;
        try {
            request = ForkRequest.read(requestFile);
        } catch (RuntimeException e) {
            protocol.println(ForkProtocol.error("Cannot read the forked goal's request " + requestFile + ": " + e, e));
            return;
        }
        request.systemProperties().forEach(System::setProperty);
        configureLogging(request.verbose());
        ProtocolLog log = new ProtocolLog(protocol, request.debug());
        protocol.println(ForkProtocol.ready());
        ClassLoader loader = ForkedGoal.class.getClassLoader();
        MeshSetup setup = request.setup();
        EnvironmentSecrets secrets = new EnvironmentSecrets(System.getenv());
        try {
            GoalCall call = request.goalCall(loader).withPrivateInputs(System.getenv());
            // Spark stays up for the build's next data goal; this JVM ends when Maven closes its input
            GoalRunner.run(setup, secrets, log, loader, call, request.startSpark(), true);
            protocol.println(ForkProtocol.success());
        } catch (MojoFailureException e) {
            protocol.println(ForkProtocol.failure(e.getMessage()));
        } catch (MojoExecutionException e) {
            protocol.println(ForkProtocol.error(e.getMessage(), e.getCause()));
        } catch (RuntimeException | Error e) {
            protocol.println(ForkProtocol.error("Cannot run mesh:" + setup.goal() + " in the forked JVM: " + e, e));
        }
    }

    /** Spark's log4j 2 configuration: warnings only (the chattiest libraries errors only), or INFO when verbose. */
    private static void configureLogging(boolean verbose) {
        URL config = ForkedGoal.class.getClassLoader().getResource(LOG4J2_CONFIG);
        if (config != null && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", config.toString());
        }
        System.setProperty("mesh.fork.log.level", verbose ? "info" : "warn");
        System.setProperty("mesh.fork.log.quietLevel", verbose ? "info" : "error");
        System.setProperty("mesh.fork.log.offLevel", verbose ? "info" : "off");
        System.setProperty(
                "mesh.fork.log.pattern",
                verbose ? "%p %c{1}: %m%n" : "%p %c{1}: %m%notEmpty{ (%throwable{short.message})}%n");
    }

    /**
     * The request files Maven's JVM names on standard input, one per line; when it closes the stream (its data
     * goals are done, or it is gone) this JVM ends at once, Spark and all.
     */
    private static BlockingQueue<String> requests() {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (!line.isBlank()) queue.add(line.trim());
                        }
                    } catch (IOException e) {
                        // the same as the end of the stream
                    }
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                },
                "mesh-fork-requests");
        reader.setDaemon(true);
        reader.start();
        return queue;
    }

    /** A Maven {@link Log} that writes protocol lines; {@link SparkFork} logs them at the same level. */
    static final class ProtocolLog implements Log {
        private final PrintStream out;
        private final boolean debug;

        ProtocolLog(PrintStream out, boolean debug) {
            this.out = out;
            this.debug = debug;
        }

        private synchronized void line(String level, CharSequence text, Throwable error) {
            String all =
                    error == null ? String.valueOf(text) : text == null ? trace(error) : text + "\n" + trace(error);
            out.println(ForkProtocol.log(level, all));
        }

        private static String trace(Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            return w.toString().stripTrailing();
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public void debug(CharSequence content) {
            if (debug) line("debug", content, null);
        }

        @Override
        public void debug(CharSequence content, Throwable error) {
            if (debug) line("debug", content, error);
        }

        @Override
        public void debug(Throwable error) {
            if (debug) line("debug", null, error);
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public void info(CharSequence content) {
            line("info", content, null);
        }

        @Override
        public void info(CharSequence content, Throwable error) {
            line("info", content, error);
        }

        @Override
        public void info(Throwable error) {
            line("info", null, error);
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(CharSequence content) {
            line("warn", content, null);
        }

        @Override
        public void warn(CharSequence content, Throwable error) {
            line("warn", content, error);
        }

        @Override
        public void warn(Throwable error) {
            line("warn", null, error);
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(CharSequence content) {
            line("error", content, null);
        }

        @Override
        public void error(CharSequence content, Throwable error) {
            line("error", content, error);
        }

        @Override
        public void error(Throwable error) {
            line("error", null, error);
        }
    }

    /** Turns what is printed to {@code System.out} (a metrics report, a library's print) into info lines. */
    private static final class LineForwarder extends OutputStream {
        private final ProtocolLog log;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineForwarder(ProtocolLog log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = pending.toString(StandardCharsets.UTF_8);
                pending.reset();
                log.info(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            } else {
                pending.write(b);
            }
        }
    }
}

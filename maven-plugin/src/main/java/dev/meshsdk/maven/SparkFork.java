package dev.meshsdk.maven;

import dev.meshsdk.spi.registry.CatalogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Runs a data goal's core call in a forked JVM that can run Spark, so that users never add {@code --add-opens}
 * flags to {@code MAVEN_OPTS}: {@code java} from {@code java.home}, Spark's flags, the plugin's class path
 * (which holds the adapters users add as {@code <dependencies>} of the plugin), the heap settings of
 * {@code mesh.fork.jvmArgs}. The goal's setup and call go in a JSON request file only the user can read; the
 * {@code settings.xml} credentials, and a call's private inputs (the subject of {@code mesh:forget}), go in the
 * forked JVM's environment only ({@code MESH_<ID>_USERNAME} and {@code _PASSWORD}, {@link GoalCall#privateInputs()}),
 * never on its command line or in a file. Its log lines are logged here as they come, at
 * their level, and its outcome is thrown as the same {@code MojoFailureException} or
 * {@code MojoExecutionException} the goal would throw in Maven's JVM.
 *
 * <p>When: {@code mesh.fork=auto} (the default) forks when the goal touches a port on a Spark-served store
 * ({@code local} or {@code s3} server) and this JVM lacks one of Spark's {@code --add-opens} or {@code mesh-spark}
 * is not on the plugin's class path (then {@link SparkLibraries} go after the plugin's on the forked JVM's);
 * {@code always} forks every time; {@code never} runs in Maven's JVM.
 */
final class SparkFork {
    /** What Spark 4 needs opened on Java 17 (Spark's JavaModuleOptions; {@code spark.test.jvm} in spark/pom.xml). */
    static final List<String> OPENS = List.of(
            "java.base/java.lang",
            "java.base/java.lang.invoke",
            "java.base/java.lang.reflect",
            "java.base/java.io",
            "java.base/java.net",
            "java.base/java.nio",
            "java.base/java.util",
            "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic",
            "java.base/jdk.internal.ref",
            "java.base/sun.nio.ch",
            "java.base/sun.nio.cs",
            "java.base/sun.security.action",
            "java.base/sun.util.calendar");
    /** The rest of Spark's JVM options. */
    static final List<String> SPARK_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");
    /** The server types whose data goals run on Spark (Delta or Parquet tables). */
    static final Set<String> SPARK_SERVER_TYPES = Set.of("local", "s3");

    private static final long EXIT_WAIT_SECONDS = 30;
    /** How many lines of a JVM that could not start go into the error (java says why in two or three). */
    private static final int START_LINES = 5;

    /** When to fork. */
    enum Mode {
        AUTO,
        ALWAYS,
        NEVER
    }

    private final Log log;
    private final List<String> jvmArgs;

    /** @param jvmArgs the forked JVM's own options (heap), from {@code mesh.fork.jvmArgs} */
    SparkFork(Log log, List<String> jvmArgs) {
        this.log = log;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    static Mode mode(String value) throws MojoFailureException {
        String v = value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto" -> Mode.AUTO;
            case "always", "true" -> Mode.ALWAYS;
            case "never", "false" -> Mode.NEVER;
            default ->
                throw new MojoFailureException("Invalid <fork> (-Dmesh.fork): '" + value
                        + "'; use auto (fork only when Spark needs it), always or never");
        };
    }

    /** Spark's {@code --add-opens} this JVM lacks, as {@code module/package}; empty when Spark can run here. */
    static List<String> missingOpens() {
        Module self = SparkFork.class.getModule();
        List<String> missing = new ArrayList<>();
        for (String open : OPENS) {
            String[] mp = open.split("/");
            Optional<Module> module = ModuleLayer.boot().findModule(mp[0]);
            if (module.isPresent() && !module.get().isOpen(mp[1], self)) missing.add(open);
        }
        return missing;
    }

    /** Whether one of the ports is on a Spark-served store. */
    static boolean onSpark(List<CatalogEntry.Port> ports) {
        return ports.stream()
                .anyMatch(p -> p.serverType() != null
                        && SPARK_SERVER_TYPES.contains(p.serverType().toLowerCase(Locale.ROOT)));
    }

    /**
     * The forked JVM's class path: the plugin's (its own jar and dependencies, the user's adapters), the jar of
     * Maven's plugin API (the goal's log and exceptions; Maven gives plugins its own copy), and SLF4J's API.
     */
    static List<Path> classPath(ClassLoader plugin, Class<?> mavenApi, Path slf4j) throws MojoExecutionException {
        if (!(plugin instanceof URLClassLoader realm)) {
            throw new MojoExecutionException("Cannot fork: the plugin's class loader "
                    + plugin.getClass().getName()
                    + " does not tell its class path; run the goal with -Dmesh.fork=never and Spark's --add-opens"
                    + " flags in MAVEN_OPTS");
        }
        List<Path> out = new ArrayList<>();
        try {
            for (URL url : realm.getURLs()) out.add(Path.of(url.toURI()));
            out.add(Path.of(
                    mavenApi.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            throw new MojoExecutionException("Cannot fork: cannot read the plugin's class path: " + e.getMessage(), e);
        }
        out.add(slf4j);
        return out;
    }

    /**
     * Runs the request in a forked JVM and returns when it is done; throws what the goal would have thrown. The
     * JVM stays up for the next data goal of the same build (one Spark start for {@code mesh:publish mesh:check}),
     * as long as that goal needs the same options, class path, environment and folder; it ends with Maven's JVM.
     *
     * @param classPath   the forked JVM's class path
     * @param environment variables to set in the forked JVM (a null value removes one inherited from this JVM)
     * @param why         why the goal forks, for the line that says where it runs
     */
    void run(ForkRequest request, List<Path> classPath, Map<String, String> environment, String why)
            throws MojoExecutionException, MojoFailureException {
        String goal = request.setup().goal();
        List<String> options = javaOptions(classPath);
        List<Object> key = List.of(
                options,
                new java.util.TreeMap<>(nullsAsEmpty(environment)),
                request.setup().basedir().toAbsolutePath().toString(),
                request.verbose());
        synchronized (SparkFork.class) {
            Worker worker = null;
            try {
                if (current != null && (!current.key.equals(key) || !current.process.isAlive())) {
                    current.close();
                    current = null;
                }
                if (current == null) {
                    log.info("Running mesh:" + goal + " in a JVM of its own" + why);
                    current = Worker.start(key, options, request.setup().basedir(), environment);
                } else {
                    log.info("Running mesh:" + goal + " in the JVM of an earlier goal of this build");
                }
                worker = current;
                ForkProtocol.Outcome outcome = worker.run(goal, request, log);
                if (!"success".equals(outcome.result()) && !"failure".equals(outcome.result())) {
                    // a fault: the next goal gets a fresh JVM
                    worker.close();
                    current = null;
                }
                switch (outcome.result()) {
                    case "success":
                        return;
                    case "failure":
                        throw new MojoFailureException(outcome.message());
                    default:
                        throw new MojoExecutionException(outcome.message(), outcome.cause());
                }
            } catch (IOException e) {
                if (worker != null) worker.close();
                current = null;
                throw new MojoExecutionException(
                        "Cannot run mesh:" + goal + " in a forked JVM: " + e.getMessage()
                                + "; run it in Maven's JVM with -Dmesh.fork=never and Spark's --add-opens flags in MAVEN_OPTS",
                        e);
            } catch (MojoExecutionException e) {
                if (worker != null && !worker.process.isAlive()) current = null;
                throw e;
            }
        }
    }

    /** The forked JVM of this build's data goals, if one runs. */
    private static Worker current;

    private static Map<String, String> nullsAsEmpty(Map<String, String> environment) {
        Map<String, String> out = new java.util.HashMap<>();
        environment.forEach((k, v) -> out.put(k, v == null ? "\0" : v));
        return out;
    }

    /**
     * One forked JVM running {@link ForkedGoal}: it reads request file names on its standard input, one per line,
     * and answers each with protocol lines ending in an outcome. Its private folder holds its options and the
     * request under way, only the user can read it, and it goes with the JVM.
     */
    private static final class Worker {
        final List<Object> key;
        final Process process;
        final Path dir;
        final BufferedReader lines;
        final java.io.Writer requests;
        final Thread killer;
        int count;
        /** Whether the JVM has written a protocol line: then it started, whatever happens next. */
        boolean spoke;

        private Worker(List<Object> key, Process process, Path dir, Thread killer) {
            this.key = key;
            this.process = process;
            this.dir = dir;
            this.killer = killer;
            this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        static Worker start(List<Object> key, List<String> options, Path basedir, Map<String, String> environment)
                throws IOException {
            Path dir = privateDirectory();
            try {
                Path argFile = dir.resolve("java-options");
                Files.write(argFile, options.stream().map(SparkFork::quoted).toList(), StandardCharsets.UTF_8);
                ProcessBuilder builder = new ProcessBuilder(
                                javaExecutable().toString(), "@" + argFile, ForkedGoal.class.getName(), dir.toString())
                        .directory(basedir.toFile())
                        .redirectErrorStream(true);
                environment.forEach((name, value) -> {
                    if (value == null) builder.environment().remove(name);
                    else builder.environment().put(name, value);
                });
                Process process = builder.start();
                Thread killer = new Thread(
                        () -> {
                            process.destroyForcibly();
                            delete(dir);
                        },
                        "mesh-fork-stop");
                Runtime.getRuntime().addShutdownHook(killer);
                return new Worker(key, process, dir, killer);
            } catch (IOException | RuntimeException e) {
                delete(dir);
                throw e;
            }
        }

        /** Sends one request and logs the JVM's lines until its outcome. */
        ForkProtocol.Outcome run(String goal, ForkRequest request, Log log)
                throws IOException, MojoExecutionException, MojoFailureException {
            long started = System.nanoTime();
            Path requestFile = dir.resolve("request-" + (++count) + ".json");
            try {
                request.write(requestFile);
                try {
                    requests.write(requestFile + "\n");
                    requests.flush();
                } catch (IOException e) {
                    // a JVM that could not start closes its input at once: what it printed below says why
                    if (spoke || (waitFor(process) == -1 && process.isAlive())) throw e;
                }
                OtherOutput other = new OtherOutput(log);
                List<String> beforeProtocol = new ArrayList<>();
                String line;
                while ((line = lines.readLine()) != null) {
                    Optional<ForkProtocol.Line> parsed = ForkProtocol.parse(line);
                    if (parsed.isPresent()) spoke = true;
                    if (parsed.isEmpty()) {
                        other.log(line);
                        if (!spoke && beforeProtocol.size() < START_LINES && !line.isBlank())
                            beforeProtocol.add(line.strip());
                    } else if (parsed.get() instanceof ForkProtocol.Ready) {
                        log.debug("The forked JVM is ready after " + (System.nanoTime() - started) / 1_000_000 + " ms");
                    } else if (parsed.get() instanceof ForkProtocol.LogLine l) {
                        logAt(log, l.level(), l.text());
                    } else if (parsed.get() instanceof ForkProtocol.Outcome o) {
                        return o;
                    }
                }
                int exit = waitFor(process);
                close();
                if (!spoke) throw notStarted(goal, exit, beforeProtocol);
                throw new MojoExecutionException("Cannot run mesh:" + goal + " in a forked JVM: it exited with code "
                        + exit + " before it finished; see the lines above, and give it more memory with"
                        + " -Dmesh.fork.jvmArgs=-Xmx4g if it ran out");
            } finally {
                Files.deleteIfExists(requestFile);
            }
        }

        /**
         * A JVM that exits before it speaks the protocol did not start (a bad option of mesh.fork.jvmArgs, most
         * likely): the user's to fix, with what java itself said.
         */
        private static MojoFailureException notStarted(String goal, int exit, List<String> said) {
            return new MojoFailureException("Cannot start the forked JVM of mesh:" + goal + ": java "
                    + (exit < 0 ? "stopped" : "exited with code " + exit)
                    + (said.isEmpty() ? " and printed nothing" : " and said: " + String.join(" ", said))
                    + "; fix the JVM options in mesh.fork.jvmArgs (-Dmesh.fork.jvmArgs=... or <forkJvmArgs> in the"
                    + " POM), for example -Dmesh.fork.jvmArgs=-Xmx2g");
        }

        /** Closes its standard input (it exits then), gives it a while, and removes its folder. */
        void close() {
            try {
                requests.close();
            } catch (IOException e) {
                // it is gone already
            }
            stopLater(process, dir);
            removeHook(killer);
        }

        private static int waitFor(Process process) {
            try {
                return process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** A JVM asked to stop gets a while for that, not forever; then its folder goes. */
    private static void stopLater(Process process, Path dir) {
        Thread stopper = new Thread(
                () -> {
                    try {
                        if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) process.destroyForcibly();
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                    }
                    delete(dir);
                },
                "mesh-fork-exit");
        stopper.setDaemon(true);
        stopper.start();
    }

    private List<String> javaOptions(List<Path> classPath) {
        List<String> options = new ArrayList<>();
        for (String open : OPENS) options.add("--add-opens=" + open + "=ALL-UNNAMED");
        options.addAll(SPARK_OPTIONS);
        options.addAll(jvmArgs);
        options.add("-cp");
        options.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        return options;
    }

    static void logAt(Log log, String level, String text) {
        switch (level) {
            case "debug" -> log.debug(text);
            case "warn" -> log.warn(text);
            case "error" -> log.error(text);
            default -> log.info(text);
        }
    }

    /**
     * What the forked JVM prints besides the protocol: Spark's log lines ({@code WARN SparkContext: ...}), logged
     * at their level without it, the lines that continue one at the same level, anything else as a warning.
     */
    static final class OtherOutput {
        private static final Map<String, String> LEVELS = Map.of(
                "TRACE", "debug", "DEBUG", "debug", "INFO", "info", "WARN", "warn", "ERROR", "error", "FATAL", "error");
        private final Log log;
        private String level = "warn";

        OtherOutput(Log log) {
            this.log = log;
        }

        void log(String line) {
            int space = line.indexOf(' ');
            String first = space > 0 ? line.substring(0, space) : "";
            if (LEVELS.containsKey(first)) {
                level = LEVELS.get(first);
                logAt(log, level, line.substring(space + 1));
            } else {
                logAt(log, line.isBlank() || Character.isWhitespace(line.charAt(0)) ? level : "warn", line);
            }
        }
    }

    private static Path javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = bin.resolve("java");
        return Files.isExecutable(java) ? java : bin.resolve("java.exe");
    }

    /** A java argument file line: quoted, with backslashes and quotes escaped. */
    private static String quoted(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Path privateDirectory() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(
                    "mesh-fork-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("mesh-fork-");
    }

    private static void delete(Path dir) {
        if (dir == null) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind holds no secret
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs anyway
        }
    }
}

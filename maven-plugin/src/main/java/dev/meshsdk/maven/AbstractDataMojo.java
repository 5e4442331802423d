package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.spi.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * A goal that works on the data in deployed ports (publish, check, ...): its work is a {@link GoalCall}, which
 * runs in Maven's JVM or, when Spark needs flags this JVM lacks or {@code mesh-spark} is not among the plugin's
 * dependencies, in a forked one ({@link SparkFork}, with {@link SparkLibraries} fetched for it); beside the call,
 * Spark is started when the call works on a Spark-served port ({@link SparkStart}).
 */
abstract class AbstractDataMojo extends AbstractMeshMojo {
    /** Where the build's repository session keeps {@code mesh-spark}'s resolved libraries, by coordinates. */
    private static final String SPARK_LIBRARIES = "dev.meshsdk.maven.sparkLibraries:";

    /**
     * Where the goal runs: {@code auto} runs it in a JVM of its own when it touches a port on a {@code local} or
     * {@code s3} server (Spark) and either this JVM lacks Spark's {@code --add-opens} flags or {@code mesh-spark}
     * is not a plugin dependency (then the goal resolves {@code dev.meshsdk:mesh-spark} of the plugin's version
     * for that JVM); otherwise in Maven's JVM. {@code always} forks every time, {@code never} never does (then
     * {@code MAVEN_OPTS} must hold Spark's flags and {@code mesh-spark} must be a plugin dependency).
     */
    @Parameter(property = "mesh.fork", defaultValue = "auto")
    String fork;

    /** The forked JVM's options besides Spark's flags: its heap, or any {@code -XX:} option, space-separated. */
    @Parameter(property = "mesh.fork.jvmArgs", defaultValue = "-Xmx2g")
    String forkJvmArgs;

    /** Shows Spark's own log from INFO up, stack traces included; by default only its warnings, one line each. */
    @Parameter(property = "mesh.spark.verbose", defaultValue = "false")
    boolean sparkVerbose;

    /**
     * Resolves what the forked JVM needs beyond the plugin's class path: SLF4J (Maven keeps the plugin's out), and
     * {@code mesh-spark} with its libraries when the plugin does not have it.
     */
    @Component
    RepositorySystem repositorySystem;

    /** The goal's core call, from its parameters. */
    abstract GoalCall call() throws MojoFailureException;

    @Override
    final void runGoal(MeshSetup setup, Secrets secrets) throws MojoExecutionException, MojoFailureException {
        GoalCall call = call();
        SparkFork.Mode mode = SparkFork.mode(fork);
        ClassLoader loader = pluginClassLoader();
        boolean spark = onSpark(setup, secrets, call, loader);
        // without mesh-spark among the plugin's dependencies, a goal that needs Spark fetches it for a forked JVM
        boolean fetch = spark && !SparkStart.available(loader);
        if (fetch && mode == SparkFork.Mode.NEVER) {
            throw new MojoFailureException("Cannot run mesh:" + goal() + " in Maven's JVM (-Dmesh.fork=never): it"
                    + " works on a port of a local or s3 server, which runs on Spark, and "
                    + SparkLibraries.coordinates(pluginVersion()) + " is not among the plugin's <dependencies>; add it"
                    + " to them, or let the goal fetch it and run in a JVM of its own (-Dmesh.fork=auto)");
        }
        List<String> missing = SparkFork.missingOpens();
        if (mode == SparkFork.Mode.ALWAYS || (mode == SparkFork.Mode.AUTO && spark && (fetch || !missing.isEmpty()))) {
            List<Path> classPath = SparkFork.classPath(loader, Log.class, slf4j());
            if (fetch) classPath = withSpark(classPath);
            new SparkFork(getLog(), jvmArgs())
                    .run(
                            ForkRequest.of(
                                    setup,
                                    call.withoutPrivateInputs(),
                                    spark,
                                    getLog().isDebugEnabled(),
                                    sparkVerbose,
                                    sparkProperties()),
                            classPath,
                            forkEnvironment(setup, call),
                            mode == SparkFork.Mode.ALWAYS
                                    ? " (mesh.fork is always)"
                                    : !missing.isEmpty()
                                            ? ": Spark needs --add-opens flags that Maven's JVM lacks"
                                            : ": mesh-spark is not among the plugin's <dependencies>");
            return;
        }
        if (spark && !missing.isEmpty()) {
            getLog().warn("mesh.fork is never and Maven's JVM lacks Spark's flags (" + String.join(", ", missing)
                    + "): Spark may fail where it needs them; add --add-opens=<each>=ALL-UNNAMED to MAVEN_OPTS, or"
                    + " use -Dmesh.fork=auto");
        }
        QuietLibraries.apply(sparkVerbose);
        GoalRunner.run(setup, secrets, getLog(), loader, call, spark, false);
    }

    /**
     * The forked JVM's class path with {@code mesh-spark} of the plugin's own version and the libraries it needs
     * after the plugin's, less those the plugin holds; resolved once per build, and said once.
     */
    private List<Path> withSpark(List<Path> classPath) throws MojoExecutionException {
        String coordinates = SparkLibraries.coordinates(pluginVersion());
        Set<String> held = pluginLibraries();
        return SparkLibraries.merge(classPath, held, resolvedSpark(coordinates, held));
    }

    /** The {@code groupId:artifactId} of every jar the forked JVM gets from the plugin: its realm's, SLF4J, Maven's API. */
    private Set<String> pluginLibraries() {
        Set<String> out = new HashSet<>();
        out.add(SparkLibraries.key("org.slf4j", "slf4j-api"));
        out.add(SparkLibraries.key("org.apache.maven", "maven-plugin-api"));
        if (plugin != null) {
            out.add(SparkLibraries.key(plugin.getGroupId(), plugin.getArtifactId()));
            if (plugin.getArtifacts() != null)
                plugin.getArtifacts().forEach(a -> out.add(SparkLibraries.key(a.getGroupId(), a.getArtifactId())));
        }
        return out;
    }

    /**
     * {@code mesh-spark}'s libraries, resolved by the first data goal of the build that needs them ({@code held}: the
     * plugin's own, which the log line does not count).
     */
    @SuppressWarnings("unchecked")
    private List<SparkLibraries.Library> resolvedSpark(String coordinates, Set<String> held)
            throws MojoExecutionException {
        var data = session.getRepositorySession().getData();
        String key = SPARK_LIBRARIES + coordinates;
        synchronized (AbstractDataMojo.class) {
            Object known = data.get(key);
            if (known != null) return (List<SparkLibraries.Library>) known;
            long begin = System.nanoTime();
            List<SparkLibraries.Library> libraries;
            try {
                libraries = SparkLibraries.resolve(
                        repositorySystem,
                        session.getRepositorySession(),
                        session.getCurrentProject().getRemotePluginRepositories(),
                        pluginVersion());
            } catch (DependencyResolutionException e) {
                throw new MojoExecutionException(resolutionFailure(goal(), coordinates, e), e);
            }
            long fetched =
                    libraries.stream().filter(l -> !held.contains(l.key())).count();
            getLog().info(String.format(
                    Locale.ROOT,
                    "Resolved %s for the goal's JVM in %.1f s (%d jar(s) beside the plugin's): mesh-spark is not"
                            + " among the plugin's <dependencies>",
                    coordinates,
                    (System.nanoTime() - begin) / 1e9,
                    fetched));
            data.set(key, libraries);
            return libraries;
        }
    }

    /**
     * What could not be resolved, from the innermost cause (the resolver's outer messages only say that collecting
     * failed), and the two ways out.
     */
    static String resolutionFailure(String goal, String coordinates, Exception e) {
        Throwable inner = e;
        while (inner.getCause() != null
                && inner.getCause() != inner
                && inner.getCause().getMessage() != null) inner = inner.getCause();
        String why = (inner.getMessage() == null ? String.valueOf(e.getMessage()) : inner.getMessage()).strip();
        if (why.endsWith(".")) why = why.substring(0, why.length() - 1);
        return "Cannot run mesh:" + goal + ": it works on a port of a local or s3 server, which runs on Spark, and"
                + " cannot resolve " + coordinates + " with its dependencies for it: " + why + "; make them reachable"
                + " (a plugin repository, or one build without -o), or add " + coordinates
                + " to the plugin's <dependencies>";
    }

    /** This plugin's version: the {@code mesh-spark} fetched for it is the same release. */
    private String pluginVersion() throws MojoExecutionException {
        if (plugin != null && plugin.getVersion() != null) return plugin.getVersion();
        return buildProperty("project.version");
    }

    /** Not used: a data goal's work is its {@link #call()}, which {@link #runGoal} runs. */
    @Override
    final void run(Mesh mesh, List<Path> products) {
        throw new UnsupportedOperationException("a data goal runs its GoalCall");
    }

    /** Data goals work on deployed ports, found in the registry: they need no product directory. */
    @Override
    final boolean readsProducts() {
        return false;
    }

    /**
     * Whether the call works on a port on a Spark-served store, as the registry's catalog says. When the catalog
     * cannot tell (the registry cannot be read, the product is not deployed), the goal runs in Maven's JVM and
     * reports why without starting Spark.
     */
    private static boolean onSpark(MeshSetup setup, Secrets secrets, GoalCall call, ClassLoader loader) {
        try (Mesh quiet = setup.open(secrets, MeshListener.none(), loader)) {
            return SparkFork.onSpark(call.ports(quiet.catalog()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spark settings given as {@code -Dspark.*} on Maven's command line, which Spark reads in Maven's JVM too. */
    private Map<String, String> sparkProperties() {
        Map<String, String> out = new TreeMap<>();
        session.getUserProperties().forEach((k, v) -> {
            if (String.valueOf(k).startsWith("spark.")) out.put(String.valueOf(k), String.valueOf(v));
        });
        return out;
    }

    /**
     * The {@code settings.xml} credentials and the call's private inputs (a data subject's value), and for Spark
     * in local mode its address: the loopback one, which is all local mode needs (Spark warns otherwise when the
     * host name resolves to a loopback address).
     */
    private Map<String, String> forkEnvironment(MeshSetup setup, GoalCall call) {
        Map<String, String> out = new HashMap<>(SettingsSecrets.forkEnvironment(session.getSettings()));
        out.putAll(call.privateInputs());
        String master = setup.config()
                .getOrDefault("mesh.spark.master", session.getUserProperties().getProperty("spark.master", "local"));
        if (master.startsWith("local") && System.getenv("SPARK_LOCAL_IP") == null)
            out.put("SPARK_LOCAL_IP", "127.0.0.1");
        return out;
    }

    private List<String> jvmArgs() {
        if (forkJvmArgs == null || forkJvmArgs.isBlank()) return List.of();
        return Arrays.asList(forkJvmArgs.trim().split("\\s+"));
    }

    /**
     * SLF4J's API, which Spark logs through: Maven gives plugins its own (1.7, from its core) and leaves the
     * plugin's out of the plugin's class path, so the forked JVM gets the version the SDK is built with.
     */
    private Path slf4j() throws MojoExecutionException {
        String coordinates = "org.slf4j:slf4j-api:" + buildProperty("slf4j.version");
        try {
            ArtifactRequest request = new ArtifactRequest(
                    new DefaultArtifact(coordinates),
                    session.getCurrentProject().getRemotePluginRepositories(),
                    null);
            return repositorySystem
                    .resolveArtifact(session.getRepositorySession(), request)
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException(
                    "Cannot run mesh:" + goal() + " in a JVM of its own: cannot resolve " + coordinates + " ("
                            + e.getMessage() + "); run it in Maven's JVM with -Dmesh.fork=never",
                    e);
        }
    }

    private static String buildProperty(String name) throws MojoExecutionException {
        Properties properties = new Properties();
        try (InputStream in = AbstractDataMojo.class.getResourceAsStream("fork.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the plugin's fork.properties", e);
        }
        String value = properties.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new MojoExecutionException("Cannot read " + name + " from the plugin's fork.properties");
        }
        return value;
    }
}

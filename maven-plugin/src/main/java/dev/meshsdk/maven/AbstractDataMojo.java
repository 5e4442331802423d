package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.spi.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

/**
 * A goal that works on the data in deployed ports (publish, check, ...): its work is a {@link GoalCall}, which
 * runs in Maven's JVM or, when Spark needs flags this JVM lacks, in a forked one ({@link SparkFork}); beside the
 * call, Spark is started when the call works on a Spark-served port ({@link SparkStart}).
 */
abstract class AbstractDataMojo extends AbstractMeshMojo {

    /**
     * Where the goal runs: {@code auto} runs it in a JVM of its own when it touches a port on a {@code local} or
     * {@code s3} server (Spark), {@code mesh-spark} is a plugin dependency, and this JVM lacks Spark's
     * {@code --add-opens} flags; otherwise in Maven's JVM. {@code always} forks every time, {@code never} never
     * does (then {@code MAVEN_OPTS} must hold Spark's flags).
     */
    @Parameter(property = "mesh.fork", defaultValue = "auto")
    String fork;

    /** The forked JVM's options besides Spark's flags: its heap, or any {@code -XX:} option, space-separated. */
    @Parameter(property = "mesh.fork.jvmArgs", defaultValue = "-Xmx2g")
    String forkJvmArgs;

    /** Shows Spark's own log from INFO up, stack traces included; by default only its warnings, one line each. */
    @Parameter(property = "mesh.spark.verbose", defaultValue = "false")
    boolean sparkVerbose;

    /** Resolves the one library the forked JVM needs that Maven keeps out of the plugin's class path (SLF4J). */
    @Component
    RepositorySystem repositorySystem;

    /** The goal's core call, from its parameters. */
    abstract GoalCall call() throws MojoFailureException;

    @Override
    final void runGoal(MeshSetup setup, Secrets secrets) throws MojoExecutionException, MojoFailureException {
        GoalCall call = call();
        SparkFork.Mode mode = SparkFork.mode(fork);
        ClassLoader loader = pluginClassLoader();
        boolean spark = SparkStart.available(loader) && onSpark(setup, secrets, call, loader);
        List<String> missing = SparkFork.missingOpens();
        if (mode == SparkFork.Mode.ALWAYS || (mode == SparkFork.Mode.AUTO && spark && !missing.isEmpty())) {
            new SparkFork(getLog(), jvmArgs())
                    .run(
                            ForkRequest.of(
                                    setup,
                                    call.withoutPrivateInputs(),
                                    spark,
                                    getLog().isDebugEnabled(),
                                    sparkVerbose,
                                    sparkProperties()),
                            SparkFork.classPath(loader, Log.class, slf4j()),
                            forkEnvironment(setup, call),
                            mode == SparkFork.Mode.ALWAYS
                                    ? " (mesh.fork is always)"
                                    : ": Spark needs --add-opens flags that Maven's JVM lacks");
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

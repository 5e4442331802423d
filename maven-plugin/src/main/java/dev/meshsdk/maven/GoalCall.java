package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The core call of a goal that works on the data in deployed ports (publish, check, ...), which may need Spark
 * and may therefore run in a forked JVM ({@link SparkFork}). An implementation is a record of the goal's own
 * parameters: it travels to the forked JVM as JSON, so it holds plain values only, and never a secret.
 */
interface GoalCall {

    /**
     * The deployed output ports the call will work on, as the catalog lists them; empty when they are not
     * deployed (the call itself then says so). A port on a Spark-served store (a {@code local} or {@code s3}
     * server) makes the goal start Spark, and fork when Maven's JVM cannot run it. Reads only.
     */
    List<CatalogEntry.Port> ports(MeshCatalog catalog);

    /**
     * Makes the core call and logs the outcome, ending with one summary line. Runs in Maven's JVM or in a
     * forked one, with the same {@code Mesh}; throws {@link MojoFailureException} for a user's mistake the SDK
     * does not report itself, and lets the SDK's exceptions through.
     */
    void run(Mesh mesh, MeshSetup setup, Log log) throws MojoExecutionException, MojoFailureException;

    /**
     * Values of the call that must never be written down (a data subject's value): they reach a forked JVM in
     * its environment only, as the credentials do, under the variable names given here; never in its request
     * file or on its command line. Empty for most calls.
     */
    default Map<String, String> privateInputs() {
        return Map.of();
    }

    /** This call without its {@link #privateInputs()}: what the forked JVM's request file holds. */
    default GoalCall withoutPrivateInputs() {
        return this;
    }

    /**
     * In the forked JVM: this call with its {@link #privateInputs()} read back from the environment; throws
     * {@link IllegalStateException} when one is missing there.
     */
    default GoalCall withPrivateInputs(Map<String, String> environment) {
        return this;
    }
}

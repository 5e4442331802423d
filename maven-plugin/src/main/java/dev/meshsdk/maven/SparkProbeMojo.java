package dev.meshsdk.maven;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Internal, for the plugin's own tests and for troubleshooting a Spark set-up: runs as the data goals do
 * (forked when Spark needs it, Spark started first) and evaluates the quality rules of every deployed output
 * port with the {@code spark} quality engine, a line per port. Needs {@code mesh-spark} in the plugin's
 * {@code <dependencies>} and the products deployed.
 */
@Mojo(name = "spark-probe", threadSafe = true)
public class SparkProbeMojo extends AbstractDataMojo {

    @Override
    String goal() {
        return "spark-probe";
    }

    @Override
    GoalCall call() {
        return new SparkProbeCall();
    }
}

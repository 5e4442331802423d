package dev.meshsdk.maven;

import dev.meshsdk.CheckRequest;
import dev.meshsdk.MeshException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the data in deployed output ports: every quality rule of the contracts, the freshness against their
 * SLA, and each table's row count against the previous check. Logs a table (port, rule, measured, threshold,
 * verdict) and one summary line; fails when a result fails the check ({@code mesh.check.failOn}). Ports on
 * {@code local} and {@code s3} servers run on Spark: without {@code mesh-spark} in the plugin's
 * {@code <dependencies>}, the goal fetches it on first use and runs in a JVM of its own.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractDataMojo {

    /** The id of the product to check (several separated by commas); every deployed product when empty. */
    @Parameter(property = "mesh.product")
    String product;

    /** {@code error}: failed rules of severity {@code error} fail the check; {@code warning}: warnings too. */
    @Parameter(property = "mesh.check.failOn", defaultValue = "error")
    String failOn;

    @Override
    String goal() {
        return "check";
    }

    @Override
    GoalCall call() throws MojoFailureException {
        CheckRequest.FailOn level;
        try {
            level = CheckRequest.FailOn.of(failOn == null ? "error" : failOn);
        } catch (MeshException e) {
            throw new MojoFailureException("Invalid <failOn> (-Dmesh.check.failOn): " + e.getMessage(), e);
        }
        List<String> products = productIds(product);
        // a -Dmesh.product given for a publish in the same command narrows the check too: say so
        if (!products.isEmpty()) {
            getLog().info("Checking only product(s) " + String.join(", ", products)
                    + " (-Dmesh.product); without it every deployed product is checked");
        }
        return new CheckCall(products, level);
    }
}

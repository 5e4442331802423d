package dev.meshsdk.maven;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Samples the data of deployed output ports and reports the columns their contracts do not classify as personal
 * whose values look like personal data (e-mail addresses, phone numbers, IBANs, card numbers, IP addresses, dates
 * of birth, names): a table of findings with the share of sampled values that match, never a value, and one
 * summary line. Reports only, unless {@code -Dmesh.classify.failOn=finding}. Ports on {@code local} and
 * {@code s3} servers run on Spark: without {@code mesh-spark} in the plugin's {@code <dependencies>}, the goal
 * fetches it on first use and runs in a JVM of its own.
 */
@Mojo(name = "classify", threadSafe = true)
public class ClassifyMojo extends AbstractDataMojo {

    /** The id of the product to classify (several separated by commas); every deployed product when empty. */
    @Parameter(property = "mesh.product")
    String product;

    /** {@code none}: findings are reported and the build goes on; {@code finding}: a finding fails the build. */
    @Parameter(property = "mesh.classify.failOn", defaultValue = "none")
    String failOn;

    @Override
    String goal() {
        return "classify";
    }

    @Override
    GoalCall call() throws MojoFailureException {
        ClassifyCall.FailOn level = ClassifyCall.FailOn.of(failOn);
        List<String> products = productIds(product);
        // as mesh:check: a -Dmesh.product given for a publish in the same command narrows it too: say so
        if (!products.isEmpty()) {
            getLog().info("Classifying only product(s) " + String.join(", ", products)
                    + " (-Dmesh.product); without it every deployed product is classified");
        }
        return new ClassifyCall(products, level);
    }
}

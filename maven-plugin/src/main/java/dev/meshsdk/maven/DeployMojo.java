package dev.meshsdk.maven;

import dev.meshsdk.DeploymentResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.plan.DeploymentPlan;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys the data products: applies a plan saved by {@code mesh:plan} (refused if anything moved since),
 * or plans and applies in one step. Logs a line per product and per change as it goes.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractMeshMojo {

    /** A plan saved by {@code mesh:plan} to apply; without it the goal plans and applies. */
    @Parameter(property = "mesh.plan")
    File plan;

    @Override
    String goal() {
        return "deploy";
    }

    @Override
    void run(Mesh mesh, List<Path> products) throws MojoFailureException {
        DeploymentResult result;
        if (plan != null) {
            if (!plan.isFile()) {
                throw new MojoFailureException("Cannot deploy from plan " + plan + ": the file does not exist; "
                        + "run " + mavenCommand() + " mesh:plan first, or fix -Dmesh.plan");
            }
            DeploymentPlan saved = Mesh.readPlan(plan.toPath());
            getLog().info("Deploying the plan saved in " + display(plan.toPath()));
            result = mesh.deploy(products, saved);
        } else {
            result = mesh.deploy(products);
        }
        long changed = result.products().stream()
                .filter(DeploymentResult.ProductResult::changed)
                .count();
        int changes =
                result.products().stream().mapToInt(p -> p.applied().size()).sum();
        getLog().info(
                        changed == 0
                                ? "Everything is up to date"
                                : "Deployed " + changed + " product(s) to '" + result.environment() + "': " + changes
                                        + " change(s)");
    }
}

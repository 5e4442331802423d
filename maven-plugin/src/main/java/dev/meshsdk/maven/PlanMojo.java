package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.PlanRefusedException;
import dev.meshsdk.plan.DeploymentPlan;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Plans a deployment without changing anything: logs what deploying would change, a line per product,
 * port and change, and saves the plan for {@code mesh:deploy -Dmesh.plan=...}.
 */
@Mojo(name = "plan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class PlanMojo extends AbstractMeshMojo {

    /** Where to save the plan. */
    @Parameter(property = "mesh.planFile", defaultValue = "${project.build.directory}/mesh/plan.json")
    File planFile;

    @Override
    String goal() {
        return "plan";
    }

    @Override
    void run(Mesh mesh, List<Path> products) {
        DeploymentPlan plan;
        try {
            plan = mesh.plan(products);
        } catch (PlanRefusedException e) {
            getLog().info("The plan the policies refused (not saved):");
            e.plan().summary().lines().forEach(getLog()::info);
            throw e;
        }
        plan.summary().lines().forEach(getLog()::info);
        Mesh.writePlan(plan, planFile.toPath());
        getLog().info("Plan saved to " + display(planFile.toPath()) + "; apply it with " + mavenCommand()
                + " mesh:deploy -Dmesh.plan=" + display(planFile.toPath()));
    }
}

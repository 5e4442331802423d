package dev.meshsdk.maven;

import dev.meshsdk.FileUpgrade;
import dev.meshsdk.Mesh;
import dev.meshsdk.UpgradeChange;
import dev.meshsdk.UpgradePlan;
import dev.meshsdk.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Rewrites the products and contracts to the newest ODPS and ODCS versions the SDK supports, keeping their
 * comments and layout, and logs each change with its line and column. A change that needs a human is a warning; a
 * file whose upgrade would not validate is not written and fails the goal, naming each problem's line and column in
 * the file as it is. Files already at the newest version are left as they are.
 */
@Mojo(name = "upgrade", threadSafe = true)
public class UpgradeMojo extends AbstractMeshMojo {

    /** Only reports what the upgrade would change; writes nothing. */
    @Parameter(property = "mesh.upgrade.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    String goal() {
        return "upgrade";
    }

    @Override
    void run(Mesh mesh, List<Path> products) throws MojoFailureException {
        UpgradePlan plan = Mesh.planUpgrade(products);
        for (FileUpgrade f : plan.files()) {
            String file = display(f.file());
            getLog().info(file + ": " + f.standard() + " " + f.fromVersion() + " -> " + f.toVersion());
            for (UpgradeChange c : f.changes()) {
                if (c.needsHuman()) getLog().warn(file + ":" + c.format());
                else getLog().info("  " + c.format());
            }
        }
        if (!dryRun) Mesh.applyUpgrade(plan);
        getLog().info(plan.summary(dryRun));
        List<FileUpgrade> blocked = plan.blocked();
        if (!blocked.isEmpty()) {
            throw new MojoFailureException("Cannot upgrade " + blocked.size() + " file(s): the upgraded text would not"
                    + " validate, so they were left as they are" + System.lineSeparator()
                    + blocked.stream()
                            .flatMap(f -> f.problems().stream())
                            .map(Diagnostic::format)
                            .collect(Collectors.joining(System.lineSeparator())));
        }
    }
}

package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.UsageCollectResult;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Collects who read the tables of every product the registry knows in the environment (not only this build's)
 * and keeps it in the registry's usage history, per port and day; collecting twice counts nothing twice. A
 * platform team schedules it (daily). What a store could not tell (a missing extension or privilege, no
 * collector for its type) is a warning saying what to install or grant; a store that cannot be read at all (a
 * failed login) fails the goal, after the other stores are collected and recorded.
 */
@Mojo(name = "usage-collect", threadSafe = true)
public class UsageCollectMojo extends AbstractMeshMojo {

    @Override
    String goal() {
        return "usage-collect";
    }

    @Override
    boolean readsProducts() {
        return false;
    }

    @Override
    void run(Mesh mesh, List<Path> products) throws MojoFailureException {
        requireProducts(mesh.catalog());
        UsageCollectResult result = mesh.collectUsage();
        result.warnings().forEach(getLog()::warn);
        getLog().info(result.summary());
        if (result.failed()) throw new MojoFailureException(result.failure().orElseThrow());
    }
}

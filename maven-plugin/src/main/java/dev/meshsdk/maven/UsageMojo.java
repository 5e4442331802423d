package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.UsageReport;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reports how the mesh of the environment is read, from the registry's usage history ({@code mesh:usage-collect}
 * fills it): per product and port the reads over 7, 30 and 90 days, distinct readers, top readers and last read;
 * the ports nobody read in {@code mesh.usage.unusedDays} days, with their owners, biggest first; and the consumers
 * who stopped reading a port in those days, on both sides. Text in the log, and {@code usage.json}, {@code usage.csv},
 * {@code unused.csv} and {@code consumers.csv} for tooling.
 */
@Mojo(name = "usage", threadSafe = true)
public class UsageMojo extends AbstractMeshMojo {

    /** A port is unused when nobody read it in this many days. */
    @Parameter(property = "mesh.usage.unusedDays", defaultValue = "30")
    int unusedDays;

    /**
     * The id of the product to report (several separated by commas): its ports, unused ports and consumers; every
     * deployed product when empty.
     */
    @Parameter(property = "mesh.product")
    String product;

    /** Where the report files go. */
    @Parameter(property = "mesh.usage.directory", defaultValue = "${project.build.directory}/mesh/usage")
    File usageDirectory;

    @Override
    String goal() {
        return "usage";
    }

    @Override
    boolean readsProducts() {
        return false;
    }

    @Override
    void run(Mesh mesh, List<Path> products) throws MojoFailureException {
        if (unusedDays < 1) {
            throw new MojoFailureException("Cannot report unused ports over " + unusedDays + " day(s): set"
                    + " -Dmesh.usage.unusedDays (<unusedDays>) to 1 or more");
        }
        requireProducts(mesh.catalog());
        List<String> only = productIds(product);
        UsageReport report = mesh.usage(unusedDays, only);
        if (!only.isEmpty()) {
            getLog().info("Usage of product(s) " + String.join(", ", only) + " only (-Dmesh.product): their ports,"
                    + " their unused ports and the consumers they produce for or consume from");
        }
        if (report.ports().isEmpty()) {
            getLog().info("No usage of any port collected yet in '" + mesh.environment() + "': either"
                    + " mesh:usage-collect has not run, or its collections observed none of the environment's ports"
                    + " (see its warnings; Delta ports are observed through -Dmesh.usage.spark.readLog); run"
                    + " mesh:usage-collect (daily)");
        } else {
            UsageTable.ports(report).forEach(getLog()::info);
        }
        if (!report.unused().isEmpty()) {
            getLog().info("Unused " + report.unusedSpan() + ": "
                    + report.unused().size() + " port(s), biggest first");
            UsageTable.unused(report).forEach(getLog()::info);
        } else if (!report.ports().isEmpty()) {
            getLog().info("No observed port is unused in the last " + unusedDays + " day(s)"
                    + (report.newPorts().isEmpty() ? "" : " (new ports not read yet follow)"));
        }
        UsageTable.newPorts(report).forEach(getLog()::info);
        UsageTable.consumers(report).forEach(getLog()::info);
        report.notes().forEach(getLog()::warn);
        if (!report.unobserved().isEmpty()) {
            getLog().info("Not observed (no usage collected): " + String.join(", ", report.unobserved()));
        }
        List<Path> files;
        try {
            files = report.write(usageDirectory.toPath());
        } catch (dev.meshsdk.MeshException e) {
            if (!e.userError()) throw e;
            // no cause: Maven would append the file system's bare message to the one that words it
            throw new MojoFailureException(e.getMessage() + " (-Dmesh.usage.directory, <usageDirectory>)");
        }
        getLog().info("Wrote the usage of " + report.ports().size() + " port(s) to " + display(files.get(0)) + ", "
                + files.get(1).getFileName() + ", " + files.get(2).getFileName() + " and "
                + files.get(3).getFileName());
    }
}

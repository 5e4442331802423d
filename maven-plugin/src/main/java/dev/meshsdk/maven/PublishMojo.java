package dev.meshsdk.maven;

import dev.meshsdk.spi.data.PublishRequest;
import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes a file (CSV with a header line, JSON lines or Parquet, told by its name) into a deployed output
 * port, with write-audit-publish: the columns are matched to the contract by name, the contract's rules run on
 * the rows the table will hold (the file's; appending, the table's with the file's), and the rows are committed in one transaction only when no blocking rule fails.
 * Ends with one line: what was published where. Ports on {@code local} and {@code s3} servers run on Spark: without
 * {@code mesh-spark} in the plugin's {@code <dependencies>}, the goal fetches it on first use and runs in a JVM of
 * its own.
 */
@Mojo(name = "publish", threadSafe = true)
public class PublishMojo extends AbstractDataMojo {

    /** The id of the deployed data product to publish into. */
    @Parameter(property = "mesh.product")
    String product;

    /** The output port to publish into. */
    @Parameter(property = "mesh.port")
    String port;

    /** The file to publish; a relative path is relative to the project. */
    @Parameter(property = "mesh.file")
    File file;

    /** {@code replace} swaps the table's rows for the file's, {@code append} adds them. */
    @Parameter(property = "mesh.mode", defaultValue = "replace")
    String mode;

    @Override
    String goal() {
        return "publish";
    }

    @Override
    GoalCall call() throws MojoFailureException {
        require(product, "product", "the id of the data product");
        require(port, "port", "the output port");
        if (file == null) require(null, "file", "the file to publish");
        PublishRequest.Mode m;
        try {
            m = PublishRequest.Mode.of(mode);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MojoFailureException("Invalid <mode> (-Dmesh.mode): '" + mode + "'; use replace (swap the"
                    + " table's rows for the file's) or append");
        }
        return new PublishCall(
                product.trim(),
                port.trim(),
                basedir.toPath().resolve(file.toPath()).normalize(),
                m);
    }

    private static void require(String value, String name, String what) throws MojoFailureException {
        if (value != null && !value.isBlank()) return;
        throw new MojoFailureException("Cannot publish: say " + what + " with -Dmesh." + name + "=... (or <" + name
                + "> in the plugin's configuration)");
    }
}

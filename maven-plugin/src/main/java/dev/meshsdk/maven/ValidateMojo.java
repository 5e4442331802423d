package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Validates the data products against ODPS and ODCS, their references and identifiers, and the adapters
 * loaded for the environment. Fails listing every error with its file, line and column; logs warnings.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractMeshMojo {

    @Override
    String goal() {
        return "validate";
    }

    @Override
    void run(Mesh mesh, List<Path> products) throws MojoFailureException {
        ValidationReport report = mesh.validate(products);
        report.warnings().forEach(w -> getLog().warn(w.format()));
        if (report.hasErrors()) {
            List<Diagnostic> errors = report.errors();
            throw new MojoFailureException("Cannot validate " + products.size() + " data product(s): "
                    + errors.size() + " error(s)" + System.lineSeparator()
                    + errors.stream().map(Diagnostic::format).collect(Collectors.joining(System.lineSeparator())));
        }
        getLog().info("Validated " + products.size() + " data product(s) for environment '" + environment + "': "
                + (report.warnings().isEmpty()
                        ? "no problems"
                        : report.warnings().size() + " warning(s)"));
    }
}

package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.PublishReport;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code mesh:publish}'s call: {@link Mesh#publish} of one file into a deployed output port.
 *
 * @param file an absolute path
 */
record PublishCall(String product, String port, Path file, PublishRequest.Mode mode) implements GoalCall {
    PublishCall {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
    }

    /** The port's newest live contract major version, where the publish goes. */
    @Override
    public List<CatalogEntry.Port> ports(MeshCatalog catalog) {
        return catalog.product(product).stream()
                .flatMap(e -> e.outputPorts().stream())
                .filter(p -> p.name().equals(port) && p.live())
                .max(Comparator.comparingInt(CatalogEntry.Port::majorVersion))
                .stream()
                .toList();
    }

    @Override
    public void run(Mesh mesh, MeshSetup setup, Log log) {
        PublishReport report = mesh.publish(product, port, file, mode);
        // rules that failed without blocking the publish (warnings), or could not be evaluated
        for (QualityResult warning : report.warnings()) {
            log.warn(
                    warning.message() != null
                            ? warning.message()
                            : "Rule " + warning.rule().rule().label() + " on "
                                    + warning.rule().scope() + " "
                                    + warning.status().name().toLowerCase(Locale.ROOT));
        }
        log.info("Published " + report.rows() + " row(s) from " + setup.display(file) + " into port '" + port
                + "' of '" + product + "' (" + report.mode().name().toLowerCase(Locale.ROOT)
                + (report.version() == null
                        ? ""
                        : ", " + versionWord(mesh, report.majorVersion()) + " " + report.version())
                + (report.total() < 0 ? "" : ", " + report.total() + " row(s) in the table") + ")");
    }

    /**
     * What the store's version of a commit is, for the summary line: the Delta stores ({@code local}, {@code s3})
     * commit a table version, the SQL stores a transaction. Read from the server type the catalog lists for the
     * port at the major version the publish went to; {@code version} when it lists none.
     */
    private String versionWord(Mesh mesh, int majorVersion) {
        try {
            return versionWord(ports(mesh.catalog()), majorVersion);
        } catch (RuntimeException e) {
            return "version"; // the rows are committed: a registry that cannot be read now fails no goal over a word
        }
    }

    /** The word for {@code ports}' entry at {@code majorVersion} ({@link #ports}' answer). */
    static String versionWord(List<CatalogEntry.Port> ports, int majorVersion) {
        return ports.stream()
                .filter(p -> p.majorVersion() == majorVersion && p.serverType() != null)
                .findFirst()
                .map(p -> switch (p.serverType()) {
                    case "local", "s3" -> "Delta version";
                    default -> "transaction";
                })
                .orElse("version");
    }
}

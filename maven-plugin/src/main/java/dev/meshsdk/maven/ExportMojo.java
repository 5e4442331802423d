package dev.meshsdk.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.export.DataHubExport;
import dev.meshsdk.export.LineageEndpoint;
import dev.meshsdk.export.LineageTransport;
import dev.meshsdk.export.OpenLineageExport;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Exports the catalog of the environment (every product the registry knows, not only this build's) to the
 * tools people already run: OpenLineage run events (a {@code COMPLETE} event per product's current
 * deployment and per publish) to a JSON lines file and, with {@code mesh.export.openlineage.url}, to an
 * OpenLineage endpoint such as Marquez; and DataHub's metadata file for {@code datahub ingest}.
 */
@Mojo(name = "export", threadSafe = true)
public class ExportMojo extends AbstractMeshMojo {

    /** Where the export files go: {@code openlineage.jsonl} and {@code datahub.json}. */
    @Parameter(property = "mesh.export.directory", defaultValue = "${project.build.directory}/mesh/export")
    File exportDirectory;

    /** What to export: {@code all}, {@code openlineage} or {@code datahub}. */
    @Parameter(property = "mesh.export.format", defaultValue = "all")
    String format;

    /**
     * An OpenLineage HTTP endpoint to send the events to as well (Marquez: {@code http://host:5000}; the
     * events are posted to {@code <url>/api/v1/lineage}).
     */
    @Parameter(property = "mesh.export.openlineage.url")
    String openLineageUrl;

    /** The name of an environment variable holding a bearer token for the OpenLineage endpoint. */
    @Parameter(property = "mesh.export.openlineage.tokenVariable")
    String openLineageTokenVariable;

    @Override
    String goal() {
        return "export";
    }

    @Override
    boolean readsProducts() {
        return false;
    }

    @Override
    void run(Mesh mesh, List<Path> products) throws MojoFailureException {
        String what = format == null ? "all" : format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("all", "openlineage", "datahub").contains(what)) {
            throw new MojoFailureException("Cannot export in format '" + format + "': use all, openlineage or"
                    + " datahub (-Dmesh.export.format)");
        }
        MeshCatalog catalog = mesh.catalog();
        requireProducts(catalog);
        int productCount = catalog.products().size();
        StringBuilder summary =
                new StringBuilder("Exported " + productCount + " product(s) of '" + mesh.environment() + "'");
        if (!what.equals("datahub")) {
            List<ObjectNode> events = OpenLineageExport.create().events(catalog);
            Path file = exportDirectory.toPath().resolve("openlineage.jsonl");
            LineageTransport.snapshotFile(file).send(events);
            summary.append(": ")
                    .append(events.size())
                    .append(" OpenLineage event(s) to ")
                    .append(display(file));
            if (openLineageUrl != null && !openLineageUrl.isBlank()) {
                LineageEndpoint endpoint = LineageEndpoint.of(openLineageUrl.trim());
                if (openLineageTokenVariable != null && !openLineageTokenVariable.isBlank()) {
                    endpoint = endpoint.bearerTokenFromEnvironment(openLineageTokenVariable.trim());
                }
                LineageTransport.http(endpoint).send(events);
                summary.append(" and ").append(endpoint.lineageUri());
            }
        }
        if (!what.equals("openlineage")) {
            Path file = exportDirectory.toPath().resolve("datahub.json");
            int proposals = DataHubExport.create().proposals(catalog).size();
            DataHubExport.create().write(catalog, file);
            summary.append(what.equals("all") ? "; " : ": ")
                    .append(proposals)
                    .append(" DataHub proposal(s) to ")
                    .append(display(file));
        }
        getLog().info(summary.toString());
    }
}

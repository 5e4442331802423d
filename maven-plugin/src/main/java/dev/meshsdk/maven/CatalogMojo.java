package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.catalog.site.CatalogSite;
import dev.meshsdk.catalog.site.SiteResult;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the catalog of the environment as a static website: every product the registry knows (not only
 * this build's), with search and filters, a page per product and the mesh's lineage. It opens from the
 * file system, offline, and can be published on any web server.
 */
@Mojo(name = "catalog", threadSafe = true)
public class CatalogMojo extends AbstractMeshMojo {

    /** Where the site goes; its entry page is {@code index.html} there. */
    @Parameter(property = "mesh.catalog.directory", defaultValue = "${project.build.directory}/mesh/catalog")
    File catalogDirectory;

    /** The site's title. */
    @Parameter(property = "mesh.catalog.title", defaultValue = "Mesh catalog")
    String title;

    @Override
    String goal() {
        return "catalog";
    }

    @Override
    boolean readsProducts() {
        return false;
    }

    @Override
    void run(Mesh mesh, List<Path> products) throws MojoFailureException {
        requireProducts(mesh.catalog());
        SiteResult result = CatalogSite.builder().title(title).build().write(mesh.catalog(), catalogDirectory.toPath());
        getLog().info("Wrote the catalog of " + result.products() + " product(s) in '" + mesh.environment() + "' to "
                + display(result.index()));
    }
}

package dev.meshsdk.bench.catalog;

import dev.meshsdk.MeshCatalog;
import dev.meshsdk.catalog.site.CatalogSite;
import dev.meshsdk.catalog.site.SiteResult;
import java.nio.file.Path;

/** Writes the catalog site as {@code mesh:catalog} does, and checks it wrote every product. */
final class SiteWriter {
    private SiteWriter() {}

    static Object write(MeshCatalog catalog, Path out) {
        SiteResult result = CatalogSite.builder().build().write(catalog, out);
        if (result.products() != catalog.products().size()) {
            throw new IllegalStateException("the site has " + result.products() + " products of "
                    + catalog.products().size());
        }
        return result;
    }
}

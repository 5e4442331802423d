package dev.meshsdk.catalog.site;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link CatalogSite} wrote.
 *
 * @param index    the entry page, {@code <outDir>/index.html}
 * @param pages    the HTML pages written: the index, the lineage page, the unused page and one page per product
 * @param products the products shown
 */
public record SiteResult(Path index, int pages, int products) {
    public SiteResult {
        Objects.requireNonNull(index, "index");
    }
}

package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.registry.CatalogEntry;

/**
 * The "Usage" section of a product's page. The registry does not collect usage figures (reads per port,
 * consumers' queries) yet; this is the one place that will show them once it does.
 */
final class UsageSection {
    private UsageSection() {
    }

    static void write(StringBuilder b, CatalogEntry entry) {
        b.append("<section id=\"usage\" class=\"card\">\n<h2>Usage</h2>\n<p class=\"empty usage-pending\">"
                + "Usage figures are not collected yet. The consumers listed above are those whose deployed input"
                + " ports read this product.</p>\n</section>\n");
    }
}

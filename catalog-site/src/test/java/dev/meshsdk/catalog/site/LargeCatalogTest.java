package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole site for 5,000 products with two ports each and lineage between them. Asserts what was
 * written, not how fast: writing is linear by design, and timings belong in benchmarks.
 */
class LargeCatalogTest {
    private static final int PRODUCTS = 5_000;

    @TempDir
    Path out;

    @Test
    void writesAPagePerProductAndListsTheMeshLineageInsteadOfDrawingIt() throws IOException {
        SiteData data = SyntheticMesh.of(PRODUCTS);
        assertThat(data.edges()).hasSizeGreaterThan(PRODUCTS);

        SiteResult result = CatalogSite.builder().build().write(data, out);

        assertThat(result.pages()).isEqualTo(PRODUCTS + 3);
        assertThat(result.products()).isEqualTo(PRODUCTS);
        try (Stream<Path> pages = Files.list(out.resolve("products"))) {
            assertThat(pages.count()).isEqualTo(PRODUCTS);
        }
        String index = Files.readString(out.resolve("index.html"));
        assertThat(CatalogSiteTest.count(index, "<tr data-product=")).isEqualTo(PRODUCTS);
        assertThat(CatalogSiteTest.searchIndex(index)).hasSize(PRODUCTS);
        String lineage = Files.readString(out.resolve("lineage.html"));
        assertThat(lineage).contains("id=\"graph-not-drawn\"").doesNotContain("<svg");
        assertThat(CatalogSiteTest.count(lineage, "<tr data-producer="))
                .isEqualTo(data.edges().size());
        String last = Files.readString(out.resolve(PageNames.productPath(SyntheticMesh.id(PRODUCTS - 1))));
        assertThat(last).contains("<g class=\"edge\"", "<svg class=\"quality-chart\"");
    }
}

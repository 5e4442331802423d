package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Lineage;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogEntry.Column;
import dev.meshsdk.spi.registry.CatalogEntry.Port;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptor text that tries to become markup stays text on every page, in attributes and in the search data. */
class HostileTextTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String ATTR = "\"'><img src=x onerror=alert(2)>";
    static final String EVIL_ID = "evil\"><img src=x onerror=alert(3)>";

    @TempDir
    Path out;

    /** A product whose every text field carries markup, reading {@code orders} and read by it. */
    static CatalogEntry hostile() {
        Port port = new Port(
                ATTR,
                SCRIPT,
                ATTR,
                SCRIPT,
                ATTR,
                1,
                ATTR,
                ATTR,
                SCRIPT,
                ATTR,
                "s3://b/" + SCRIPT,
                List.of(new CatalogEntry.Dataset(SCRIPT, ATTR)),
                List.of(
                        new Column(SCRIPT, SCRIPT, ATTR, SCRIPT, true, true, ATTR, ATTR, SCRIPT),
                        new Column(ATTR, ATTR, SCRIPT, ATTR, false, false, SCRIPT, SCRIPT, ATTR)),
                List.of(new CatalogEntry.Sla(SCRIPT, ATTR, SCRIPT, ATTR)),
                List.of(new CatalogEntry.Rule(SCRIPT, ATTR, SCRIPT, ATTR, SCRIPT, ATTR, SCRIPT)),
                ATTR);
        return new CatalogEntry(
                EVIL_ID,
                "dev",
                SCRIPT + ATTR,
                ATTR,
                ATTR,
                ATTR,
                SCRIPT,
                List.of(SCRIPT, ATTR, "</script>"),
                new CatalogEntry.Owner(ATTR, SCRIPT, List.of(new CatalogEntry.Member(ATTR, SCRIPT, ATTR))),
                ATTR + SCRIPT,
                List.of(port),
                List.of(new CatalogEntry.Input(SCRIPT, ATTR, SCRIPT, "orders", ATTR, 1)),
                List.of(new CatalogEntry.Descriptor(ATTR, SCRIPT, SCRIPT + ATTR)),
                SampleMesh.T0);
    }

    static SiteData data() {
        CatalogEntry evil = hostile();
        List<CatalogEntry> entries = List.of(SampleMesh.orders(), SampleMesh.dailyRevenue(), evil);
        List<Lineage.Edge> edges = List.of(
                new Lineage.Edge(EVIL_ID, SCRIPT, "orders", ATTR, SCRIPT, 1),
                new Lineage.Edge("daily-revenue", "orders_in", "orders", "orders", "orders", 1),
                new Lineage.Edge("daily-revenue", ATTR, EVIL_ID, SCRIPT, ATTR, 1));
        QualityRecord q = new QualityRecord(
                EVIL_ID,
                ATTR,
                "dev",
                1,
                SampleMesh.T0,
                SCRIPT,
                1L,
                List.of(new QualityRecord.Result(SCRIPT, ATTR, SCRIPT, null, ATTR, SCRIPT, "FAILED", SCRIPT + ATTR)));
        DeploymentRecord d = new DeploymentRecord(
                EVIL_ID,
                ATTR,
                "dev",
                SCRIPT,
                SampleMesh.T0,
                SCRIPT,
                DeploymentRecord.Outcome.FAILED,
                List.of(SCRIPT, ATTR),
                ATTR);
        return new SiteData("dev", entries, Map.of(EVIL_ID, List.of(q)), Map.of(EVIL_ID, List.of(d)), edges);
    }

    @Test
    void noPageHoldsMarkupFromADescriptor() throws IOException {
        CatalogSite.builder().title(SCRIPT).build().write(data(), out);

        List<Path> pages;
        try (Stream<Path> files = Files.walk(out)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(pages).hasSize(6);
        for (Path page : pages) {
            String html = Files.readString(page);
            assertThat(html)
                    .as("%s", page)
                    .doesNotContain("<img", "<script>alert", "\"'>", "'><")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            // the only scripts are the site's own: the search data and the search script of the index
            int scripts = CatalogSiteTest.count(html, "<script");
            int closes = CatalogSiteTest.count(html, "</script");
            assertThat(scripts).as("%s", page).isEqualTo(page.endsWith("index.html") ? 2 : 0);
            assertThat(closes).as("%s", page).isEqualTo(scripts);
        }
        String product = Files.readString(out.resolve(PageNames.productPath(EVIL_ID)));
        assertThat(product)
                .contains(
                        "&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;",
                        "data-producer=\"evil&quot;&gt;&lt;img src=x onerror=alert(3)&gt;\"",
                        "<span class=\"badge status-other\">");
    }

    @Test
    void theSearchDataRoundTripsTheTextWithoutClosingItsScript() throws IOException {
        CatalogSite.builder().build().write(data(), out);
        String index = Files.readString(out.resolve("index.html"));

        String json =
                CatalogSiteTest.between(index, "<script type=\"application/json\" id=\"search-index\">", "</script>");
        assertThat(json).doesNotContain("<", ">");
        var parsed = CatalogSiteTest.searchIndex(index);
        assertThat(parsed.get(1).get("t").asText()).contains(SCRIPT.toLowerCase(), ATTR.toLowerCase());
        assertThat(parsed.get(1).get("g").get(2).asText()).isEqualTo("</script>");
    }
}

package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site read from a {@code MeshCatalog}, over an in-memory registry double (see {@link InMemoryRegistry}). */
class MeshCatalogSiteTest {

    @TempDir
    Path out;

    @Test
    void readsProductsQualityHistoryAndLineageFromTheCatalog() throws IOException {
        InMemoryRegistry registry = new InMemoryRegistry();
        for (CatalogEntry e : SampleMesh.entries()) {
            for (DeploymentRecord d : SampleMesh.deployments().getOrDefault(e.productId(), List.of())) {
                registry.record(d, null);
            }
            registry.record(
                    new DeploymentRecord(
                            e.productId(),
                            e.version(),
                            "dev",
                            "sum",
                            SampleMesh.T0.plusSeconds(60),
                            "ci-bot",
                            DeploymentRecord.Outcome.SUCCEEDED,
                            List.of("deployed"),
                            null),
                    e);
        }
        SampleMesh.quality().values().forEach(records -> records.forEach(registry::record));

        SiteResult result;
        try (Mesh mesh = Mesh.builder()
                .environment("dev")
                .registry("memory")
                .plugins(List.of(registry))
                .build()) {
            SiteData data = SiteData.read(mesh.catalog(), 3);
            assertThat(data.entries()).hasSize(4);
            assertThat(data.quality().get("daily-revenue")).hasSize(3);
            assertThat(data.deployments().get("orders")).hasSize(4);
            assertThat(data.edges()).singleElement().satisfies(e -> {
                assertThat(e.producer()).isEqualTo("orders");
                assertThat(e.consumer()).isEqualTo("daily-revenue");
            });
            result = CatalogSite.builder().qualityHistory(3).build().write(mesh.catalog(), out);
        }

        assertThat(result.pages()).isEqualTo(7);
        String orders = Files.readString(out.resolve("products/orders.html"));
        assertThat(orders)
                .contains(
                        "Asha Rao",
                        "<g class=\"edge\" data-producer=\"orders\" data-consumer=\"daily-revenue\">",
                        "<li>deployed</li>",
                        "policy denied: no owner");
        String revenue = Files.readString(out.resolve("products/daily-revenue.html"));
        assertThat(CatalogSiteTest.count(
                        CatalogSiteTest.between(revenue, "<svg class=\"quality-chart\"", "</svg>"), "<rect "))
                .isEqualTo(3);
    }
}

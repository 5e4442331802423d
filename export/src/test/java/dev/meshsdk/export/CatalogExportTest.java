package dev.meshsdk.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.Mesh;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both exports read from a {@code MeshCatalog} of a real {@code Mesh}, over {@link InMemoryRegistry} (a test
 * double of the registry), and give what they give for the same records passed as values.
 */
class CatalogExportTest {

    private static Mesh mesh(InMemoryRegistry registry) {
        return Mesh.builder()
                .environment(MeshFixture.ENV)
                .plugins(List.of(registry.plugin()))
                .registry(InMemoryRegistry.NAME)
                .policyEngine("none")
                .build();
    }

    /** A registry holding {@link MeshFixture}'s records. */
    private static InMemoryRegistry registry() {
        return new InMemoryRegistry(
                MeshFixture.entries(), MeshFixture.history(), MeshFixture.deployed(), MeshFixture.quality());
    }

    @Test
    void theLineageOfTheCatalogIsTheLineageOfItsRecords() {
        InMemoryRegistry registry = registry();
        try (Mesh mesh = mesh(registry)) {
            List<ObjectNode> fromCatalog = OpenLineageExport.create().events(mesh.catalog());
            assertThat(fromCatalog).hasSize(6);
            assertThat(fromCatalog).isEqualTo(MeshFixture.events(OpenLineageExport.create()));
            assertThat(registry.perProductReads())
                    .as("reads of one product's records")
                    .isZero();
        }
    }

    @Test
    void onlyTheLatestQualityRecordsAreRead() {
        InMemoryRegistry registry = registry();
        try (Mesh mesh = mesh(registry)) {
            // orders keeps two records (a check, then a publish): with one, only the publish is read
            List<ObjectNode> events =
                    OpenLineageExport.create().qualityRecords(1).events(mesh.catalog());
            assertThat(events)
                    .extracting(e -> e.at("/job/name").asText())
                    .containsExactly(
                            "orders",
                            "orders",
                            "daily-revenue",
                            "orders.orders.publish",
                            "daily-revenue.daily_revenue.publish",
                            "orders");
            // the check before daily-revenue's deployment was not read, so its input carries no assertions
            assertThat(OpenLineageExportTest.byJob(events, "daily-revenue")
                            .at("/inputs/0")
                            .has("inputFacets"))
                    .isFalse();
        }
    }

    @Test
    void theDataHubFileOfTheCatalogIsThatOfItsEntries() {
        InMemoryRegistry registry = registry();
        try (Mesh mesh = mesh(registry)) {
            assertThat(DataHubExport.create().proposals(mesh.catalog()))
                    .isEqualTo(DataHubExport.create().proposals(MeshFixture.entries()));
        }
    }
}

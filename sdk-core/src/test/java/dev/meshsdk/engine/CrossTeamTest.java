package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Lineage;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two teams' builds sharing one registry (the in-memory double standing for a shared file or postgres
 * registry; the real ones are shared between real Maven builds in the plugin's invoker scenarios): the
 * consumer's input port resolves to the producer's port, with every failure located at the input port.
 */
class CrossTeamTest {
    @TempDir
    Path teamA;

    @TempDir
    Path teamB;

    final InMemoryStorage storage = new InMemoryStorage();
    final InMemoryRegistry registry = new InMemoryRegistry();
    Path orders;
    Path revenue;

    @BeforeEach
    void products() {
        orders = new Workspace(teamA).product("orders", "orders-v1", null, "order_id", "customer_id");
        revenue = new Workspace(teamB).product("daily-revenue", "revenue-v1", "orders-v1", "day", "revenue");
    }

    Mesh build(Path base) {
        return build(base, Map.of());
    }

    Mesh build(Path base, Map<String, String> config) {
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
            }

            @Override
            public List<RegistryFactory> registries() {
                return List.of(registry);
            }
        };
        return Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .config(config)
                .user("tester")
                .build();
    }

    @Test
    void aProductDeployedByOneBuildIsConsumableByAnother() {
        try (Mesh b = build(teamB)) {
            ValidationReport before = b.validate(List.of(revenue));
            assertThat(before.errors()).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("MESH-REF");
                assertThat(d.location().file()).isEqualTo(revenue.resolve("product.yaml"));
                assertThat(d.location().line())
                        .as("the input port's contractId line")
                        .isEqualTo(19);
                assertThat(d.message())
                        .contains("which no product in this build or in the registry for 'dev' (memory) offers");
            });
        }
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(revenue)).diagnostics()).isEmpty();
            b.deploy(List.of(revenue));

            MeshCatalog catalog = b.catalog();
            CatalogEntry entry = catalog.product("daily-revenue").orElseThrow();
            assertThat(entry.inputPorts()).singleElement().satisfies(in -> {
                assertThat(in.producer()).isEqualTo("orders");
                assertThat(in.producerPort()).isEqualTo("orders");
                assertThat(in.majorVersion()).isEqualTo(1);
            });
            CatalogEntry producer = catalog.product("orders").orElseThrow();
            assertThat(producer.owner().team()).isEqualTo("sales-data");
            assertThat(producer.outputPorts()).singleElement().satisfies(p -> {
                assertThat(p.majorVersion()).isEqualTo(1);
                assertThat(p.address()).startsWith("file:///").endsWith("/data/orders/orders");
                assertThat(p.columns())
                        .extracting(CatalogEntry.Column::name)
                        .containsExactly("order_id", "customer_id");
            });
            assertThat(producer.descriptors())
                    .extracting(CatalogEntry.Descriptor::path)
                    .containsExactly("product.yaml", "contracts/orders-v1.yaml");

            assertThat(catalog.search("customer"))
                    .extracting(CatalogEntry::productId)
                    .containsExactly("orders");
            assertThat(catalog.search(CatalogQuery.in("dev").team("sales-data")))
                    .hasSize(2);
            assertThat(catalog.search(CatalogQuery.in("dev").text("nothing-like-this")))
                    .isEmpty();

            Lineage lineage = catalog.lineage("orders");
            assertThat(lineage.upstream()).isEmpty();
            assertThat(lineage.downstream()).extracting(Lineage.Edge::consumer).containsExactly("daily-revenue");
            assertThat(catalog.lineage("daily-revenue").upstream())
                    .extracting(Lineage.Edge::producer)
                    .containsExactly("orders");

            PortBinding binding = catalog.binding("orders", "orders");
            assertThat(binding.product().id()).isEqualTo("orders");
            assertThat(binding.server().setting("path")).contains("data/orders");
            assertThat(binding.contract().id()).isEqualTo("orders-v1");
            assertThatThrownBy(() -> catalog.binding("orders", "nope"))
                    .isInstanceOf(MeshException.class)
                    .hasMessageContaining("output port 'nope'")
                    .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void aNewMajorVersionKeepsTheOldOneLiveAndConsumersChooseTheirs() throws IOException {
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
            bump(orders.resolve("contracts/orders-v1.yaml"), "version: 1.0.0", "version: 2.0.0");
            a.deploy(List.of(orders));
            CatalogEntry entry = a.catalog().product("orders").orElseThrow();
            assertThat(entry.outputPorts())
                    .extracting(CatalogEntry.Port::majorVersion)
                    .containsExactly(2, 1);
            assertThat(a.catalog().binding("orders", "orders", 1).contract().version())
                    .isEqualTo("1.0.0");
            assertThat(a.catalog().binding("orders", "orders").contract().version())
                    .isEqualTo("2.0.0");

            // each deployment keeps the entry as it left the product: the first one served major version 1 only
            List<DeployedEntry> runs = a.catalog()
                    .deployedEntries(List.of("orders", "daily-revenue"))
                    .get("orders");
            assertThat(runs)
                    .extracting(DeployedEntry::record)
                    .containsExactlyElementsOf(a.catalog().history("orders"));
            assertThat(runs)
                    .extracting(r -> r.entry().outputPorts().stream()
                            .map(CatalogEntry.Port::majorVersion)
                            .toList())
                    .containsExactly(List.of(1), List.of(2, 1));
            assertThat(a.catalog().deployedEntries(List.of("daily-revenue")))
                    .as("never deployed")
                    .isEmpty();
        }
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(revenue)).diagnostics())
                    .as("v1 is still served")
                    .isEmpty();
            bump(
                    revenue.resolve("product.yaml"),
                    "    version: 1.0.0\n    contractId: orders-v1",
                    "    version: 3.0.0\n    contractId: orders-v1");
            Diagnostic error = b.validate(List.of(revenue)).errors().get(0);
            assertThat(error.message())
                    .contains(
                            "it reads major version 3 of contract 'orders-v1', which is not served"
                                    + " in 'dev'; served: port 'orders' v2 of product 'orders', port 'orders' v1 of product 'orders'");
            assertThat(error.location().line())
                    .as("the input port's version line")
                    .isEqualTo(18);
            assertThatThrownBy(() -> b.deploy(List.of(revenue)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("major version 3");
        }
    }

    @Test
    void retiredProductsFailAndDeprecatedVersionsWarnWithTheirSunset() throws IOException {
        Path contract = orders.resolve("contracts/orders-v1.yaml");
        bump(
                contract,
                "status: active",
                "status: deprecated\ncustomProperties:\n  - property: sunset\n    value: 2027-03-31");
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        try (Mesh b = build(teamB)) {
            ValidationReport report = b.validate(List.of(revenue));
            assertThat(report.errors()).isEmpty();
            assertThat(report.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo("MESH-DEPRECATED");
                assertThat(w.message()).contains("which is deprecated and will be retired after 2027-03-31");
                assertThat(w.location().line())
                        .as("the input port's version line")
                        .isEqualTo(18);
            });
        }
        bump(orders.resolve("product.yaml"), "status: active", "status: retired");
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(revenue)).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("MESH-RETIRED");
                assertThat(e.message()).contains("product 'orders' is retired");
                assertThat(e.location().line())
                        .as("no version is served: the contractId line")
                        .isEqualTo(19);
                assertThat(e.hint()).isEqualTo("find another producer in the catalog (mesh:catalog)");
            });
        }
    }

    @Test
    void anotherTeamCannotTakeOverAProductIdByDeployingIt() throws IOException {
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        Path theirs = marketingCopy("orders");
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(theirs)).errors()).singleElement().satisfies(e -> {
                assertOwnerErrorAt(e, theirs, "name: marketing");
                assertThat(e.message()).contains("as team 'marketing'", "owned by team 'sales-data'");
                assertThat(e.hint()).contains("choose another product id", "-Dmesh.transfer=orders");
            });
            assertThatThrownBy(() -> b.plan(List.of(theirs)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("MESH-OWNER");
            assertThatThrownBy(() -> b.deploy(List.of(theirs))).isInstanceOf(ValidationException.class);
            assertThat(b.catalog().product("orders").orElseThrow().owner().team())
                    .as("unchanged")
                    .isEqualTo("sales-data");
        }
        // agreed with the owners, the new team deploys it once with mesh.transfer naming it
        try (Mesh b = build(teamB, Map.of("mesh.transfer", "orders"))) {
            assertThat(b.validate(List.of(theirs)).errors()).isEmpty();
            b.deploy(List.of(theirs));
            assertThat(b.catalog().product("orders").orElseThrow().owner().team())
                    .isEqualTo("marketing");
        }
        try (Mesh a = build(teamA)) {
            assertThat(a.validate(List.of(orders)).errors())
                    .as("now the old owner is refused")
                    .singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("owned by team 'marketing'"));
        }
    }

    @Test
    void aSecondProductCannotOfferAContractIdAnotherProductOffers() throws IOException {
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        // a copy of the orders product under another id and team, that kept the contract's id
        Path copy = marketingCopy("orders-copy");
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(copy)).errors()).singleElement().satisfies(e -> {
                assertOwnerErrorAt(e, copy, "contractId: orders-v1");
                assertThat(e.message())
                        .contains("Cannot offer contract 'orders-v1' from output port 'orders-copy' of"
                                + " product 'orders-copy': product 'orders' of team 'sales-data' already offers it"
                                + " in 'dev'");
                assertThat(e.hint()).contains("give this product's contract its own id");
            });
            assertThatThrownBy(() -> b.plan(List.of(copy)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("MESH-OWNER");
            assertThatThrownBy(() -> b.deploy(List.of(copy))).isInstanceOf(ValidationException.class);
            assertThat(b.catalog().product("orders-copy")).as("not deployed").isEmpty();
        }
        try (Mesh a = build(teamA)) {
            assertThat(a.validate(List.of(orders)).errors())
                    .as("re-deploying its own contract")
                    .isEmpty();
            a.deploy(List.of(orders));
        }
    }

    /** Team marketing's copy of the orders product, under {@code id}, keeping the contract's id. */
    private Path marketingCopy(String id) throws IOException {
        Path copy = new Workspace(teamB).product(id, "orders-v1", null, "order_id", "customer_id");
        bump(copy.resolve("product.yaml"), "name: sales-data", "name: marketing");
        return copy;
    }

    private static void assertOwnerErrorAt(Diagnostic e, Path product, String line) throws IOException {
        assertThat(e.code()).isEqualTo("MESH-OWNER");
        assertThat(e.location().file()).isEqualTo(product.resolve("product.yaml"));
        assertThat(Files.readAllLines(product.resolve("product.yaml"))
                        .get(e.location().line() - 1))
                .contains(line);
    }

    private static void bump(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}

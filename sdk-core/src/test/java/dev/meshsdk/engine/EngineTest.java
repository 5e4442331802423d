package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.DeploymentResult;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.ValidationException;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate -> plan -> deploy through the public API, over the in-memory test doubles. */
class EngineTest {
    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    final InMemoryRegistry registry = new InMemoryRegistry();
    final List<MeshEvent> events = new ArrayList<>();
    final MetricRegistry metrics = new MetricRegistry();
    Path orders;
    Path revenue;

    @BeforeEach
    void products() {
        Workspace ws = new Workspace(dir);
        // written consumer first, to show that order comes from lineage, not from the argument list
        revenue = ws.product("daily-revenue", "revenue-v1", "orders-v1", "day", "revenue");
        orders = ws.product("orders", "orders-v1", null, "order_id", "amount");
    }

    Mesh mesh() {
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
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .metrics(metrics)
                .listener(events::add)
                .user("tester")
                .build();
    }

    List<Path> dirs() {
        return List.of(revenue, orders);
    }

    @Test
    void theFolderThatHoldsTheProductFoldersIsTakenAsItsProducts() {
        // the README's Java example passes src/main/mesh, the folder holding the product folders
        assertThat(Mesh.productDirectories(dir)).containsExactly(revenue, orders);
        assertThat(Mesh.productDirectories(orders)).containsExactly(orders);
        assertThat(Mesh.productDirectories(dir.resolve("missing"))).isEmpty();
        try (Mesh mesh = mesh()) {
            List<Path> products = List.of(dir);
            assertThat(mesh.validate(products).errors()).isEmpty();
            DeploymentPlan plan = mesh.plan(products);
            assertThat(plan.products()).extracting(ProductPlan::productId).containsExactly("orders", "daily-revenue");
            assertThat(mesh.deploy(products, plan).changed()).isTrue();
        }
        try (Mesh mesh = mesh()) {
            Path empty = dir.resolve("empty");
            assertThat(empty.toFile().mkdirs()).isTrue();
            assertThat(mesh.validate(List.of(empty)).errors()).singleElement().satisfies(e -> assertThat(e.message())
                    .endsWith("it has no product.yaml"));
        }
    }

    @Test
    void plansInDependencyOrderWithoutSideEffects() {
        try (Mesh mesh = mesh()) {
            DeploymentPlan plan = mesh.plan(dirs());
            assertThat(plan.products()).extracting(ProductPlan::productId).containsExactly("orders", "daily-revenue");
            assertThat(plan.products().get(1).consumes()).containsExactly("orders");
            assertThat(plan.products().get(0).ports().get(0).changes())
                    .hasSize(1)
                    .first()
                    .isInstanceOf(Change.CreateTable.class);
            assertThat(storage.tables).isEmpty();
            assertThat(registry.history).isEmpty();
            assertThat(plan.summary())
                    .contains("+ create data/orders/orders (2 columns)")
                    .contains("Plan: 2 change(s) in 2 product(s) for environment 'dev'");
        }
    }

    @Test
    void deploysThenASecondDeployChangesNothing() {
        try (Mesh mesh = mesh()) {
            DeploymentResult first = mesh.deploy(dirs());
            assertThat(first.changed()).isTrue();
            assertThat(storage.tables).containsOnlyKeys("data/orders/orders", "data/daily-revenue/daily_revenue");
            assertThat(registry.history)
                    .extracting(DeploymentRecord::productId)
                    .containsExactly("orders", "daily-revenue");
            DeploymentRecord record = registry.history.get(0);
            assertThat(record.checksum()).matches("[0-9a-f]{64}");
            assertThat(record.deployedBy()).isEqualTo("tester");
            assertThat(record.changes()).containsExactly("+ create data/orders/orders (2 columns)");
            assertThat(mesh.registry().catalog().entries("dev"))
                    .extracting(e -> e.productId())
                    .containsExactly("daily-revenue", "orders");

            int applied = storage.applied.size();
            DeploymentPlan again = mesh.plan(dirs());
            assertThat(again.hasChanges()).isFalse();
            DeploymentResult second = mesh.deploy(dirs());
            assertThat(second.changed()).isFalse();
            assertThat(storage.applied).hasSize(applied);
            assertThat(registry.history).hasSize(2);
        }
    }

    @Test
    void reportsProgressAndMetrics() {
        try (Mesh mesh = mesh()) {
            mesh.deploy(dirs());
        }
        assertThat(events)
                .filteredOn(e -> e instanceof MeshEvent.ProductStarted)
                .hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof MeshEvent.ChangeApplied).hasSize(2);
        assertThat(events)
                .filteredOn(e -> e instanceof MeshEvent.PhaseFinished)
                .extracting(e -> ((MeshEvent.PhaseFinished) e).phase())
                .containsExactly("validate", "plan", "deploy");
        assertThat(metrics.timer("mesh.adapter.memory.apply").getCount()).isEqualTo(2);
        assertThat(metrics.timer("mesh.adapter.memory.inspect").getCount()).isEqualTo(4);
        assertThat(metrics.counter("mesh.deploy.changes").getCount()).isEqualTo(2);
        assertThat(storage.closed).isEqualTo(1);
    }

    @Test
    void refusesAPlanWhoseStoreMoved() {
        try (Mesh mesh = mesh()) {
            DeploymentPlan plan = mesh.plan(dirs());
            storage.tables.put("data/orders/orders", new java.util.LinkedHashMap<>(java.util.Map.of("x", "string")));
            assertThatThrownBy(() -> mesh.deploy(dirs(), plan))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_PLAN))
                    .hasMessageContaining("Cannot deploy product 'orders' from this plan: the home of port 'orders'")
                    .hasMessageContaining("run mesh:plan again");
            assertThat(storage.applied).isEmpty();
        }
    }

    @Test
    void refusesAPlanWhoseDescriptorsChanged() throws Exception {
        try (Mesh mesh = mesh()) {
            DeploymentPlan plan = mesh.plan(dirs());
            Path product = orders.resolve("product.yaml");
            Files.writeString(product, Files.readString(product).replace("Test product orders", "Changed"));
            assertThatThrownBy(() -> mesh.deploy(dirs(), plan))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_PLAN))
                    .hasMessageContaining("its descriptors changed since the plan was made");
            assertThat(storage.applied).isEmpty();
        }
    }

    @Test
    void aSavedPlanRoundTripsAndDeploys() {
        try (Mesh mesh = mesh()) {
            DeploymentPlan plan = mesh.plan(dirs());
            Path file = dir.resolve("target/mesh/plan.json");
            Mesh.writePlan(plan, file);
            DeploymentPlan read = Mesh.readPlan(file);
            assertThat(read).isEqualTo(plan);
            assertThat(mesh.deploy(dirs(), read).changed()).isTrue();
            assertThat(storage.tables).hasSize(2);
        }
    }

    @Test
    void refusedChangesBlockTheWholeDeploy() {
        try (Mesh mesh = mesh()) {
            mesh.deploy(dirs());
            storage.tables.get("data/daily-revenue/daily_revenue").put("legacy", "string");
            int applied = storage.applied.size();
            DeploymentPlan plan = mesh.plan(dirs());
            assertThat(plan.refusals()).hasSize(1);
            assertThatThrownBy(() -> mesh.deploy(dirs(), plan))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED))
                    .hasMessageContaining(
                            "! refused on data/daily-revenue/daily_revenue: column 'legacy' would be dropped");
            assertThat(storage.applied).hasSize(applied);
        }
    }

    @Test
    void aHeldLockFailsFastNamingTheHolder() {
        try (Mesh mesh = mesh()) {
            DeploymentPlan plan = mesh.plan(dirs());
            try (DeployLock held = mesh.registry().locks().lock("orders", "dev", "alice@build-7")) {
                assertThatThrownBy(() -> mesh.deploy(dirs(), plan))
                        .isInstanceOfSatisfying(
                                MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD))
                        .hasMessageContaining("alice@build-7");
            }
            assertThat(storage.applied).isEmpty();
        }
    }

    @Test
    void aDeployLockNamesTheUserTheHostAndTheProcess() {
        try (Mesh mesh = mesh()) {
            mesh.deploy(dirs());
        }
        assertThat(registry.holders).isNotEmpty().allSatisfy(h -> assertThat(h)
                .matches(".+ on .+, process " + ProcessHandle.current().pid()));
    }

    @Test
    void whenTheRegistryFailsTooTheStoresFailureIsStillWhatTheUserSees() {
        storage.failOnApply = "data/daily-revenue/daily_revenue";
        registry.historyDownOnFailure = true;
        try (Mesh mesh = mesh()) {
            assertThatThrownBy(() -> mesh.deploy(dirs()))
                    .isInstanceOfSatisfying(MeshException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
                        assertThat(e.getCause())
                                .isInstanceOf(MeshException.class)
                                .hasMessage("Cannot apply to data/daily-revenue/daily_revenue: injected failure");
                        assertThat(e.getCause().getSuppressed()).singleElement().satisfies(s -> assertThat(s)
                                .hasMessage("Cannot write the registry at memory: connection refused"));
                    })
                    .hasMessage("Cannot apply to data/daily-revenue/daily_revenue: injected failure (this failed"
                            + " deployment could not be recorded in the registry either: Cannot write the registry at"
                            + " memory: connection refused; its history lacks this attempt)");
        }
        assertThat(registry.history)
                .extracting(DeploymentRecord::outcome)
                .containsExactly(DeploymentRecord.Outcome.SUCCEEDED);
    }

    @Test
    void aFailedApplyIsRecordedAndRethrown() {
        storage.failOnApply = "data/daily-revenue/daily_revenue";
        try (Mesh mesh = mesh()) {
            assertThatThrownBy(() -> mesh.deploy(dirs()))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
            assertThat(registry.history)
                    .extracting(DeploymentRecord::outcome)
                    .containsExactly(DeploymentRecord.Outcome.SUCCEEDED, DeploymentRecord.Outcome.FAILED);
            storage.failOnApply = null;
            mesh.deploy(dirs());
            assertThat(mesh.plan(dirs()).hasChanges()).isFalse();
        }
    }

    @Test
    void aServerTypeWithoutAdapterIsAnErrorAtPlanNamingTheContractLine() throws Exception {
        Path contract = orders.resolve("contracts/orders-v1.yaml");
        Files.writeString(
                contract,
                Files.readString(contract)
                        .replace(
                                "type: local",
                                "type: postgres\n    host: db\n    port: 5432\n    database: d\n    schema: s")
                        .replace("    path: data/orders\n    format: delta\n", ""));
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(dirs()).hasErrors()).isFalse();
            assertThatThrownBy(() -> mesh.plan(dirs())).isInstanceOfSatisfying(ValidationException.class, e -> {
                assertThat(e.report().errors()).hasSize(1);
                assertThat(e.report().errors().get(0).location().toString()).endsWith("orders-v1.yaml:8:11");
                assertThat(e.report().errors().get(0).message())
                        .contains("no storage adapter is loaded for server type 'postgres'");
            });
            assertThat(storage.applied).isEmpty();
        }
    }

    @Test
    void aPortWithNoServerForTheEnvironmentIsAnError() {
        try (Mesh mesh = Mesh.builder()
                .baseDirectory(dir)
                .environment("prod")
                .plugins(List.of(new MeshPlugin() {
                    @Override
                    public List<StorageAdapterFactory> storageAdapters() {
                        return List.of(storage);
                    }

                    @Override
                    public List<RegistryFactory> registries() {
                        return List.of(registry);
                    }
                }))
                .registry("memory")
                .build()) {
            assertThatThrownBy(() -> mesh.plan(dirs()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining(
                            "daily-revenue/product.yaml:15:17: error: Cannot deploy output port 'daily-revenue' to"
                                    + " environment 'prod': contract 'revenue-v1' has no server for it; the environment"
                                    + " 'prod' being validated (-Dmesh.environment, or <environment> in the POM) is served"
                                    + " by no contract of the project, whose contracts serve 'dev'; choose one of them, or"
                                    + " add a server with 'environment: prod' to each contract [MESH-ENV]")
                    .hasMessageContaining(
                            "orders/product.yaml:15:17: error: Cannot deploy output port 'orders' to environment"
                                    + " 'prod': contract 'orders-v1' has no server for it; no contract of the project"
                                    + " serves 'prod' [MESH-ENV]");
        }
    }

    @Test
    void anInputPortNothingOffersIsAnErrorAtPlan() {
        try (Mesh mesh = mesh()) {
            assertThatThrownBy(() -> mesh.plan(List.of(revenue)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining(
                            "Cannot resolve input port 'upstream' of product 'daily-revenue': it consumes contract 'orders-v1', which no product in this build or in the registry for 'dev' (memory) offers");
            mesh.deploy(List.of(orders));
            assertThat(mesh.plan(List.of(revenue)).products()).hasSize(1);
        }
    }
}

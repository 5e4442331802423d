package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan weighed by use, over the engine's test doubles (the in-memory store and registry, a usage history in
 * memory, a stand-in collector of read events): {@code mesh:plan}'s summary gives each changed port's usage in one
 * line, and the policies get {@code plan.ports[].usage} with the columns the changes touch; a port never collected
 * reads "no usage collected", and where nothing was ever collected (or the registry keeps no usage) the plan prints
 * no usage lines. The default pack's rules over this input are
 * tested in mesh-policy's {@code BreakingByUsagePackTest}.
 */
class PlanUsageTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    final List<PolicyInput> inputs = new ArrayList<>();

    @Test
    @SuppressWarnings("unchecked")
    void thePlanAndThePoliciesSeeWhoReadsEachChangedPort() {
        Path orders = write("orders", "1.0.0", "order_id", "coupon");
        Path crm = write("crm", "1.0.0", "contact_id");
        try (Mesh mesh = mesh(UsageCollectTest.withUsage(new InMemoryRegistry()))) {
            mesh.deploy(List.of(orders, crm));
            mesh.collectUsage();
            write("orders", "1.1.0", "order_id", "channel");
            write("crm", "1.1.0", "contact_id", "email");
            inputs.clear();

            DeploymentPlan plan = mesh.plan(List.of(orders, crm));

            assertThat(plan.summary())
                    .contains("""
                      port orders -> local data/orders
                        usage: 2 readers in the last 30 days: analytics, finance; last read 2026-12-05T08:00:00Z
                    """.replace("\n", System.lineSeparator()))
                    .contains("""
                      port crm -> local data/crm
                        usage: no usage collected
                    """.replace("\n", System.lineSeparator()));
            Map<String, Object> port = plannedPorts().get(0);
            assertThat(port.get("port")).isEqualTo("orders");
            assertThat((List<Map<String, Object>>) port.get("changes")).anySatisfy(c -> {
                assertThat(c.get("kind")).isEqualTo("refused");
                assertThat(c.get("droppedColumn")).isEqualTo("coupon");
            });
            Map<String, Object> usage = (Map<String, Object>) port.get("usage");
            assertThat(usage.get("collected")).isEqualTo(true);
            assertThat(usage.get("summary"))
                    .isEqualTo(
                            "2 readers in the last 30 days: analytics, finance;" + " last read 2026-12-05T08:00:00Z");
            Map<String, Object> last30 = (Map<String, Object>) usage.get("last30");
            assertThat(last30.get("reads")).isEqualTo(3L);
            assertThat(last30.get("readers")).isEqualTo(List.of("analytics", "finance"));
            assertThat(last30.get("readerReads")).isEqualTo(Map.of("analytics", 2L, "finance", 1L));
            assertThat(last30.get("complete")).isEqualTo(false);
            assertThat(usage.get("lastRead")).isEqualTo("2026-12-05T08:00:00Z");
            // No collector here tells columns apart: each touched column carries the port's use, marked unknown.
            Map<String, Map<String, Object>> columns = (Map<String, Map<String, Object>>) usage.get("columns");
            assertThat(columns).containsOnlyKeys("channel", "coupon");
            assertThat(columns.get("coupon").get("known")).isEqualTo(false);
            assertThat(columns.get("coupon").get("last90")).isEqualTo(usage.get("last90"));

            // The usage line is kept in a saved plan, and a plan read back is the same plan.
            Path file = dir.resolve("plan.json");
            Mesh.writePlan(plan, file);
            assertThat(Mesh.readPlan(file)).isEqualTo(plan);
            assertThat(Mesh.readPlan(file).products().get(0).ports())
                    .extracting(PortPlan::usage)
                    .isNotEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsThatTellTheirColumnsGiveEachDroppedColumnItsOwnReaders() {
        Path orders = write("orders", "1.0.0", "order_id", "coupon", "channel");
        try (Mesh mesh = mesh(
                UsageCollectTest.withUsage(new InMemoryRegistry()),
                t -> List.of(
                        new ReadEvent(
                                t.address(),
                                "events",
                                "analytics",
                                "bi",
                                NOW.minusSeconds(28 * 3600),
                                Set.of("order_id", "channel")),
                        new ReadEvent(
                                t.address(),
                                "events",
                                "finance",
                                "bi",
                                NOW.minusSeconds(50 * 3600),
                                Set.of("order_id", "coupon"))))) {
            mesh.deploy(List.of(orders));
            mesh.collectUsage();
            write("orders", "1.1.0", "order_id");
            inputs.clear();

            DeploymentPlan plan = mesh.plan(List.of(orders));

            assertThat(plan.products().get(0).ports().get(0).usage())
                    .isEqualTo("2 readers in the last 30 days:"
                            + " analytics, finance; last read 2026-12-05T08:00:00Z; column 'coupon': 1 reader in the last 30"
                            + " days: finance; last read 2026-12-04T10:00:00Z; column 'channel': 1 reader in the last 30"
                            + " days: analytics; last read 2026-12-05T08:00:00Z");
            Map<String, Object> port = plannedPorts().get(0);
            Map<String, Map<String, Object>> columns =
                    (Map<String, Map<String, Object>>) ((Map<String, Object>) port.get("usage")).get("columns");
            assertThat(columns).containsOnlyKeys("channel", "coupon");
            assertThat(columns.get("coupon"))
                    .containsEntry("known", true)
                    .containsEntry("lastRead", "2026-12-04T10:00:00Z")
                    .containsEntry(
                            "summary",
                            "column 'coupon': 1 reader in the last 30 days:"
                                    + " finance; last read 2026-12-04T10:00:00Z; port: 2 readers in the last 30 days: analytics,"
                                    + " finance; last read 2026-12-05T08:00:00Z");
            assertThat((Map<String, Object>) columns.get("coupon").get("last30"))
                    .containsEntry("reads", 1L)
                    .containsEntry("readers", List.of("finance"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewMajorVersionTellsTheReadersOfTheVersionItSupersedes() {
        Path orders = write("orders", "1.0.0", "order_id", "coupon");
        try (Mesh mesh = mesh(UsageCollectTest.withUsage(new InMemoryRegistry()))) {
            mesh.deploy(List.of(orders));
            mesh.collectUsage();
            write("orders", "2.0.0", "order_id");
            inputs.clear();

            DeploymentPlan plan = mesh.plan(List.of(orders));

            PortPlan v2 = plan.products().get(0).ports().stream()
                    .filter(p -> p.contractVersion().equals("2.0.0"))
                    .findFirst()
                    .orElseThrow();
            assertThat(v2.observed().exists()).isFalse();
            assertThat(v2.usage())
                    .isEqualTo("v1: 2 readers in the last 30 days: analytics, finance; last read 2026-12-05T08:00:00Z;"
                            + " they keep reading v1 until they move");
            assertThat(plan.summary()).contains("    usage: v1: 2 readers in the last 30 days");
            Map<String, Object> port = plannedPorts().stream()
                    .filter(p -> "2.0.0".equals(p.get("contractVersion")))
                    .findFirst()
                    .orElseThrow();
            Map<String, Object> usage = (Map<String, Object>) port.get("usage");
            assertThat(usage.get("supersedes")).isEqualTo(List.of(1));
            assertThat(usage.get("summary"))
                    .isEqualTo("2 readers in the last 30 days: analytics, finance; last read 2026-12-05T08:00:00Z");
            assertThat(((Map<String, Object>) usage.get("last30")).get("reads")).isEqualTo(3L);

            // A product deployed for the first time has no readers to tell of.
            Path crm = write("crm", "2.0.0", "contact_id");
            assertThat(mesh.plan(List.of(crm)).products().get(0).ports())
                    .singleElement()
                    .extracting(PortPlan::usage)
                    .isNull();
        }
    }

    @Test
    void aRegistryWithoutUsageHistoryPlansWithoutUsageLines() {
        Path orders = write("orders", "1.0.0", "order_id");
        try (Mesh mesh = mesh(new InMemoryRegistry())) {
            // A port about to be created has no readers to tell of: no usage line.
            DeploymentPlan first = mesh.plan(List.of(orders));
            assertThat(first.products().get(0).ports())
                    .singleElement()
                    .extracting(PortPlan::usage)
                    .isNull();
            assertThat(first.summary()).doesNotContain("usage:");
            mesh.deploy(List.of(orders));
            write("orders", "1.1.0", "order_id", "channel");
            DeploymentPlan plan = mesh.plan(List.of(orders));
            assertThat(plan.products().get(0).ports()).singleElement().satisfies(p -> {
                assertThat(p.changes()).singleElement().isInstanceOf(Change.AddColumn.class);
                assertThat(p.usage()).isNull();
            });
            assertThat(plan.summary()).doesNotContain("usage:");
        }
    }

    @Test
    void anEnvironmentWhereUsageWasNeverCollectedPlansWithoutUsageLines() {
        Path orders = write("orders", "1.0.0", "order_id");
        try (Mesh mesh = mesh(UsageCollectTest.withUsage(new InMemoryRegistry()))) {
            mesh.deploy(List.of(orders));
            write("orders", "1.1.0", "order_id", "channel");
            DeploymentPlan plan = mesh.plan(List.of(orders));
            assertThat(plan.products().get(0).ports())
                    .singleElement()
                    .extracting(PortPlan::usage)
                    .isNull();
            assertThat(plan.summary()).doesNotContain("usage:");
            // Once anything was collected in the environment, every changed port tells its use.
            mesh.collectUsage();
            assertThat(mesh.plan(List.of(orders)).summary()).contains("usage: 2 readers in the last 30 days");
        }
    }

    /** The {@code plan.ports} of the first plan the policies were given. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> plannedPorts() {
        return (List<Map<String, Object>>) ((Map<String, Object>) inputs.stream()
                        .filter(i -> i.document().containsKey("plan"))
                        .findFirst()
                        .orElseThrow()
                        .document()
                        .get("plan"))
                .get("ports");
    }

    Path write(String id, String version, String... columns) {
        Path p = dir.resolve("products").resolve(id);
        Workspace.write(p.resolve("product.yaml"), ForgetTest.product(id, id + "-c", null));
        Workspace.write(
                p.resolve("contracts/" + id + "-c.yaml"),
                ForgetTest.contract(id + "-c", version, "data/" + id, id, columns));
        return p;
    }

    /** The collector serves orders only: analytics read it twice yesterday, finance once the day before. */
    Mesh mesh(RegistryFactory registry) {
        return mesh(
                registry,
                t -> List.of(
                        new ReadEvent(t.address(), "events", "analytics", "bi", NOW.minusSeconds(28 * 3600)),
                        new ReadEvent(t.address(), "events", "analytics", "bi", NOW.minusSeconds(30 * 3600)),
                        new ReadEvent(t.address(), "events", "finance", "bi", NOW.minusSeconds(50 * 3600))));
    }

    /** A mesh whose collector serves orders only, with the reads {@code reads} gives of each of its tables. */
    Mesh mesh(
            RegistryFactory registry,
            java.util.function.Function<dev.meshsdk.spi.usage.UsageTarget, List<dev.meshsdk.spi.usage.UsageObservation>>
                    reads) {
        UsageCollector collector =
                UsageDoubles.events(port -> port.product().id().equals("orders"), reads);
        PolicyEngineFactory capturing = new PolicyEngineFactory() {
            @Override
            public String name() {
                return "capturing";
            }

            @Override
            public PolicyEngine create(AdapterContext context) {
                return new PolicyEngine() {
                    @Override
                    public PolicyDecision evaluate(PolicyInput input) {
                        inputs.add(input);
                        return new PolicyDecision(List.of(), null);
                    }

                    @Override
                    public void close() {}
                };
            }
        };
        MeshPlugin plugin = UsageDoubles.plugin(storage, registry, collector, List.of(capturing));
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .user("platform")
                .build();
    }
}

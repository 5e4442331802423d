package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.InputMove;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planning rules for retiring an older contract major version (the output port's {@code majorVersions}) and
 * for rolling back to one, on the in-memory store and registry doubles (the real stores drop tables in their
 * modules' tests; real Maven builds in the plugin's {@code retire-version} scenario). Today is 2026-12-06.
 */
class RetireTest {
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    static final String V1_TABLE = "data/orders/orders";
    static final String V2_TABLE = "data/orders/orders_v2";

    @TempDir
    Path teamA;

    @TempDir
    Path teamB;

    final InMemoryStorage storage = new InMemoryStorage();
    final InMemoryRegistry registry = new InMemoryRegistry();
    Path orders;
    Path revenue;

    @BeforeEach
    void twoTeams() {
        storage.grants = true;
        orders = new Workspace(teamA).product("orders", "orders-v1", null, "order_id", "customer_id");
        revenue = new Workspace(teamB).product("daily-revenue", "revenue-v1", "orders-v1", "day", "revenue");
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        try (Mesh b = build(teamB)) {
            b.deploy(List.of(revenue));
        }
    }

    Mesh build(Path base) {
        return build(base, event -> {});
    }

    Mesh build(Path base, dev.meshsdk.event.MeshListener listener) {
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
                .user("tester")
                .clock(TODAY)
                .listener(listener)
                .build();
    }

    /** Orders moves to major version 2 and declares version 1 as given. */
    void ordersV2(String declaration) throws IOException {
        replace(orders.resolve("contracts/orders-v1.yaml"), "version: 1.0.0", "version: 2.0.0");
        replace(
                orders.resolve("product.yaml"),
                "    version: 1.0.0\n    contractId: orders-v1\n",
                "    version: 2.0.0\n    contractId: orders-v1\n" + (declaration == null ? "" : """
                            customProperties:
                              - property: majorVersions
                                value:
                        """ + declaration));
    }

    void declare(String declaration) throws IOException {
        String text = Files.readString(orders.resolve("product.yaml"));
        int at = text.indexOf("          - major:");
        Files.writeString(orders.resolve("product.yaml"), text.substring(0, at) + declaration);
    }

    void revenueReadsV2() throws IOException {
        replace(
                revenue.resolve("product.yaml"),
                "    version: 1.0.0\n    contractId: orders-v1",
                "    version: 2.0.0\n    contractId: orders-v1");
        try (Mesh b = build(teamB)) {
            b.deploy(List.of(revenue));
        }
    }

    static String v1(String status, String sunset) {
        return "          - major: 1\n            status: " + status + "\n"
                + (sunset == null ? "" : "            sunset: " + sunset + "\n");
    }

    static List<String> lines(DeploymentPlan plan) {
        return plan.products().stream()
                .flatMap(p -> p.ports().stream())
                .flatMap(p -> p.changes().stream())
                .map(c -> c.symbol() + " " + c.summary())
                .toList();
    }

    static PortPlan v1Plan(DeploymentPlan plan) {
        return plan.products().get(0).ports().stream()
                .filter(p -> p.contractVersion().equals("1.0.0"))
                .findFirst()
                .orElseThrow();
    }

    CatalogEntry.Port catalogPort(Mesh mesh, int major) {
        return mesh.catalog().product("orders").orElseThrow().outputPorts().stream()
                .filter(p -> p.majorVersion() == major)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDeprecatedVersionStaysServedAndConsumersBuildsWarnWithItsSunset() throws IOException {
        ordersV2(v1("deprecated", "2027-03-31"));
        try (Mesh a = build(teamA)) {
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(v1Plan(plan).changes())
                    .extracting(c -> c.symbol() + " " + c.summary())
                    .containsExactly("~ deprecate orders v1 (sunset 2027-03-31)");
            a.deploy(List.of(orders));
            assertThat(catalogPort(a, 1).status()).isEqualTo("deprecated");
            assertThat(catalogPort(a, 1).sunset()).isEqualTo("2027-03-31");
            assertThat(catalogPort(a, 2).status()).isEqualTo("active");
            assertThat(lines(a.plan(List.of(orders))))
                    .as("the plan once deployed")
                    .isEmpty();
        }
        assertThat(storage.tables).containsKeys(V1_TABLE, V2_TABLE);
        consumerIsWarned("will be retired after 2027-03-31", "move the input port to version 2 before the sunset");
    }

    /** The consumer's build has one warning: it reads orders v1, which is deprecated and {@code when}. */
    void consumerIsWarned(String when, String hint) {
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(revenue)).warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo("MESH-DEPRECATED");
                assertThat(w.message())
                        .isEqualTo("Input port 'upstream' of product 'daily-revenue' reads version 1 of"
                                + " contract 'orders-v1' of product 'orders', which is deprecated and " + when);
                assertThat(w.hint()).isEqualTo(hint);
            });
        }
        // plan and deploy show the warning validate shows, once though both resolve the input ports
        for (var goal : List.<java.util.function.Consumer<Mesh>>of(
                b -> b.plan(List.of(revenue)), b -> b.deploy(List.of(revenue)))) {
            List<dev.meshsdk.event.MeshEvent.Warning> warnings = new java.util.ArrayList<>();
            try (Mesh b = build(teamB, e -> {
                if (e instanceof dev.meshsdk.event.MeshEvent.Warning w) warnings.add(w);
            })) {
                goal.accept(b);
            }
            assertThat(warnings).singleElement().satisfies(w -> {
                assertThat(w.diagnostic().code()).isEqualTo("MESH-DEPRECATED");
                assertThat(w.diagnostic().message()).endsWith("which is deprecated and " + when);
            });
        }
    }

    @Test
    void aDeprecatedVersionWhoseSunsetIsPastWarnsThatItWasDueThenAndToMoveNow() throws IOException {
        ordersV2(v1("deprecated", "2026-12-05"));
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        consumerIsWarned(
                "was due to be retired on 2026-12-05",
                "move the input port to version 2 now: its producer may retire version 1 at any time");
        declare(v1("deprecated", "2026-12-06"));
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        // on the sunset day itself the version may still be read until the day ends
        consumerIsWarned("will be retired after 2026-12-06", "move the input port to version 2 before the sunset");
    }

    @Test
    void aRetiredVersionStillReadLosesItsGrantsButKeepsItsTableAndThePlanSaysWhoReadsIt() throws IOException {
        assertThat(storage.granted.get(V1_TABLE)).containsExactly("analyst:read");
        ordersV2(v1("retired", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(v1Plan(plan).changes())
                    .extracting(c -> c.symbol() + " " + c.summary())
                    .containsExactly(
                            "~ retire orders v1 (sunset 2026-11-30)",
                            "- revoke read on data/orders/orders from analyst",
                            "= keep table data/orders/orders v1: still read by product 'daily-revenue' (input port 'upstream');"
                                    + " deploy again once it moves to v2 to drop it");
            assertThat(plan.summary())
                    .contains(
                            "    = keep table data/orders/orders v1: still read by product"
                                    + " 'daily-revenue' (input port 'upstream'); deploy again once it moves to v2 to drop it",
                            "  port orders v2 -> local data/orders\n",
                            "  port orders v1 -> local data/orders\n")
                    .contains("Plan: 4 change(s) in 1 product(s)");
            assertThat(Mesh.readPlan(writeTo(plan))).as("read back").isEqualTo(plan);
            assertThat(a.catalog().readers("orders", "orders", 1))
                    .extracting(e -> e.consumer())
                    .containsExactly("daily-revenue");
            a.deploy(List.of(orders));
            assertThat(catalogPort(a, 1).status()).isEqualTo("retired");
        }
        assertThat(storage.tables).containsKeys(V1_TABLE, V2_TABLE);
        assertThat(storage.dropped).isEmpty();
        assertThat(storage.granted.get(V1_TABLE)).as("grants on v1").isEmpty();
        assertThat(storage.granted.get(V2_TABLE)).as("grants on v2").containsExactly("analyst:read");
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(revenue)).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("MESH-RETIRED");
                assertThat(e.message()).contains("version 1 of contract 'orders-v1' of product 'orders' is retired");
                assertThat(e.hint()).isEqualTo("move to a served version: port 'orders' v2 of product 'orders'");
                assertThat(Files.readAllLines(revenue.resolve("product.yaml"))
                                .get(e.location().line() - 1))
                        .as("the input port's version line, as for MESH-DEPRECATED")
                        .contains("version: 1.0.0");
            });
        }
        try (Mesh a = build(teamA)) {
            DeploymentPlan again = a.plan(List.of(orders));
            assertThat(lines(again))
                    .as("planned again: still kept, nothing to apply")
                    .containsExactly("= keep table data/orders/orders v1: still read by product 'daily-revenue'"
                            + " (input port 'upstream'); deploy again once it moves to v2 to drop it");
            assertThat(again.hasChanges()).isFalse();
        }
        List<MeshEvent> events = new ArrayList<>();
        try (Mesh a = build(teamA, events::add)) {
            a.deploy(List.of(orders));
        }
        assertThat(events)
                .as("a deploy of the up-to-date product still says what it keeps, as its plan does")
                .filteredOn(e -> e instanceof MeshEvent.ChangeHeld)
                .singleElement()
                .satisfies(e -> assertThat(((MeshEvent.ChangeHeld) e).change().summary())
                        .startsWith("keep table data/orders/orders v1: still read by product 'daily-revenue'"));
    }

    @Test
    void aBuildThatRetiresAVersionItsOwnConsumerStillReadsFailsAtTheConsumersInputPort() throws IOException {
        ordersV2(v1("deprecated", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        declare(v1("retired", "2026-11-30"));
        try (Mesh both = build(teamA)) {
            List<Path> build = List.of(orders, revenue);
            assertThat(both.validate(build).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("MESH-RETIRED");
                assertThat(e.location().file()).isEqualTo(revenue.resolve("product.yaml"));
                assertThat(Files.readAllLines(revenue.resolve("product.yaml"))
                                .get(e.location().line() - 1))
                        .as("the input port's version line")
                        .isEqualTo("    version: 1.0.0");
                assertThat(e.location().line()).as("below the input ports").isGreaterThan(16);
                assertThat(e.message())
                        .isEqualTo("Cannot resolve input port 'upstream' of product 'daily-revenue':"
                                + " this build retires version 1 of contract 'orders-v1' of product 'orders' (majorVersions"
                                + " of its output port 'orders'), and the input port still reads it");
                assertThat(e.hint())
                        .as("each served version once")
                        .isEqualTo(
                                "move the input port to version 2"
                                        + " (served: port 'orders' v2 of product 'orders'), or keep version 1 of 'orders' deprecated until 'daily-revenue' has moved");
            });
            assertThatThrownBy(() -> both.plan(build))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("MESH-RETIRED");
            assertThatThrownBy(() -> both.deploy(build)).isInstanceOf(ValidationException.class);
            assertThat(catalogPort(both, 1).status()).as("nothing deployed").isEqualTo("deprecated");
        }
        // the consumer moves to v2 in the same build: it deploys, v1 (sunset past) is dropped once it has, and the
        // consumer's next build is clean
        replace(
                revenue.resolve("product.yaml"),
                "    version: 1.0.0\n    contractId: orders-v1",
                "    version: 2.0.0\n    contractId: orders-v1");
        try (Mesh both = build(teamA)) {
            assertThat(both.validate(List.of(orders, revenue)).diagnostics()).isEmpty();
            both.deploy(List.of(orders, revenue));
            assertThat(both.catalog().product("orders").orElseThrow().outputPorts())
                    .extracting(CatalogEntry.Port::majorVersion)
                    .containsExactly(2);
        }
        assertThat(storage.dropped).containsExactly(V1_TABLE);
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(revenue)).diagnostics()).isEmpty();
        }
    }

    @Test
    void aBuildThatMovesToANewMajorVersionAndRetiresTheOldOneAtOnceChecksItsConsumersToo() throws IOException {
        ordersV2(v1("retired", "2026-11-30"));
        try (Mesh both = build(teamA)) {
            assertThat(both.validate(List.of(orders, revenue)).errors())
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo("MESH-RETIRED");
                        assertThat(e.location().file()).isEqualTo(revenue.resolve("product.yaml"));
                        assertThat(e.hint())
                                .isEqualTo(
                                        "move the input port to version 2 (served: port 'orders' v2 of product 'orders'), or keep"
                                                + " version 1 of 'orders' deprecated until 'daily-revenue' has moved");
                    });
        }
        declare(v1("deprecated", "2027-03-31"));
        try (Mesh both = build(teamA)) {
            assertThat(both.validate(List.of(orders, revenue)).warnings())
                    .singleElement()
                    .satisfies(w -> {
                        assertThat(w.code()).isEqualTo("MESH-DEPRECATED");
                        assertThat(w.location().file()).isEqualTo(revenue.resolve("product.yaml"));
                        assertThat(w.message()).endsWith("which is deprecated and will be retired after 2027-03-31");
                        assertThat(w.hint()).isEqualTo("move the input port to version 2 before the sunset");
                    });
        }
    }

    @Test
    void aRetiredVersionNobodyReadsKeepsItsTableUntilAfterItsSunset() throws IOException {
        revenueReadsV2Later();
        ordersV2(v1("retired", "2026-12-06"));
        try (Mesh a = build(teamA)) {
            assertThat(v1Plan(a.plan(List.of(orders))).changes())
                    .extracting(c -> c.symbol() + " " + c.summary())
                    .containsExactly(
                            "~ retire orders v1 (sunset 2026-12-06)",
                            "- revoke read on data/orders/orders from analyst",
                            "= keep table data/orders/orders v1: retired, but its sunset 2026-12-06 is not past");
            a.deploy(List.of(orders));
        }
        assertThat(storage.tables).containsKey(V1_TABLE);
        assertThat(storage.dropped).isEmpty();
    }

    @Test
    void afterTheSunsetARetiredVersionNobodyReadsIsDroppedWithAPlanLineAndLeavesTheCatalog() throws IOException {
        revenueReadsV2Later();
        ordersV2(v1("retired", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            assertThat(a.catalog().readers("orders", "orders", 1)).isEmpty();
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(v1Plan(plan).changes())
                    .extracting(c -> c.symbol() + " " + c.summary())
                    .containsExactly(
                            "~ retire orders v1 (sunset 2026-11-30)",
                            "- revoke read on data/orders/orders from analyst",
                            "- drop table data/orders/orders (v1 retired, sunset 2026-11-30, no consumer)");
            assertThat(storage.tables).as("planning drops nothing").containsKey(V1_TABLE);
            Path file = teamA.resolve("plan.json");
            Mesh.writePlan(plan, file);
            DeploymentPlan saved = Mesh.readPlan(file);
            assertThat(saved).as("the plan read back from its file").isEqualTo(plan);
            a.deploy(List.of(orders), saved);
            assertThat(storage.dropped).containsExactly(V1_TABLE);
            assertThat(storage.tables).doesNotContainKey(V1_TABLE).containsKey(V2_TABLE);
            assertThat(a.catalog().product("orders").orElseThrow().outputPorts())
                    .extracting(CatalogEntry.Port::majorVersion)
                    .containsExactly(2);
            assertThat(a.plan(List.of(orders)).hasChanges()).as("planned again").isFalse();
            assertThat(lines(a.plan(List.of(orders)))).isEmpty();
        }
    }

    @Test
    void aConsumerThatRegistersBetweenPlanAndDeployStopsTheDrop() throws IOException {
        ordersV2(v1("deprecated", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        revenueReadsV2();
        declare(v1("retired", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(lines(plan))
                    .contains("- drop table data/orders/orders (v1 retired, sunset 2026-11-30, no consumer)");
            // meanwhile the consumer goes back to v1, still only deprecated in the catalog
            replace(
                    revenue.resolve("product.yaml"),
                    "    version: 2.0.0\n    contractId: orders-v1",
                    "    version: 1.0.0\n    contractId: orders-v1");
            try (Mesh b = build(teamB)) {
                b.deploy(List.of(revenue));
            }
            assertThatThrownBy(() -> a.deploy(List.of(orders), plan))
                    .isInstanceOf(MeshException.class)
                    .hasMessageContaining("table data/orders/orders of retired 'orders' v1 is read again, by product"
                            + " 'daily-revenue' (input port 'upstream'); it was not dropped")
                    .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.STALE_PLAN));
        }
        assertThat(storage.tables).containsKey(V1_TABLE);
        assertThat(storage.dropped).isEmpty();
    }

    static final String REVENUE_TABLE = "data/daily-revenue/daily_revenue";
    static final String DROP_AFTER_MOVE = "- drop table data/orders/orders (v1 retired, sunset 2026-11-30, no consumer"
            + " once product 'daily-revenue' (input port 'upstream') moves off it in this plan; dropped after that"
            + " product is deployed)";

    /** Orders serves v2 and retires v1 (sunset past) while the registry says daily-revenue reads v1; the build moves it. */
    private void retireWhileTheConsumerMovesInTheSameBuild() throws IOException {
        ordersV2(v1("deprecated", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        declare(v1("retired", "2026-11-30"));
        replace(
                revenue.resolve("product.yaml"),
                "    version: 1.0.0\n    contractId: orders-v1",
                "    version: 2.0.0\n    contractId: orders-v1");
    }

    @Test
    void aConsumerMovingOffARetiredVersionInTheSameBuildLetsTheDeployDropItAfterTheConsumerIsDeployed()
            throws IOException {
        retireWhileTheConsumerMovesInTheSameBuild();
        List<Path> build = List.of(orders, revenue);
        List<MeshEvent> events = new ArrayList<>();
        try (Mesh both = build(teamA, events::add)) {
            assertThat(both.catalog().readers("orders", "orders", 1))
                    .as("the registry before the build")
                    .extracting(e -> e.consumer())
                    .containsExactly("daily-revenue");
            DeploymentPlan plan = both.plan(build);
            assertThat(lines(plan))
                    .containsExactly(
                            "~ retire orders v1 (sunset 2026-11-30)",
                            "- revoke read on data/orders/orders from analyst",
                            DROP_AFTER_MOVE);
            assertThat(plan.products().get(1).inputMoves())
                    .as("the consumer's move, which lets v1 go")
                    .containsExactly(new InputMove("upstream", "orders", "orders", 1, 2));
            assertThat(plan.summary())
                    .contains("product daily-revenue 1.0.0" + System.lineSeparator()
                            + "  ~ input port upstream: reads 'orders'/'orders' v1 -> v2" + System.lineSeparator())
                    .as("the move changes no store: not counted")
                    .endsWith("Plan: 3 change(s) in 2 product(s) for environment 'dev'");
            assertThat(Mesh.readPlan(writeTo(plan))).as("read back").isEqualTo(plan);
            both.deploy(build, plan);
            assertThat(storage.dropped).containsExactly(V1_TABLE);
            assertThat(storage.tables).containsKeys(V2_TABLE, REVENUE_TABLE);
            assertThat(both.catalog().product("orders").orElseThrow().outputPorts())
                    .extracting(CatalogEntry.Port::majorVersion)
                    .containsExactly(2);
            assertThat(both.catalog().history("orders"))
                    .as("the drop is recorded once the consumer moved, after the rest of the product")
                    .extracting(r -> r.changes())
                    .last()
                    .isEqualTo(List.of(DROP_AFTER_MOVE));
            assertThat(lines(both.plan(build))).as("planned again").isEmpty();
        }
        List<String> order = events.stream()
                .map(e -> e instanceof MeshEvent.ProductStarted p
                        ? "start " + p.productId()
                        : e instanceof MeshEvent.ChangeHeld h
                                ? "held " + h.change().symbol() + " " + h.note()
                                : e instanceof MeshEvent.InputMoved m
                                        ? m.productId() + " " + m.move().summary()
                                        : e instanceof MeshEvent.HeldDropsStarted d
                                                ? "resume " + d.productId()
                                                : e instanceof MeshEvent.ChangeApplied c
                                                        ? c.change().symbol() + " " + c.productId()
                                                        : null)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(order)
                .containsExactly(
                        "start orders",
                        "~ orders",
                        "- orders",
                        "held - held until 'daily-revenue' is deployed",
                        "start daily-revenue",
                        "daily-revenue input port upstream: reads 'orders'/'orders' v1 -> v2",
                        "resume orders",
                        "- orders");
    }

    @Test
    void aHeldDropIsNotAppliedWhenTheMovingConsumersDeployFailsAndIsDroppedByTheNextDeploy() throws IOException {
        retireWhileTheConsumerMovesInTheSameBuild();
        // the consumer's deploy fails in its store: it adds a column the store refuses
        replace(
                revenue.resolve("contracts/revenue-v1.yaml"),
                "          - name: revenue\n            logicalType: string\n",
                "          - name: revenue\n            logicalType: string\n"
                        + "          - name: orders_count\n            logicalType: string\n");
        storage.failOnApply = REVENUE_TABLE;
        List<Path> build = List.of(orders, revenue);
        try (Mesh both = build(teamA)) {
            DeploymentPlan plan = both.plan(build);
            assertThat(lines(plan)).contains(DROP_AFTER_MOVE);
            assertThatThrownBy(() -> both.deploy(build, plan))
                    .isInstanceOf(MeshException.class)
                    .hasMessageContaining("Cannot apply to " + REVENUE_TABLE + ": injected failure");
            assertThat(storage.tables).as("the table the consumer still reads").containsKey(V1_TABLE);
            assertThat(storage.dropped).isEmpty();
            assertThat(both.catalog().readers("orders", "orders", 1))
                    .as("the registry still says the consumer reads v1")
                    .extracting(e -> e.consumer())
                    .containsExactly("daily-revenue");
            assertThat(catalogPort(both, 1).status())
                    .as("v1 is retired and stays in the catalog until dropped")
                    .isEqualTo("retired");
        }
        storage.failOnApply = null;
        try (Mesh both = build(teamA)) {
            DeploymentPlan plan = both.plan(build);
            assertThat(lines(plan)).as("the drop is planned again").contains(DROP_AFTER_MOVE);
            both.deploy(build, plan);
        }
        assertThat(storage.dropped).containsExactly(V1_TABLE);
    }

    @Test
    void aConsumerOutsideTheBuildStillHoldsTheVersionAndTheKeepLineSaysWhatToDo() throws IOException {
        ordersV2(v1("deprecated", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        declare(v1("retired", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            assertThat(lines(a.plan(List.of(orders))))
                    .contains("= keep table data/orders/orders v1: still read by product 'daily-revenue' (input port"
                            + " 'upstream'); deploy again once it moves to v2 to drop it");
        }
    }

    @Test
    void aDropIsRefusedWhenTheRegistryCannotTellWhoReadsTheVersion() throws IOException {
        revenueReadsV2Later();
        ordersV2(v1("retired", "2026-11-30"));
        registry.catalogListingDown = true;
        try (Mesh a = build(teamA)) {
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(plan.refusals()).singleElement().satisfies(r -> {
                assertThat(r.target()).isEqualTo(V1_TABLE);
                assertThat(r.reason())
                        .isEqualTo("cannot drop the table of retired orders v1: the registry's catalog"
                                + " could not be read to tell whether a consumer still reads it (Cannot list the catalog:"
                                + " injected failure)");
            });
            assertThatThrownBy(() -> a.deploy(List.of(orders), plan))
                    .isInstanceOf(MeshException.class)
                    .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.PLAN_REFUSED));
        }
        assertThat(storage.tables).containsKey(V1_TABLE);
    }

    @Test
    void movingAPortBackToAnOlderMajorVersionIsARollbackInThePlan() throws IOException {
        ordersV2(null);
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        replace(orders.resolve("contracts/orders-v1.yaml"), "version: 2.0.0", "version: 1.0.0");
        replace(orders.resolve("product.yaml"), "    version: 2.0.0\n", "    version: 1.0.0\n");
        String keepV2 =
                "= keep table data/orders/orders_v2 v2: rolled back to v1; it stays served with its grants, no consumer reads it";
        try (Mesh a = build(teamA)) {
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(lines(plan)).containsExactly("~ rollback orders 2 -> 1", keepV2);
            assertThat(Mesh.readPlan(writeTo(plan))).as("read back").isEqualTo(plan);
            assertThat(plan.summary()).contains("    ~ rollback orders 2 -> 1", "    " + keepV2);
            a.deploy(List.of(orders), plan);
            assertThat(lines(a.plan(List.of(orders)))).as("planned again").isEmpty();
            assertThat(a.catalog().product("orders").orElseThrow().outputPorts())
                    .extracting(CatalogEntry.Port::majorVersion)
                    .as("v2 stays beside")
                    .containsExactly(2, 1);
            assertThat(catalogPort(a, 2).live()).as("v2 still served").isTrue();
            assertThat(a.catalog().history("orders").get(2).changes()).containsExactly("~ rollback orders 2 -> 1");
        }
        assertThat(storage.tables).containsKeys(V1_TABLE, V2_TABLE);
        assertThat(storage.granted.get(V2_TABLE))
                .as("v2's grants, as the plan says")
                .containsExactly("analyst:read");
    }

    @Test
    void aRollbackToAVersionWhoseTableWasDroppedSaysTheTableStartsEmpty() throws IOException {
        retireWhileTheConsumerMovesInTheSameBuild();
        try (Mesh both = build(teamA)) {
            both.deploy(List.of(orders, revenue));
        }
        assertThat(storage.dropped).containsExactly(V1_TABLE);
        replace(orders.resolve("contracts/orders-v1.yaml"), "version: 2.0.0", "version: 1.0.0");
        String product = Files.readString(orders.resolve("product.yaml"));
        Files.writeString(
                orders.resolve("product.yaml"),
                product.substring(0, product.indexOf("    customProperties:"))
                        .replace("    version: 2.0.0\n", "    version: 1.0.0\n"));
        try (Mesh a = build(teamA)) {
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(lines(plan))
                    .containsExactly(
                            "~ rollback orders 2 -> 1",
                            "= keep table data/orders/orders_v2 v2: rolled back to v1; it stays served with its"
                                    + " grants, read by product 'daily-revenue' (input port 'upstream')",
                            "+ create data/orders/orders (2 columns; v1's table was dropped on 2026-12-06 when v1 was"
                                    + " retired: it starts empty)",
                            "+ grant read on data/orders/orders to analyst");
            a.deploy(List.of(orders), plan);
            assertThat(a.catalog().history("orders")).last().satisfies(r -> assertThat(r.changes())
                    .contains(lines(plan).get(2)));
        }
    }

    @Test
    void aRollbackSaysWhoStillReadsTheNewerVersionAndTheyStillCanAfterIt() throws IOException {
        ordersV2(null);
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        revenueReadsV2();
        replace(orders.resolve("contracts/orders-v1.yaml"), "version: 2.0.0", "version: 1.0.0");
        replace(orders.resolve("product.yaml"), "    version: 2.0.0\n", "    version: 1.0.0\n");
        try (Mesh a = build(teamA)) {
            DeploymentPlan plan = a.plan(List.of(orders));
            assertThat(lines(plan))
                    .containsExactly(
                            "~ rollback orders 2 -> 1",
                            "= keep table data/orders/orders_v2 v2: rolled back to v1; it stays served with its"
                                    + " grants, read by product 'daily-revenue' (input port 'upstream')");
            a.deploy(List.of(orders), plan);
            assertThat(a.catalog().readers("orders", "orders", 2))
                    .extracting(e -> e.consumer())
                    .containsExactly("daily-revenue");
        }
        assertThat(storage.granted.get(V2_TABLE)).containsExactly("analyst:read");
        try (Mesh b = build(teamB)) {
            assertThat(b.validate(List.of(revenue)).errors())
                    .as("the consumer of v2 still builds")
                    .isEmpty();
        }
    }

    @Test
    void declarationsAreCheckedWhereTheyAreWritten() throws IOException {
        ordersV2(
                "          - major: 2\n            status: deprecated\n          - major: 1\n            status: retired\n"
                        + "          - major: one\n            status: gone\n            sunset: soon\n");
        try (Mesh a = build(teamA)) {
            assertThatThrownBy(() -> a.plan(List.of(orders)))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(
                            e -> assertThat(((ValidationException) e).report().errors())
                                    .extracting(Diagnostic::message)
                                    .containsExactlyInAnyOrder(
                                            "Cannot read majorVersions of output port 'orders': a retired version needs 'sunset':"
                                                    + " the date after which its table may be dropped",
                                            "Cannot read majorVersions of output port 'orders': needs 'major': the contract major"
                                                    + " version it is about, a whole number from 1 (found 'one')",
                                            "Cannot read majorVersions of output port 'orders': needs 'status: deprecated' or"
                                                    + " 'status: retired' (found 'gone')",
                                            "Cannot read majorVersions of output port 'orders': 'sunset' must be a date as"
                                                    + " yyyy-mm-dd (found 'soon')",
                                            "Cannot read majorVersions of output port 'orders': major version 2 is not older than"
                                                    + " the contract's version 2"))
                    .satisfies(e -> assertThat(
                                    ((ValidationException) e).report().errors())
                            .allSatisfy(d -> assertThat(d.location().file()).isEqualTo(orders.resolve("product.yaml")))
                            .anySatisfy(d -> assertThat(d.location().line())
                                    .as("the 'major: one' line")
                                    .isEqualTo(23)));
        }
    }

    private Path writeTo(DeploymentPlan plan) {
        Path file = teamA.resolve("plan-" + System.nanoTime() + ".json");
        Mesh.writePlan(plan, file);
        return file;
    }

    /** The consumer moves to v2 once orders serves it: nobody reads v1 then. */
    private void revenueReadsV2Later() throws IOException {
        ordersV2(v1("deprecated", "2026-11-30"));
        try (Mesh a = build(teamA)) {
            a.deploy(List.of(orders));
        }
        revenueReadsV2();
        // back to a product without the declaration, so that the test declares what it needs
        replace(orders.resolve("contracts/orders-v1.yaml"), "version: 2.0.0", "version: 1.0.0");
        String product = Files.readString(orders.resolve("product.yaml"));
        Files.writeString(
                orders.resolve("product.yaml"),
                product.substring(0, product.indexOf("    customProperties:"))
                        .replace("    version: 2.0.0\n", "    version: 1.0.0\n"));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}

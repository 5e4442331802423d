package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.Mesh;
import dev.meshsdk.UsageReport;
import dev.meshsdk.UsageReport.ConsumerReads;
import dev.meshsdk.UsageReport.ConsumerStatus;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers who stopped reading, in {@link Mesh#usage(int)}, over the engine's test doubles (the in-memory store
 * and registry with a usage history in memory, a stand-in collector of read events; the real collectors are tested
 * in {@code PostgresUsageIT} and {@code SparkUsageIT}). A consumer reads as the read roles of the producer's contract
 * named after it or its team, and as the principals its input port lists in {@code readers}; without either, or
 * without usage collected on the port, nobody can tell.
 */
class ConsumerUsageTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();

    @Test
    void aConsumerWhosePrincipalsStoppedReadingIsFlaggedOnBothSides() throws Exception {
        // orders grants read to the revenue team (the consuming product's team) and to analysts.
        Path orders = product(
                "orders",
                "orders-c",
                List.of(),
                "  - role: team-revenue\n    access: read\n" + "  - role: analyst\n    access: read\n");
        Path crm = product("crm", "crm-c", List.of(), "  - role: audit\n    access: read\n");
        Path revenue = product("revenue", "revenue-c", List.of(input("orders", "orders-c", null)), "");
        Path churn = product("churn", "churn-c", List.of(input("orders", "orders-c", "[churn_job]")), "");
        Path audit = product(
                "audit", "audit-c", List.of(input("orders", "orders-c", null), input("crm", "crm-c", null)), "");
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(orders, crm, revenue, churn, audit));
            mesh.collectUsage();

            UsageReport report = mesh.usage(30);

            assertThat(report.consumers())
                    .extracting(c -> c.producer() + "/" + c.port() + " <- " + c.consumer() + "." + c.inputPort() + " "
                            + c.principals() + " " + c.status())
                    .containsExactly(
                            "crm/crm <- audit.crm [audit] CANNOT_TELL",
                            "orders/orders <- audit.orders [] CANNOT_TELL",
                            "orders/orders <- churn.orders [churn_job] READING",
                            "orders/orders <- revenue.orders [team-revenue] STOPPED");
            ConsumerReads stopped = report.consumers().get(3);
            assertThat(stopped.lastRead()).isEqualTo(LocalDate.parse("2026-10-27"));
            assertThat(stopped.producerNote(30))
                    .as(
                            "2 of the 30 days observed (the days of its reads: a first collection observes no day without one): told as such, never as 30 days")
                    .isEqualTo("consumer revenue has not read this port in the 2 day(s) of the last 30 that"
                            + " collections observed (read as team-revenue; last read 2026-10-27)");
            assertThat(stopped.consumerNote(30))
                    .isEqualTo("input port orders (orders/orders) has not been read in the 2 day(s) of the last 30"
                            + " that collections observed (read as team-revenue; last read 2026-10-27)");
            assertThat(report.consumers().get(2).producerNote(30)).isNull();
            assertThat(report.consumers().get(1).producerNote(30))
                    .isEqualTo("cannot tell whether consumer audit"
                            + " reads this port: no principal it reads with is known; grant it a read role named 'audit' or"
                            + " 'team-audit' in the port's contract, or list its principals in the input port's custom"
                            + " property 'readers'");
            assertThat(report.consumers().get(0).producerNote(30))
                    .isEqualTo("cannot tell whether consumer audit"
                            + " reads this port: no usage collected on the port in the last 30 days");

            // Over 60 days the revenue team's read of 40 days ago counts: it reads.
            assertThat(mesh.usage(60).consumers())
                    .filteredOn(c -> c.consumer().equals("revenue"))
                    .extracting(ConsumerReads::status)
                    .containsExactly(ConsumerStatus.READING);

            // One product's report: its ports and the consumers where it produces or consumes, told as in the whole.
            // A second collection observes the day since the first (which observed only the days of reads): churn's
            // port, never read and deployed today, is then new, not unused.
            assertThat(mesh.collectUsage().reads()).isZero();
            report = mesh.usage(30);
            UsageReport churnOnly = mesh.usage(30, List.of("churn"));
            assertThat(churnOnly.ports())
                    .extracting(UsageReport.PortUsage::productId)
                    .containsOnly("churn");
            assertThat(churnOnly.unused()).isEmpty();
            assertThat(churnOnly.newPorts())
                    .extracting(UsageReport.PortUsage::productId)
                    .containsOnly("churn");
            assertThat(churnOnly.consumers()).containsExactly(report.consumers().get(2));
            assertThat(mesh.usage(30, List.of("orders")).consumers())
                    .extracting(ConsumerReads::consumer)
                    .containsExactly("audit", "churn", "revenue");
            assertThatThrownBy(() -> mesh.usage(30, List.of("order")))
                    .isInstanceOf(dev.meshsdk.MeshException.class)
                    .hasMessage("Cannot report the usage of product 'order': it is not deployed to 'dev'; perhaps you"
                            + " meant 'orders'; deployed products: [audit, churn, crm, orders, revenue]");

            List<Path> files = report.write(dir.resolve("usage"));
            assertThat(files.get(3).getFileName().toString()).isEqualTo("consumers.csv");
            assertThat(Files.readAllLines(files.get(3)))
                    .containsExactly(
                            "producer,port,consumer,input_port,principals,status,last_read,observed_days,reason",
                            "crm,crm,audit,crm,audit,cannot_tell,,0,no usage collected on the port in the last 30 days",
                            "orders,orders,audit,orders,,cannot_tell,,3,\"no principal it reads with is known; grant it a"
                                    + " read role named 'audit' or 'team-audit' in the port's contract, or list its"
                                    + " principals in the input port's custom property 'readers'\"",
                            "orders,orders,churn,orders,churn_job,reading,2026-12-04,3,",
                            "orders,orders,revenue,orders,team-revenue,stopped,2026-10-27,3,");
            // The JSON names the status and the fields as the CSV does.
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(files.get(0).toFile());
            assertThat(json.get("consumers").findValuesAsText("status"))
                    .containsExactly("cannot_tell", "cannot_tell", "reading", "stopped");
            assertThat(json.at("/consumers/0/producer").asText()).isEqualTo("crm");
            assertThat(json.at("/consumers/0/reason").asText())
                    .isEqualTo("no usage collected on the port in the last 30 days");
            assertThat(json.at("/consumers/0").has("note")).isFalse();
        }
    }

    @Test
    void aConsumerThatHasNotReadSinceItWasDeployedHasNotStoppedAndRoleNamesMatchLikeTeamNames() throws Exception {
        // orders grants read to roles in the PostgreSQL style (Team_Billing for team team-billing), to fresh, to
        // audits (near the audit product) and to the revenue team, which read 40 days ago.
        Path orders = product(
                "orders",
                "orders-c",
                List.of(),
                "  - role: team-revenue\n    access: read\n" + "  - role: Team_Billing\n    access: read\n"
                        + "  - role: fresh\n    access: read\n" + "  - role: audits\n    access: read\n");
        Path revenue = product("revenue", "revenue-c", List.of(input("orders", "orders-c", null)), "");
        Path billing = product("billing", "billing-c", List.of(input("orders", "orders-c", null)), "");
        Path fresh = product("fresh", "fresh-c", List.of(input("orders", "orders-c", null)), "");
        Path audit = product("audit", "audit-c", List.of(input("orders", "orders-c", null)), "");
        Path churn =
                product("churn", "churn-c", List.of(input("orders", "orders-c", "[churn_job, carol, analsyt]")), "");
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(orders, revenue, billing, fresh, audit, churn));
            mesh.collectUsage();

            UsageReport report = mesh.usage(30);

            assertThat(report.consumers())
                    .extracting(c -> c.consumer() + " " + c.principals() + " " + c.status() + " " + c.reason())
                    .containsExactly(
                            "audit [] CANNOT_TELL no principal it reads with is known; grant it a read role named"
                                    + " 'audit' or 'team-audit' in the port's contract (perhaps you meant 'audits', a"
                                    + " read role of the port), or list its principals in the input port's custom"
                                    + " property 'readers'",
                            "billing [Team_Billing] CANNOT_TELL deployed on 2026-12-06, has not read yet",
                            "churn [analsyt, carol, churn_job] READING null",
                            "fresh [fresh] CANNOT_TELL deployed on 2026-12-06, has not read yet",
                            "revenue [team-revenue] STOPPED null");
            assertThat(report.consumers().get(3).producerNote(30))
                    .isEqualTo("cannot tell whether consumer fresh reads this port: deployed on 2026-12-06, has not"
                            + " read yet");
            assertThat(report.notes())
                    .containsExactly(
                            "Input port 'orders' of product 'churn' lists reader 'carol' in its custom property"
                                    + " 'readers', but no collected read and no read role of orders/orders knows it;"
                                    + " known: [fresh, analyst, audits, churn_job, Team_Billing, team-revenue]",
                            "Input port 'orders' of product 'churn' lists reader 'analsyt' in its custom property"
                                    + " 'readers', but no collected read and no read role of orders/orders knows it;"
                                    + " perhaps you meant 'analyst'; known: [analyst, audits, fresh, churn_job,"
                                    + " Team_Billing, team-revenue]");
            List<Path> files = report.write(dir.resolve("usage"));
            assertThat(Files.readAllLines(files.get(3)))
                    .contains("orders,orders,fresh,orders,fresh,cannot_tell,,2,\"deployed on 2026-12-06, has not read"
                            + " yet\"");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(files.get(0).toFile())
                            .get("notes"))
                    .hasSize(2);
        }
    }

    @Test
    void aConsumerIsNotStartedSinceItsInputPortWasFirstDeployedWithinTheHistoryRead() throws Exception {
        Path orders = product(
                "orders",
                "orders-c",
                List.of(),
                "  - role: old\n    access: read\n" + "  - role: fresh\n    access: read\n");
        Path old = product("old", "old-c", List.of(input("orders", "orders-c", null)), "");
        Path fresh = product("fresh", "fresh-c", List.of(input("orders", "orders-c", null)), "");
        dev.meshsdk.spi.registry.RegistryFactory registry = UsageCollectTest.withUsage(new InMemoryRegistry());
        try (Mesh before = mesh(NOW.minus(Duration.ofDays(120)), registry)) {
            before.deploy(List.of(orders, old));
        }
        try (Mesh before = mesh(NOW.minus(Duration.ofDays(20)), registry)) {
            before.deploy(List.of(fresh));
        }
        // A later deployment of fresh with a new version keeps the day its input port was first deployed.
        Workspace.write(
                fresh.resolve("product.yaml"),
                Files.readString(fresh.resolve("product.yaml")).replace("version: 1.0.0", "version: 1.1.0"));
        try (Mesh mesh = mesh(NOW, registry)) {
            mesh.deploy(List.of(fresh));
            mesh.collectUsage();

            assertThat(mesh.usage(30).consumers())
                    .extracting(c -> c.consumer() + " " + c.status() + " " + c.reason())
                    .containsExactly(
                            "fresh CANNOT_TELL deployed on 2026-11-16, has not read yet",
                            // deployed before the 90 days read: it may have read before them, and has not in them
                            "old STOPPED null");
        }
    }

    @Test
    void thePlanNamesTheConsumerProductNextToEachReaderThatReadsAsOne() throws Exception {
        String roles = "  - role: team-revenue\n    access: read\n" + "  - role: analyst\n    access: read\n";
        Path orders = product("orders", "orders-c", List.of(), roles);
        Path churn = product("churn", "churn-c", List.of(input("orders", "orders-c", "[churn_job]")), "");
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(orders, churn));
            mesh.collectUsage();
            // an additive change to orders: the plan prints who reads it
            Workspace.write(
                    orders.resolve("contracts/orders-c.yaml"),
                    ForgetTest.contract("orders-c", "1.1.0", "data/orders", "orders", "id", "note") + "roles:\n"
                            + roles);
            Workspace.write(
                    orders.resolve("product.yaml"),
                    Files.readString(orders.resolve("product.yaml")).replace("version: 1.0.0", "version: 1.1.0"));
            assertThat(mesh.plan(List.of(orders)).summary())
                    .as("churn_job reads for product churn; analyst is no consumer's: a login name")
                    .contains("usage: 2 readers in the last 30 days: analyst, churn_job (product 'churn', team"
                            + " team-churn); last read ");
        }
    }

    static String input(String producer, String contractId, String readers) {
        return "  - name: " + producer + "\n    version: 1.0.0\n    contractId: " + contractId + "\n"
                + (readers == null
                        ? ""
                        : "    customProperties:\n      - property: readers\n        value: " + readers + "\n");
    }

    Path product(String id, String contractId, List<String> inputs, String roles) {
        Path p = dir.resolve("products").resolve(id);
        String product = ForgetTest.product(id, contractId, null)
                + (inputs.isEmpty() ? "" : "inputPorts:\n" + String.join("", inputs));
        Workspace.write(p.resolve("product.yaml"), product);
        String contract = ForgetTest.contract(contractId, "1.0.0", "data/" + id, id, "id");
        Workspace.write(
                p.resolve("contracts/" + contractId + ".yaml"), contract + (roles.isEmpty() ? "" : "roles:\n" + roles));
        return p;
    }

    /**
     * Observes every port but crm's: the revenue team read orders 40 days ago, churn's job 2 days ago, an analyst
     * yesterday.
     */
    Mesh mesh() {
        return mesh(NOW, UsageCollectTest.withUsage(new InMemoryRegistry()));
    }

    /** {@link #mesh()} at {@code now}, on {@code registry} (shared by the meshes of one test). */
    Mesh mesh(Instant now, dev.meshsdk.spi.registry.RegistryFactory registry) {
        UsageCollector collector = UsageDoubles.events(
                port -> !port.product().id().equals("crm"),
                t -> !t.productId().equals("orders")
                        ? List.of()
                        : List.of(
                                new ReadEvent(
                                        t.address(), "events", "team-revenue", "job", NOW.minus(Duration.ofDays(40))),
                                new ReadEvent(t.address(), "events", "churn_job", "job", NOW.minus(Duration.ofDays(2))),
                                new ReadEvent(t.address(), "events", "analyst", "bi", NOW.minus(Duration.ofDays(1)))));
        MeshPlugin plugin = UsageDoubles.plugin(storage, registry, collector, List.of());
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .policyEngine("none")
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .user("platform")
                .build();
    }
}

package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.UsageCollectResult;
import dev.meshsdk.UsageReport;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.DeployLocks;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageState;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageCollectorFactory;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.spi.usage.UsageTarget;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Mesh#collectUsage()} and {@link Mesh#usage(int)} over the engine's test doubles (the in-memory store and
 * registry, a usage history kept in memory, two stand-in collectors; the real collectors are tested in
 * storage-postgres' {@code PostgresUsageIT} and mesh-spark's {@code SparkUsageIT}): every catalog port goes to the
 * first collector that serves it, a collector that fails leaves its ports unobserved and the others are still
 * collected, and the report shows what was counted.
 */
class UsageCollectTest {
    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    /** Products are deployed 40 days before the collections ({@link #deploy}), past a 30-day unused window. */
    final DataCommandsTest.MutableClock clock =
            new DataCommandsTest.MutableClock(java.time.Instant.now().minus(java.time.Duration.ofDays(40)));

    final InMemoryRegistry registry = new InMemoryRegistry();
    final AtomicLong ordersReads = new AtomicLong(100);
    /** Reads {@code b-stats} tells of a table by its object name, where not {@link #ordersReads}; -1: no counter. */
    final Map<String, Long> tableReads = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void aFailingCollectorLeavesItsPortsUnobservedAndTheOthersAreCollected() {
        Path orders = write(
                "orders", "orders-c", ForgetTest.contract("orders-c", "1.0.0", "data/orders", "orders", "order_id"));
        Path crm = write("crm", "crm-c", ForgetTest.contract("crm-c", "1.0.0", "data/crm", "contacts", "contact_id"));
        try (Mesh mesh = mesh()) {
            deploy(mesh, orders, crm);

            UsageCollectResult first = mesh.collectUsage();
            assertThat(first.products()).isEqualTo(2);
            assertThat(first.ports()).isEqualTo(2);
            assertThat(first.portsObserved()).isEqualTo(1);
            assertThat(first.unobserved()).containsExactly("crm/crm");
            assertThat(first.warnings()).isEmpty();
            assertThat(first.unreadable())
                    .containsExactly("Cannot collect usage with 'a-broken': the statistics" + " cannot be read");
            assertThat(first.failed()).isTrue();
            assertThat(first.failure())
                    .hasValue("Cannot collect the usage of 1 store(s) in 'dev': Cannot collect usage with 'a-broken':"
                            + " the statistics cannot be read. The usage of the other stores was recorded (1 of 2"
                            + " port(s) observed); fix the access and collect again: nothing is counted twice");
            assertThat(first.baselined()).isEqualTo(1);
            assertThat(first.reads()).isZero();
            assertThat(first.summary())
                    .isEqualTo("Collected usage of 1 of 2 port(s) of 2 product(s) in 'dev': baseline set for 1"
                            + " port(s); reads count from the next collection; not observed: crm/crm");

            ordersReads.addAndGet(7);
            UsageCollectResult second = mesh.collectUsage();
            assertThat(second.reads()).isEqualTo(7);
            assertThat(second.summary())
                    .isEqualTo("Collected usage of 1 of 2 port(s) of 2 product(s) in 'dev': 7"
                            + " read(s) counted; not observed: crm/crm");

            UsageReport report = mesh.usage(30);
            assertThat(report.ports()).singleElement().satisfies(p -> {
                assertThat(p.productId()).isEqualTo("orders");
                assertThat(p.reads7()).isEqualTo(7);
                assertThat(p.topReaders()).containsExactly(new UsageReport.ReaderReads("analyst", 7));
            });
            assertThat(report.unused()).isEmpty();
            assertThat(report.unobserved()).containsExactly("crm/crm");
        }
    }

    @Test
    void aStoreThatCannotBeReadAtAllFailsTheCollectionAfterTheOthersAreRecordedAndAWarningDoesNot() {
        Path orders = write(
                "orders", "orders-c", ForgetTest.contract("orders-c", "1.0.0", "data/orders", "orders", "order_id"));
        Path big = write("big", "big-c", ForgetTest.contract("big-c", "1.0.0", "data/big", "big", "id"));
        try (Mesh mesh = mesh()) {
            deploy(mesh, orders, big);
            unreadableStore = true;
            UsageCollectResult first = mesh.collectUsage();
            assertThat(first.failed()).isTrue();
            assertThat(first.warnings())
                    .as("a store not set up to tell reads stays a warning")
                    .containsExactly("pg_stat_statements is not installed in the other store: install it");
            assertThat(first.failure())
                    .hasValue("Cannot collect the usage of 1 store(s) in 'dev': Cannot read the statistics of the"
                            + " orders store: password authentication failed; check the credentials. The usage of"
                            + " the other stores was recorded (1 of 2 port(s) observed); fix the access and collect"
                            + " again: nothing is counted twice");
            assertThat(first.unobserved()).containsExactly("orders/orders");
            tableReads.put("big", 3L);
            mesh.collectUsage();
            assertThat(mesh.usage(30).ports())
                    .as("the readable store was recorded")
                    .singleElement()
                    .satisfies(p -> assertThat(p.productId()).isEqualTo("big"));

            unreadableStore = false;
            UsageCollectResult fixed = mesh.collectUsage();
            assertThat(fixed.failed()).isFalse();
            assertThat(fixed.failure()).isEmpty();
        }
    }

    @Test
    void theBaselineCollectionDoesNotMakeABusyPortNeverReadAndTheNextOneWithoutReadsObservesAZeroDay() {
        Path orders = write(
                "orders", "orders-c", ForgetTest.contract("orders-c", "1.0.0", "data/orders", "orders", "order_id"));
        try (Mesh mesh = mesh()) {
            deploy(mesh, orders);
            assertThat(mesh.collectUsage().baselined()).isEqualTo(1);
            UsageReport afterBaseline = mesh.usage(30);
            assertThat(afterBaseline.unused())
                    .as("the baseline observed no reads")
                    .isEmpty();
            assertThat(afterBaseline.ports())
                    .allSatisfy(p -> assertThat(p.observedDays()).isZero());

            assertThat(mesh.collectUsage().reads()).isZero();
            UsageReport report = mesh.usage(30);
            assertThat(report.unused()).singleElement().satisfies(u -> assertThat(u.observedDays())
                    .isEqualTo(1));
            assertThat(report.unusedSpan())
                    .as("one observed day is never told as 30")
                    .isEqualTo("in the day(s) of the last 30 that collections observed (days observed per port)");
            assertThat(mesh.usage(1).unusedSpan()).isEqualTo("in the last 1 day(s)");
        }
    }

    @Test
    void aTableDeployedAfterTheFirstCollectionCountsItsReadsFromZeroAndAFirstCollectionClaimsNothingUnused() {
        Path orders = write(
                "orders", "orders-c", ForgetTest.contract("orders-c", "1.0.0", "data/orders", "orders", "order_id"));
        Path quiet = write("quiet", "quiet-c", ForgetTest.contract("quiet-c", "1.0.0", "data/quiet", "quiet", "id"));
        tableReads.put("quiet", -1L); // no counter yet: no statement has read it
        try (Mesh mesh = mesh()) {
            deploy(mesh, orders, quiet);
            UsageCollectResult first = mesh.collectUsage();
            assertThat(first.baselined()).isEqualTo(1);
            assertThat(mesh.usage(30).unused())
                    .as("the first collection observes no day of a port, also one without counters")
                    .isEmpty();

            // a second table of the port, deployed since the first collection, read 5 times before the next
            Workspace.write(
                    orders.resolve("contracts/orders-c.yaml"),
                    ForgetTest.contract("orders-c", "1.1.0", "data/orders", "orders", "order_id")
                            + "  - name: returns\n    physicalType: table\n    properties:\n"
                            + "      - name: return_id\n        logicalType: string\n");
            Workspace.write(
                    orders.resolve("product.yaml"),
                    ForgetTest.product("orders", "orders-c", null).replace("    version: 1.0.0", "    version: 1.1.0"));
            mesh.deploy(List.of(orders));
            tableReads.put("returns", 5L);
            UsageCollectResult second = mesh.collectUsage();
            assertThat(second.baselined())
                    .as("created after the first collection: its counter started at zero")
                    .isZero();
            assertThat(second.reads()).isEqualTo(5);
        }
    }

    @Test
    void aSizeTheStoreDoesNotTellIsAnEmptyCellInTheCsvFilesAndNullInTheJson() throws Exception {
        Path orders = write(
                "orders", "orders-c", ForgetTest.contract("orders-c", "1.0.0", "data/orders", "orders", "order_id"));
        Path big = write("big", "big-c", ForgetTest.contract("big-c", "1.0.0", "data/big", "big", "id"));
        Path small = write("small", "small-c", ForgetTest.contract("small-c", "1.0.0", "data/small", "small", "id"));
        try (Mesh mesh = mesh()) {
            deploy(mesh, orders, big, small);
            mesh.collectUsage();
            mesh.collectUsage();
            UsageReport report = mesh.usage(30);
            // biggest first, a size the store does not tell last
            assertThat(report.unused())
                    .extracting(u -> u.productId() + " " + u.bytes())
                    .containsExactly("big 9000", "small 10", "orders null");
            assertThat(UsageReport.displaySize(report.unused().get(2).bytes())).isEqualTo("unknown");
            report = mesh.usage(30, List.of("orders"));

            List<Path> files = report.write(dir.resolve("usage"));
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(files.get(0).toFile());
            assertThat(json.at("/ports/0/bytes").isNull()).isTrue();
            assertThat(json.at("/unused/0/bytes").isNull()).isTrue();
            assertThat(java.nio.file.Files.readAllLines(files.get(1)).get(1)).endsWith(",1,,");
            assertThat(java.nio.file.Files.readAllLines(files.get(2)).get(1))
                    .isEqualTo("orders,orders,team-orders,,,,1,true");
        }
    }

    @Test
    void aPortDeployedWithinTheWindowIsNewNotUnusedUntilTheWindowHasPassed() throws Exception {
        Path orders = write(
                "orders", "orders-c", ForgetTest.contract("orders-c", "1.0.0", "data/orders", "orders", "order_id"));
        tableReads.put("orders", -1L); // never read: no counter
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(orders));
            java.time.LocalDate deployed = UsageRollup.day(clock.instant());
            UsageCollectResult baseline = mesh.collectUsage();
            assertThat(baseline.summary())
                    .isEqualTo("Collected usage of all 1 port(s) of 1 product(s) in 'dev': baseline set for 1 port(s);"
                            + " reads count from the next collection");
            clock.advance(java.time.Duration.ofHours(1));
            mesh.collectUsage();
            UsageReport report = mesh.usage(30);
            assertThat(report.unused())
                    .as("deployed an hour ago: new, not unused")
                    .isEmpty();
            assertThat(report.newPorts()).singleElement().satisfies(p -> {
                assertThat(p.newSince()).isEqualTo(deployed);
                assertThat(p.newNote()).hasValue("new since " + deployed + ", not read yet");
            });
            List<Path> files = report.write(dir.resolve("usage"));
            assertThat(java.nio.file.Files.readAllLines(files.get(1)))
                    .last()
                    .asString()
                    .endsWith("," + deployed);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(files.get(0).toFile())
                            .at("/ports/0/newSince")
                            .asText())
                    .isEqualTo(deployed.toString());

            clock.advance(java.time.Duration.ofDays(31));
            mesh.collectUsage();
            UsageReport later = mesh.usage(30);
            assertThat(later.newPorts()).isEmpty();
            assertThat(later.unused()).singleElement().satisfies(u -> assertThat(u.wholeProduct())
                    .isTrue());
        }
    }

    @Test
    void aUsageFolderThatCannotBeWrittenIsAConfigurationErrorSayingWhy() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("report.txt"), "not a folder");
        UsageReport empty = new UsageReport("dev", LocalDate.parse("2026-12-07"), 30, List.of(), List.of(), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> empty.write(file))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("Cannot write the usage report to " + file + ": " + file + " is a file, not a folder;"
                        + " choose a folder this user may create and write");
        Path under = file.resolve("usage");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> empty.write(under))
                .hasMessage("Cannot write the usage report to " + under + ": not a directory;"
                        + " choose a folder this user may create and write");
    }

    /** Deploys {@code products}, then moves the clock 40 days on: the ports are not new at the collections. */
    void deploy(Mesh mesh, Path... products) {
        mesh.deploy(List.of(products));
        clock.advance(java.time.Duration.ofDays(40));
    }

    Path write(String id, String contractId, String contract) {
        Path p = dir.resolve("products").resolve(id);
        Workspace.write(p.resolve("product.yaml"), ForgetTest.product(id, contractId, null));
        Workspace.write(p.resolve("contracts/" + contractId + ".yaml"), contract);
        return p;
    }

    Mesh mesh() {
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
            }

            @Override
            public List<RegistryFactory> registries() {
                return List.of(withUsage(registry));
            }

            @Override
            public List<UsageCollectorFactory> usageCollectors() {
                return List.of(
                        UsageCollectorFactory.of("a-broken", c -> collector(true)),
                        UsageCollectorFactory.of("b-stats", c -> collector(false)));
            }
        };
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .policyEngine("none")
                .clock(clock)
                .user("platform")
                .build();
    }

    /** Whether {@code b-stats} cannot read the store of orders at all. */
    boolean unreadableStore;

    /** The sizes {@code b-stats} tells, by product; it tells none of the others. */
    static final Map<String, Long> SIZES = Map.of("big", 9000L, "small", 10L);

    /**
     * {@code a-broken} serves crm and fails; {@code b-stats} serves the rest: one counter per table, read by analyst,
     * and the {@link #SIZES} it knows.
     */
    UsageCollector collector(boolean broken) {
        return new UsageCollector() {
            @Override
            public boolean supports(PortBinding port) {
                return broken == port.product().id().equals("crm");
            }

            @Override
            public UsageBatch collect(List<UsageTarget> targets) {
                if (broken) throw new MeshException(ErrorCode.STORAGE_FAILURE, "the statistics cannot be read");
                List<dev.meshsdk.spi.usage.UsageObservation> out = new ArrayList<>();
                for (UsageTarget t : targets) {
                    if (tableReads.getOrDefault(t.object(), 0L) >= 0)
                        out.add(new CounterSnapshot(
                                t.address(),
                                "b-stats",
                                "table",
                                "analyst",
                                tableReads.getOrDefault(t.object(), ordersReads.get()),
                                null));
                    if (SIZES.containsKey(t.productId()))
                        out.add(new dev.meshsdk.spi.usage.UsageObservation.TableSize(
                                t.address(), SIZES.get(t.productId())));
                }
                if (!unreadableStore) return new UsageBatch(out, List.of(), List.of());
                // the store of orders cannot be read at all (a failed login); the other targets are observed
                List<String> lost = targets.stream()
                        .filter(t -> t.productId().equals("orders"))
                        .map(UsageTarget::address)
                        .toList();
                out.removeIf(o -> lost.contains(o.address()));
                return new UsageBatch(
                        out,
                        List.of("pg_stat_statements is not installed in the other store: install it"),
                        lost,
                        List.of("Cannot read the statistics of the orders store: password authentication failed;"
                                + " check the credentials"));
            }

            @Override
            public void close() {}
        };
    }

    /** The in-memory registry with a usage history kept in memory, under one lock. */
    static RegistryFactory withUsage(InMemoryRegistry inner) {
        Map<String, UsageState> states = new HashMap<>();
        Map<String, UsageDay> days = new java.util.TreeMap<>();
        UsageHistory usage = new UsageHistory() {
            @Override
            public synchronized UsageRollup.Result record(UsageUpdate u) {
                String key = u.environment() + "/" + u.productId();
                UsageRollup.Result r = UsageRollup.apply(states.getOrDefault(key, UsageState.empty()), u);
                states.put(key, r.state());
                r.additions().forEach(d -> days.merge(key + "/" + d.port() + "/" + d.day(), d, UsageDay::plus));
                return r;
            }

            @Override
            public synchronized List<UsageDay> days(
                    String environment, String productId, LocalDate from, LocalDate to) {
                return days.values().stream()
                        .filter(d -> d.environment().equals(environment)
                                && d.productId().equals(productId)
                                && !d.day().isBefore(from)
                                && !d.day().isAfter(to))
                        .toList();
            }

            @Override
            public synchronized boolean collected(String environment) {
                return states.keySet().stream().anyMatch(k -> k.startsWith(environment + "/"));
            }
        };
        return new RegistryFactory() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public Registry create(AdapterContext context) {
                Registry r = inner.create(context);
                return new Registry() {
                    @Override
                    public DeploymentHistory deployments() {
                        return r.deployments();
                    }

                    @Override
                    public Catalog catalog() {
                        return r.catalog();
                    }

                    @Override
                    public DeployLocks locks() {
                        return r.locks();
                    }

                    @Override
                    public QualityHistory quality() {
                        return r.quality();
                    }

                    @Override
                    public UsageHistory usage() {
                        return usage;
                    }

                    @Override
                    public void close() {
                        r.close();
                    }
                };
            }
        };
    }
}

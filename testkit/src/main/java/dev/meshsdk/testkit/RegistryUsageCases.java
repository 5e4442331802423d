package dev.meshsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageSummary;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import dev.meshsdk.spi.usage.UsageObservation.TableSize;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The usage history every {@link Registry} keeps ({@link Registry#usage()}): day rows per port that round-trip,
 * counters diffed between collections so that nothing is counted twice, resets never negative, unread days
 * kept as zero, and concurrent records of one product serialised. Part of {@link RegistryContract}.
 */
abstract class RegistryUsageCases {
    private static final String ORDERS = "postgresql://db.example:5432/shop/sales.orders";
    private static final String ITEMS = "postgresql://db.example:5432/shop/sales.items";
    private static final Instant DAY1 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant DAY4 = Instant.parse("2026-03-04T06:00:00Z");

    /** A registry over an empty store that no other test uses; see {@link RegistryContract#freshRegistry()}. */
    protected abstract Registry freshRegistry();

    private static UsageUpdate update(String env, Instant at, UsageObservation... observations) {
        return new UsageUpdate(
                env,
                "orders",
                at,
                Map.of(ORDERS, "orders", ITEMS, "items"),
                Set.of("orders", "items"),
                Set.of("postgres"),
                List.of(observations));
    }

    private static CounterSnapshot calls(String address, String role, long value) {
        return new CounterSnapshot(address, "postgres", "statement:" + role + ":42", role, value, null);
    }

    private static List<UsageDay> all(UsageHistory h, String env) {
        return h.days(env, "orders", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    }

    @Test
    void usageDaysRoundTripWithReadersLastReadAndSize() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 10), calls(ORDERS, "bob", 3)));
            Instant read = Instant.parse("2026-03-02T05:30:00Z");
            UsageRollup.Result second = h.record(update(
                    "dev",
                    DAY2,
                    calls(ORDERS, "alice", 17),
                    calls(ORDERS, "bob", 5),
                    new ReadEvent(ORDERS, "spark", "carol", "report", read),
                    new TableSize(ORDERS, 8192)));
            assertThat(second.reads()).isEqualTo(10);
            UsageDay day2 = all(h, "dev").stream()
                    .filter(d -> d.port().equals("orders") && d.day().equals(LocalDate.of(2026, 3, 2)))
                    .findFirst()
                    .orElseThrow();
            assertThat(day2.reads()).isEqualTo(10);
            assertThat(day2.readers())
                    .containsExactly(Map.entry("alice", 7L), Map.entry("bob", 2L), Map.entry("carol", 1L));
            assertThat(day2.distinctReaders()).isEqualTo(3);
            assertThat(day2.lastRead()).isEqualTo(DAY2);
            assertThat(day2.bytes()).isEqualTo(8192);
            assertThat(h.days("prod", "orders", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                    .isEmpty();
        }
    }

    /** The columns reads told, kept per day and column beside the port's figures, and added to on a later record. */
    @Test
    void columnReadsRoundTripAndAddUp() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            Set<String> idAndName = Set.of("id", "name");
            h.record(update(
                    "dev",
                    DAY1,
                    new CounterSnapshot(ORDERS, "postgres", "statement:alice:1", "alice", 4, null, idAndName)));
            Instant read = Instant.parse("2026-03-02T05:30:00Z");
            h.record(update(
                    "dev",
                    DAY2,
                    new CounterSnapshot(ORDERS, "postgres", "statement:alice:1", "alice", 7, null, idAndName),
                    new ReadEvent(ORDERS, "spark", "carol", "report", read, Set.of("name"))));
            h.record(update(
                    "dev",
                    DAY2,
                    new CounterSnapshot(ORDERS, "postgres", "statement:alice:1", "alice", 9, null, idAndName),
                    calls(ORDERS, "bob", 5)));
            UsageDay day2 = all(h, "dev").stream()
                    .filter(d -> d.port().equals("orders") && d.day().equals(LocalDate.of(2026, 3, 2)))
                    .findFirst()
                    .orElseThrow();
            assertThat(day2.reads())
                    .as("alice 3 + 2, carol 1; bob's first counter of the table counts from 0")
                    .isEqualTo(11);
            assertThat(day2.attributedReads()).isEqualTo(6);
            assertThat(day2.columnsKnown()).isFalse();
            assertThat(day2.columns()).containsOnlyKeys("id", "name");
            assertThat(day2.columns().get("id")).isEqualTo(new UsageDay.ColumnReads(5, Map.of("alice", 5L), DAY2));
            assertThat(day2.columns().get("name"))
                    .isEqualTo(new UsageDay.ColumnReads(6, Map.of("alice", 5L, "carol", 1L), DAY2));
            UsageDay items = all(h, "dev").stream()
                    .filter(d -> d.port().equals("items"))
                    .findFirst()
                    .orElseThrow();
            assertThat(items.columnsKnown())
                    .as("no read, so none whose columns are unknown")
                    .isTrue();
            assertThat(items.columns()).isEmpty();
        }
    }

    /** Whether usage was ever collected in an environment: what decides if a plan prints usage lines at all. */
    @Test
    void usageIsCollectedInAnEnvironmentOnceAnythingWasRecordedThere() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            assertThat(h.collected("dev")).as("before any collection").isFalse();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 0)));
            assertThat(h.collected("dev"))
                    .as("after a collection that saw no reads")
                    .isTrue();
            assertThat(h.collected("prod")).as("another environment").isFalse();
        }
    }

    @Test
    void aDayWithoutReadsIsStoredAsZeroAndGapsAreFilled() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 10)));
            h.record(update("dev", DAY4, calls(ORDERS, "alice", 10)));
            List<UsageDay> items =
                    all(h, "dev").stream().filter(d -> d.port().equals("items")).toList();
            assertThat(items)
                    .extracting(UsageDay::day)
                    .containsExactly(
                            LocalDate.of(2026, 3, 1),
                            LocalDate.of(2026, 3, 2),
                            LocalDate.of(2026, 3, 3),
                            LocalDate.of(2026, 3, 4));
            assertThat(items).allMatch(d -> d.reads() == 0 && d.readers().isEmpty() && d.lastRead() == null);
        }
    }

    @Test
    void collectingTheSameCountersTwiceCountsNothingTwice() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 10)));
            h.record(update("dev", DAY2, calls(ORDERS, "alice", 14)));
            UsageRollup.Result again = h.record(update("dev", DAY2, calls(ORDERS, "alice", 14)));
            assertThat(again.reads()).isZero();
            assertThat(all(h, "dev").stream().mapToLong(UsageDay::reads).sum()).isEqualTo(4);
        }
    }

    @Test
    void aCounterResetIsNeverCountedNegative() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 100)));
            UsageRollup.Result reset = h.record(update("dev", DAY2, calls(ORDERS, "alice", 6)));
            assertThat(reset.resets()).isEqualTo(1);
            assertThat(all(h, "dev")).allMatch(d -> d.reads() >= 0);
            assertThat(all(h, "dev").stream().mapToLong(UsageDay::reads).sum()).isEqualTo(6);
        }
    }

    @Test
    void usageOfManyProductsEqualsTheAnswersPerProduct() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 1)));
            h.record(update("dev", DAY2, calls(ORDERS, "alice", 3)));
            LocalDate from = LocalDate.of(2026, 1, 1);
            LocalDate to = LocalDate.of(2026, 12, 31);
            Map<String, List<UsageDay>> many = h.days("dev", List.of("orders", "never-collected"), from, to);
            assertThat(many).containsOnlyKeys("orders");
            assertThat(many.get("orders")).containsExactlyElementsOf(h.days("dev", "orders", from, to));
        }
    }

    @Test
    void recordingManyProductsAtOnceEqualsRecordingEachInTurn() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            // one at a time in "dev", the same collections in one call in "prod"; a product listed twice in the
            // call is recorded in the order given, the second seeing the first's counters
            record Collection(String product, Instant at, UsageObservation... seen) {
                UsageUpdate in(String env) {
                    return new UsageUpdate(
                            env,
                            product,
                            at,
                            Map.of(ORDERS, "orders", ITEMS, "items"),
                            Set.of("orders", "items"),
                            Set.of("postgres"),
                            List.of(seen));
                }
            }
            List<Collection> collections = List.of(
                    new Collection("orders", DAY1, calls(ORDERS, "alice", 10)),
                    new Collection("shipments", DAY1, calls(ORDERS, "alice", 10)),
                    new Collection("orders", DAY4, calls(ORDERS, "alice", 17), calls(ITEMS, "bob", 2)),
                    new Collection("shipments", DAY4, calls(ORDERS, "alice", 4)));
            List<UsageRollup.Result> each =
                    collections.stream().map(c -> h.record(c.in("dev"))).toList();
            List<UsageRollup.Result> atOnce =
                    h.record(collections.stream().map(c -> c.in("prod")).toList());
            assertThat(atOnce)
                    .extracting(UsageRollup.Result::reads, UsageRollup.Result::resets, UsageRollup.Result::baselined)
                    .containsExactlyElementsOf(each.stream()
                            .map(x -> org.assertj.core.groups.Tuple.tuple(x.reads(), x.resets(), x.baselined()))
                            .toList());
            assertThat(atOnce).extracting(UsageRollup.Result::reads).containsExactly(0L, 0L, 9L, 4L);
            assertThat(atOnce.get(3).resets()).isEqualTo(1);
            LocalDate from = LocalDate.of(2026, 1, 1);
            LocalDate to = LocalDate.of(2026, 12, 31);
            for (String product : List.of("orders", "shipments")) {
                assertThat(h.days("prod", product, from, to))
                        .hasSize(8)
                        .extracting(UsageDay::port, UsageDay::day, UsageDay::reads, UsageDay::readers)
                        .containsExactlyElementsOf(h.days("dev", product, from, to).stream()
                                .map(d ->
                                        org.assertj.core.groups.Tuple.tuple(d.port(), d.day(), d.reads(), d.readers()))
                                .toList());
            }
        }
    }

    @Test
    void summariesEqualWhatTheDayRowsGiveForEveryWindow() {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 10), calls(ITEMS, "bob", 0)));
            h.record(update(
                    "dev",
                    DAY2,
                    calls(ORDERS, "alice", 17),
                    calls(ITEMS, "bob", 2),
                    new ReadEvent(ORDERS, "spark", "carol", "report", Instant.parse("2026-03-02T05:30:00Z")),
                    new TableSize(ORDERS, 8192)));
            // from here on only the orders port is observed: items keeps two rows, then a gap to the report's day
            for (Instant at : List.of(DAY4, Instant.parse("2026-03-20T06:00:00Z"))) {
                h.record(new UsageUpdate(
                        "dev",
                        "orders",
                        at,
                        Map.of(ORDERS, "orders", ITEMS, "items"),
                        Set.of("orders"),
                        Set.of("postgres"),
                        List.of(calls(ORDERS, "alice", 20))));
            }
            // prod: a baseline (no day observed), then a collection that observes
            h.record(update("prod", DAY1, calls(ORDERS, "alice", 1)));
            h.record(update("prod", DAY2, calls(ORDERS, "alice", 1)));
            List<String> ids = List.of("orders", "never-collected");
            LocalDate mar20 = LocalDate.of(2026, 3, 20);
            LocalDate mar3 = LocalDate.of(2026, 3, 3);
            for (var asOf : Map.of(
                            mar20,
                            Set.of(7, 30, 90),
                            mar3,
                            Set.of(1, 2, 400),
                            LocalDate.of(2026, 6, 30),
                            Set.of(30, 90))
                    .entrySet()) {
                LocalDate from = asOf.getKey().minusDays(UsageSummary.longest(asOf.getValue()) - 1L);
                List<UsageDay> rows = h.days("dev", ids, from, asOf.getKey()).values().stream()
                        .flatMap(List::stream)
                        .toList();
                assertThat(h.summaries("dev", ids, asOf.getKey(), asOf.getValue()))
                        .as("as of %s", asOf.getKey())
                        .isEqualTo(UsageSummary.of(rows, asOf.getKey(), asOf.getValue()));
            }
            Map<String, UsageSummary> ports =
                    h.summaries("dev", ids, mar20, Set.of(7, 30, 90)).get("orders");
            assertThat(ports).containsOnlyKeys("orders", "items");
            UsageSummary orders = ports.get("orders");
            assertThat(orders.window(7)).isEqualTo(new UsageSummary.Window(7, 0, 7, Map.of()));
            assertThat(orders.window(30))
                    .isEqualTo(new UsageSummary.Window(30, 11, 20, Map.of("alice", 10L, "carol", 1L)));
            assertThat(orders.lastRead()).isEqualTo(DAY4);
            assertThat(orders.bytes()).isEqualTo(8192);
            assertThat(orders.lastReadDays())
                    .containsExactly(
                            Map.entry("alice", LocalDate.of(2026, 3, 4)), Map.entry("carol", LocalDate.of(2026, 3, 2)));
            UsageSummary items = ports.get("items");
            assertThat(items.window(7)).isEqualTo(new UsageSummary.Window(7, 0, 0, Map.of()));
            assertThat(items.window(90)).isEqualTo(new UsageSummary.Window(90, 2, 2, Map.of("bob", 2L)));
            assertThat(items.bytes()).isEqualTo(-1);
            UsageSummary early =
                    h.summaries("dev", ids, mar3, Set.of(1, 2)).get("orders").get("orders");
            assertThat(early.window(1)).isEqualTo(new UsageSummary.Window(1, 0, 1, Map.of()));
            assertThat(early.window(2).reads()).isEqualTo(8);
            assertThat(early.lastRead())
                    .as("the rows after the day are left out")
                    .isEqualTo(DAY2);
            assertThat(h.summaries("prod", ids, mar20, Set.of(30))).containsOnlyKeys("orders");
        }
    }

    @Test
    void concurrentCollectionsOfOneProductCountAnIncreaseOnce() throws Exception {
        try (Registry r = freshRegistry()) {
            UsageHistory h = r.usage();
            h.record(update("dev", DAY1, calls(ORDERS, "alice", 0)));
            // eight builds collect the same counters at once: serialised, the first counts 50 and the rest 0
            ExecutorService pool = Executors.newFixedThreadPool(4);
            long counted = 0;
            try {
                List<Future<UsageRollup.Result>> done = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    done.add(pool.submit(() -> h.record(update("dev", DAY2, calls(ORDERS, "alice", 50)))));
                }
                for (Future<UsageRollup.Result> f : done) counted += f.get().reads();
            } finally {
                pool.shutdown();
            }
            assertThat(counted).isEqualTo(50);
            assertThat(all(h, "dev").stream().mapToLong(UsageDay::reads).sum()).isEqualTo(50);
        }
    }
}

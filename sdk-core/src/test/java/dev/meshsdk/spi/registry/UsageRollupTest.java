package dev.meshsdk.spi.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageRollupTest {
    private static final String T = "postgresql://h:5432/db/sales.orders";
    private static final Instant DAY1 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant DAY5 = Instant.parse("2026-03-05T06:00:00Z");

    private static UsageUpdate update(Instant at, UsageObservation... o) {
        return new UsageUpdate(
                "dev", "orders", at, Map.of(T, "orders"), Set.of("orders"), Set.of("postgres"), List.of(o));
    }

    private static CounterSnapshot counter(String reader, long reads) {
        return new CounterSnapshot(T, "postgres", "statement:" + reader + ":1", reader, reads, null);
    }

    @Test
    void firstSnapshotIsTheBaselineAndTheIncreaseCountsOnTheCollectionDay() {
        UsageRollup.Result first = UsageRollup.apply(UsageState.empty(), update(DAY1, counter("alice", 40)));
        assertThat(first.reads()).isZero();
        assertThat(first.baselined()).isEqualTo(1);
        assertThat(first.additions())
                .as("a baseline observes no reads: its day is not an observed day with zero reads")
                .isEmpty();

        UsageRollup.Result second =
                UsageRollup.apply(first.state(), update(DAY2, counter("alice", 43), counter("bob", 2)));
        assertThat(second.reads())
                .as("bob is a new reader of a table observed before: counted from zero")
                .isEqualTo(5);
        assertThat(second.additions())
                .extracting(UsageDay::day)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));
        UsageDay day = second.additions().get(1);
        assertThat(day.day()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(day.readers()).containsExactly(Map.entry("alice", 3L), Map.entry("bob", 2L));
        assertThat(day.lastRead()).isEqualTo(DAY2);
    }

    @Test
    void theBaselineDayIsUnobservedAndTheNextCollectionWithoutReadsIsAnObservedZeroDay() {
        UsageRollup.Result first = UsageRollup.apply(
                UsageState.empty(), update(DAY1, counter("alice", 6), new UsageObservation.TableSize(T, 8192)));
        assertThat(first.baselined()).isEqualTo(1);
        assertThat(first.additions())
                .as("no row, not even the size: no observed day")
                .isEmpty();

        UsageRollup.Result second = UsageRollup.apply(first.state(), update(DAY2, counter("alice", 6)));
        assertThat(second.reads()).isZero();
        assertThat(second.additions())
                .as("the next collection observes the time since the baseline: zero days from the baseline's day")
                .containsExactly(
                        UsageDay.zero("dev", "orders", "orders", LocalDate.of(2026, 3, 1)),
                        UsageDay.zero("dev", "orders", "orders", LocalDate.of(2026, 3, 2)));
    }

    @Test
    void theSameSnapshotTwiceCountsNothingTwice() {
        UsageRollup.Result first = UsageRollup.apply(UsageState.empty(), update(DAY1, counter("alice", 40)));
        UsageRollup.Result second = UsageRollup.apply(first.state(), update(DAY2, counter("alice", 45)));
        UsageRollup.Result again = UsageRollup.apply(second.state(), update(DAY2, counter("alice", 45)));
        assertThat(second.reads()).isEqualTo(5);
        assertThat(again.reads()).isZero();
        assertThat(again.additions()).isEmpty();
    }

    @Test
    void aCounterGoingDownIsAResetAndCountsTheReadsSinceIt() {
        UsageRollup.Result first = UsageRollup.apply(UsageState.empty(), update(DAY1, counter("alice", 40)));
        UsageRollup.Result reset = UsageRollup.apply(first.state(), update(DAY2, counter("alice", 4)));
        assertThat(reset.resets()).isEqualTo(1);
        assertThat(reset.reads()).isEqualTo(4);
        assertThat(reset.additions()).extracting(UsageDay::reads).containsExactly(0L, 4L);
    }

    @Test
    void daysWithoutACollectionAreStoredAsZero() {
        UsageRollup.Result first = UsageRollup.apply(UsageState.empty(), update(DAY1, counter("alice", 1)));
        UsageRollup.Result later = UsageRollup.apply(first.state(), update(DAY5, counter("alice", 1)));
        assertThat(later.additions())
                .as("the baseline's day is observed by the next collection, whose count covers the time since it")
                .extracting(UsageDay::day)
                .containsExactly(
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 2),
                        LocalDate.of(2026, 3, 3),
                        LocalDate.of(2026, 3, 4),
                        LocalDate.of(2026, 3, 5));
        assertThat(later.additions()).allMatch(d -> d.reads() == 0);
    }

    @Test
    void eventsCountOnTheirDayOnceAndTheWatermarkSkipsThemAfter() {
        ReadEvent a = new ReadEvent(T, "spark", "carol", "job", Instant.parse("2026-03-01T10:00:00Z"));
        ReadEvent b = new ReadEvent(T, "spark", "dave", "job", Instant.parse("2026-03-02T09:00:00Z"));
        UsageUpdate u =
                new UsageUpdate("dev", "orders", DAY2, Map.of(T, "orders"), Set.of(), Set.of("spark"), List.of(a, b));
        UsageRollup.Result first = UsageRollup.apply(UsageState.empty(), u);
        assertThat(first.reads()).isEqualTo(2);
        assertThat(first.additions())
                .extracting(UsageDay::day)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));
        assertThat(UsageRollup.apply(first.state(), u).reads()).isZero();
    }

    @Test
    void countersOfASourceThatDidNotAnswerAreKept() {
        UsageRollup.Result first = UsageRollup.apply(UsageState.empty(), update(DAY1, counter("alice", 40)));
        UsageUpdate silent = new UsageUpdate("dev", "orders", DAY2, Map.of(T, "orders"), Set.of(), Set.of(), List.of());
        UsageRollup.Result none = UsageRollup.apply(first.state(), silent);
        assertThat(none.state().counters()).hasSize(1);
        assertThat(UsageRollup.apply(none.state(), update(DAY5, counter("alice", 42)))
                        .reads())
                .isEqualTo(2);
    }

    private static final String V2 = "postgresql://h:5432/db/sales.orders_v2";

    private static UsageUpdate update(
            Instant at, Map<String, String> listed, Set<String> ports, UsageObservation... o) {
        return new UsageUpdate("dev", "orders", at, listed, ports, Set.of("postgres"), List.of(o));
    }

    /** orders baselined on day 1; on day 2 orders_v2, deployed since, observed with {@code v2}. */
    private static UsageRollup.Result v2DeployedAfterDay1(UsageObservation v2) {
        return day2WithV2(UsageRollup.apply(UsageState.empty(), update(DAY1, counter("alice", 40))), v2);
    }

    /** Day 2 after {@code first}: orders and orders_v2 observed, orders_v2 with {@code v2}. */
    private static UsageRollup.Result day2WithV2(UsageRollup.Result first, UsageObservation v2) {
        return UsageRollup.apply(
                first.state(),
                update(
                        DAY2,
                        Map.of(T, "orders", V2, "orders_v2"),
                        Set.of("orders", "orders_v2"),
                        counter("alice", 40),
                        v2));
    }

    @Test
    void aTableDeployedAfterThePreviousCollectionCountsItsWholeValue() {
        // orders_v2 (a new major version's table) deployed after the first collection, then read twice
        UsageRollup.Result second =
                v2DeployedAfterDay1(new CounterSnapshot(V2, "postgres", "statement:alice:2", "alice", 2, null));
        assertThat(second.baselined())
                .as("its counters started at zero when it was created")
                .isZero();
        assertThat(second.reads()).isEqualTo(2);
        assertThat(second.additions())
                .filteredOn(d -> d.port().equals("orders_v2"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.day()).isEqualTo(LocalDate.of(2026, 3, 2));
                    assertThat(d.readers()).containsExactly(Map.entry("alice", 2L));
                });
    }

    @Test
    void aTableListedAtThePreviousCollectionButNotObservedThenIsStillABaseline() {
        // orders_v2 was listed on day 1 but its source did not answer for it (not among the observed ports)
        UsageRollup.Result first = UsageRollup.apply(
                UsageState.empty(),
                update(DAY1, Map.of(T, "orders", V2, "orders_v2"), Set.of("orders"), counter("alice", 40)));
        UsageRollup.Result second =
                day2WithV2(first, new CounterSnapshot(V2, "postgres", "statement:alice:2", "alice", 7, null));
        assertThat(second.baselined())
                .as("it may have been read before day 1: its counter counts since an unknown start")
                .isEqualTo(1);
        assertThat(second.reads()).isZero();
        assertThat(second.additions()).as("its port is not observed yet").noneMatch(d -> d.port()
                .equals("orders_v2"));
    }

    @Test
    void theFirstCollectionOfAPortObservesNothingWhateverItsObservations() {
        // a table nobody has read since statements were kept: no counter, only its size
        UsageRollup.Result sizeOnly =
                UsageRollup.apply(UsageState.empty(), update(DAY1, new UsageObservation.TableSize(T, 8192)));
        assertThat(sizeOnly.additions())
                .as("not an observed day with zero reads: the table may have been read before")
                .isEmpty();
        // an event source's first collection: its reads count on their days, but no day is observed as zero
        ReadEvent a = new ReadEvent(T, "spark", "carol", "job", Instant.parse("2026-03-01T10:00:00Z"));
        UsageUpdate events = new UsageUpdate(
                "dev", "orders", DAY5, Map.of(T, "orders"), Set.of("orders"), Set.of("spark"), List.of(a));
        UsageRollup.Result first = UsageRollup.apply(UsageState.empty(), events);
        assertThat(first.reads()).isEqualTo(1);
        assertThat(first.additions()).extracting(UsageDay::day).containsExactly(LocalDate.of(2026, 3, 1));

        UsageRollup.Result second = UsageRollup.apply(
                sizeOnly.state(), update(DAY2, new UsageObservation.TableSize(T, 8192), counter("bob", 3)));
        assertThat(second.reads())
                .as("the next collection observes: a counter appearing for an observed table counts from zero")
                .isEqualTo(3);
        assertThat(second.additions())
                .extracting(UsageDay::day)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));
    }

    @Test
    void aNewTableWithoutReadsIsAnObservedZeroDayFromItsFirstCollection() {
        UsageRollup.Result second = v2DeployedAfterDay1(new UsageObservation.TableSize(V2, 8192));
        assertThat(second.additions())
                .as("created since the previous collection: no read since is a fact")
                .filteredOn(d -> d.port().equals("orders_v2"))
                .extracting(UsageDay::day, UsageDay::reads)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 2), 0L));
    }
}

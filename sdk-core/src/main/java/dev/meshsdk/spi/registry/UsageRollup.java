package dev.meshsdk.spi.registry;

import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import dev.meshsdk.spi.usage.UsageObservation.TableSize;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one collection's observations of a product into day rows, against the state the previous collection
 * left: the one rule every registry applies inside its {@link UsageHistory#record}, so that all count alike.
 *
 * <ul>
 *   <li>the counters of a table a source observes for the first time are the baseline and count nothing, when the
 *       table may have been read before: the product was never collected (or its state does not tell when it was,
 *       as kept by an earlier version), or the catalog listed the table at an earlier collection (whose source
 *       failed or did not serve it yet). A table the catalog lists for the first time at a collection after the
 *       product's first was deployed (created) since the previous collection, its counters started at zero then:
 *       they count their whole value (a new major version's table read before its first collection). A table that
 *       existed before its port listed it (made by hand, then adopted by a deployment) counts its earlier reads
 *       then too. A counter that appears later for an observed table (a new reader) counts from zero; an increase
 *       counts on the collection's day; a value below the previous one is a statistics reset and counts the value
 *       (the reads since the reset), never a negative number;</li>
 *   <li>an event counts on its own day, once: events at or before the source's watermark are skipped;</li>
 *   <li>reads that tell their columns count for each of those columns too, and as attributed reads of the day
 *       ({@link UsageDay#attributedReads()});</li>
 *   <li>every port observed gets a row for the collection's day, and the days since its last row get zero
 *       rows (at most {@value #MAX_GAP_DAYS}), except on the first collection that observes a port when one of its
 *       tables may have been read before (above), whatever the sources: the counters count since an unknown start
 *       and an event source's record may begin after reads it missed, so no day is observed. The port gets no zero
 *       row and no size row (only the rows of the reads counted: events, a new table's counters), and is not
 *       "unused"; the next collection observes the time since, its zero days starting on that day. A port whose
 *       tables are all new is observed from its first collection.</li>
 * </ul>
 * Pure: no side effects.
 */
public final class UsageRollup {
    /** The longest gap filled with zero days. */
    public static final int MAX_GAP_DAYS = 400;

    private UsageRollup() {}

    /**
     * What a collection added to one product.
     *
     * @param state     the state to keep for the next collection
     * @param additions the day rows to add to the stored ones ({@link UsageDay#plus}), zero rows included
     * @param reads     the reads counted
     * @param resets    the counters found reset
     * @param baselined the counters seen for the first time
     * @param baselinedPorts the ports observed for the first time while they may have been read before: this
     *     collection set their baseline and observed none of their days
     */
    public record Result(
            UsageState state, List<UsageDay> additions, long reads, int resets, int baselined, int baselinedPorts) {
        public Result {
            additions = List.copyOf(additions);
        }
    }

    public static Result apply(UsageState previous, UsageUpdate update) {
        String env = update.environment();
        String product = update.productId();
        LocalDate today = day(update.collectedAt());
        Map<String, UsageDay> days = new LinkedHashMap<>();
        Map<String, UsageCounter> counters = new LinkedHashMap<>();
        for (UsageCounter c : previous.counters()) {
            if (!update.sources().contains(c.source())) counters.put(c.id(), c);
        }
        Map<String, UsageCounter> before = new HashMap<>();
        previous.counters().forEach(c -> before.put(c.id(), c));
        Map<String, Instant> watermarks = new TreeMap<>(previous.watermarks());
        Map<String, Long> sizes = new HashMap<>();
        long reads = 0;
        int resets = 0;
        int baselined = 0;
        // ports first observed by a source while one of their tables may have been read before: not observed
        java.util.Set<String> baselinePorts = new java.util.HashSet<>();
        update.portByAddress().forEach((address, port) -> {
            if (!previous.lastDays().containsKey(port)
                    && mayHaveBeenRead(previous, address)
                    && update.sources().stream()
                            .anyMatch(src -> !previous.observed().contains(observedKey(src, address)))) {
                baselinePorts.add(port);
            }
        });
        for (UsageObservation o : update.observations()) {
            String port = update.portByAddress().get(o.address());
            if (port == null) continue;
            if (o instanceof CounterSnapshot s) {
                UsageCounter next = new UsageCounter(
                        s.source(),
                        s.address(),
                        s.key(),
                        port,
                        s.reader(),
                        s.reads(),
                        s.lastRead(),
                        update.collectedAt());
                UsageCounter old = before.get(next.id());
                counters.put(next.id(), next);
                boolean baseline = old == null
                        && !previous.observed().contains(observedKey(s.source(), s.address()))
                        && mayHaveBeenRead(previous, s.address());
                long delta;
                if (baseline) {
                    baselined++;
                    delta = 0;
                } else if (old == null) {
                    delta = s.reads();
                } else if (s.reads() >= old.reads()) {
                    delta = s.reads() - old.reads();
                } else {
                    resets++;
                    delta = s.reads();
                }
                if (delta > 0) {
                    Instant last = s.lastRead() != null && !s.lastRead().isAfter(update.collectedAt())
                            ? s.lastRead()
                            : update.collectedAt();
                    add(days, read(env, product, port, today, delta, s.reader(), last, s.columns()));
                    reads += delta;
                }
            } else if (o instanceof ReadEvent e) {
                Instant mark = previous.watermarks().get(e.source());
                if (mark != null && !e.at().isAfter(mark)) continue;
                watermarks.merge(e.source(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
                add(days, read(env, product, port, day(e.at()), 1, e.reader(), e.at(), e.columns()));
                reads++;
            } else if (o instanceof TableSize t && t.bytes() >= 0) {
                sizes.merge(port, t.bytes(), Long::sum);
            }
        }
        Map<String, LocalDate> lastDays = new TreeMap<>(previous.lastDays());
        for (String port : update.ports()) {
            LocalDate last = previous.lastDays().get(port);
            if (baselinePorts.contains(port)) {
                // not observed: no zero row today; the next collection's count covers the time since, so its zero
                // days start on this day
                lastDays.put(port, today.minusDays(1));
                continue;
            }
            LocalDate from = last == null ? today : last.plusDays(1);
            if (from.isBefore(today.minusDays(MAX_GAP_DAYS))) from = today.minusDays(MAX_GAP_DAYS);
            for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
                add(days, UsageDay.zero(env, product, port, d));
            }
            if (last == null || today.isAfter(last)) lastDays.put(port, today);
        }
        sizes.keySet().removeAll(baselinePorts);
        sizes.forEach((port, bytes) -> add(days, new UsageDay(env, product, port, today, 0, Map.of(), null, bytes)));
        java.util.Set<String> observed = new java.util.TreeSet<>(previous.observed());
        update.portByAddress().forEach((address, port) -> {
            if (update.ports().contains(port)) update.sources().forEach(src -> observed.add(observedKey(src, address)));
        });
        java.util.Set<String> listed = new java.util.TreeSet<>(previous.listed());
        listed.addAll(update.portByAddress().keySet());
        Instant collectedAt =
                previous.collectedAt() != null && previous.collectedAt().isAfter(update.collectedAt())
                        ? previous.collectedAt()
                        : update.collectedAt();
        baselinePorts.retainAll(update.ports());
        List<UsageDay> additions = new ArrayList<>(days.values());
        additions.sort(java.util.Comparator.comparing(UsageDay::port).thenComparing(UsageDay::day));
        return new Result(
                new UsageState(
                        new ArrayList<>(counters.values()),
                        watermarks,
                        lastDays,
                        new ArrayList<>(observed),
                        collectedAt,
                        new ArrayList<>(listed)),
                additions,
                reads,
                resets,
                baselined,
                baselinePorts.size());
    }

    /** The UTC day of an instant. */
    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /**
     * Whether the table at {@code address} may have been read before the product's previous collection: there was
     * none that kept its time, or the catalog listed the table then. Otherwise it was deployed since.
     */
    private static boolean mayHaveBeenRead(UsageState previous, String address) {
        return previous.collectedAt() == null || previous.listed().contains(address);
    }

    private static String observedKey(String source, String address) {
        return source + " " + address;
    }

    /** A day row of {@code reads} reads by {@code reader}, attributed to {@code columns} when told (not empty). */
    private static UsageDay read(
            String env,
            String product,
            String port,
            LocalDate day,
            long reads,
            String reader,
            Instant last,
            java.util.Set<String> columns) {
        Map<String, UsageDay.ColumnReads> byColumn = new TreeMap<>();
        for (String c : columns) byColumn.put(c, new UsageDay.ColumnReads(reads, reader(reader, reads), last));
        return new UsageDay(
                env,
                product,
                port,
                day,
                reads,
                reader(reader, reads),
                last,
                -1,
                columns.isEmpty() ? 0 : reads,
                byColumn);
    }

    private static Map<String, Long> reader(String reader, long reads) {
        return reader == null || reader.isBlank() ? Map.of() : Map.of(reader, reads);
    }

    private static void add(Map<String, UsageDay> days, UsageDay row) {
        days.merge(row.port() + "\u0000" + row.day(), row, UsageDay::plus);
    }
}

package dev.meshsdk.internal.usage;

import dev.meshsdk.UsageReport;
import dev.meshsdk.UsageReport.PortUsage;
import dev.meshsdk.UsageReport.ReaderReads;
import dev.meshsdk.UsageReport.Unused;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads the usage history of every product of the catalog once and rolls it up into a {@link UsageReport}. */
public final class UsageReporting {
    private static final int TOP_READERS = 5;

    private UsageReporting() {}

    /**
     * The report as of {@code today}; {@code deployed} reads a product as deployed, for the grants that tell a
     * consumer's reads ({@link ConsumerReading}).
     */
    public static UsageReport report(String environment, List<CatalogEntry> entries, UsageHistory history,
                                     LocalDate today, int unusedDays,
                                     java.util.function.Function<String, dev.meshsdk.ProductSource> deployed) {
        if (unusedDays < 1) {
            throw new IllegalArgumentException("Cannot report unused ports over " + unusedDays
                    + " day(s): use at least 1 (mesh.usage.unusedDays)");
        }
        int window = Math.max(90, unusedDays);
        LocalDate from = today.minusDays(window - 1L);
        Map<String, List<UsageDay>> all = history.days(environment, entries.stream().map(CatalogEntry::productId)
                .toList(), from, today);
        List<PortUsage> ports = new ArrayList<>();
        List<Unused> unused = new ArrayList<>();
        List<String> unobserved = new ArrayList<>();
        Map<String, Map<String, List<UsageDay>>> daysByPort = new HashMap<>();
        for (CatalogEntry e : entries) {
            String team = e.owner() == null ? null : e.owner().team();
            List<String> owners = e.owner() == null ? List.of() : e.owner().members().stream()
                    .map(CatalogEntry.Member::username).filter(java.util.Objects::nonNull).toList();
            Map<String, List<UsageDay>> byPort = new TreeMap<>();
            for (UsageDay d : all.getOrDefault(e.productId(), List.of())) {
                byPort.computeIfAbsent(d.port(), k -> new ArrayList<>()).add(d);
            }
            daysByPort.put(e.productId(), byPort);
            Set<String> livePorts = new LinkedHashSet<>();
            e.outputPorts().stream().filter(CatalogEntry.Port::live).forEach(p -> livePorts.add(p.name()));
            List<Unused> mine = new ArrayList<>();
            int observed = 0;
            for (String port : livePorts) {
                List<UsageDay> days = byPort.get(port);
                if (days == null || days.isEmpty()) {
                    unobserved.add(e.productId() + "/" + port);
                    continue;
                }
                observed++;
                PortUsage u = portUsage(e.productId(), port, team, owners, days, today);
                ports.add(u);
                LocalDate since = today.minusDays(unusedDays - 1L);
                List<UsageDay> inWindow = days.stream().filter(d -> !d.day().isBefore(since)).toList();
                if (!inWindow.isEmpty() && inWindow.stream().allMatch(d -> d.reads() == 0)) {
                    mine.add(new Unused(e.productId(), port, team, owners, u.bytes(), u.lastRead(),
                            (int) inWindow.stream().map(UsageDay::day).distinct().count(), false));
                }
            }
            boolean whole = observed > 0 && mine.size() == observed;
            for (Unused x : mine) {
                unused.add(new Unused(x.productId(), x.port(), x.team(), x.owners(), x.bytes(), x.lastRead(),
                        x.observedDays(), whole));
            }
        }
        unused.sort(Comparator.comparingLong((Unused x) -> x.bytes() < 0 ? Long.MIN_VALUE : x.bytes()).reversed()
                .thenComparing(Unused::productId).thenComparing(Unused::port));
        return new UsageReport(environment, today, unusedDays, ports, unused, unobserved,
                new ConsumerReading(deployed).of(entries, daysByPort, today, unusedDays));
    }

    private static PortUsage portUsage(String productId, String port, String team, List<String> owners,
                                       List<UsageDay> days, LocalDate today) {
        long r7 = 0, r30 = 0, r90 = 0;
        Set<String> readers30 = new java.util.TreeSet<>();
        Map<String, Long> readers90 = new HashMap<>();
        Instant last = null;
        long bytes = -1;
        LocalDate bytesDay = null;
        Set<LocalDate> observed = new java.util.HashSet<>();
        for (UsageDay d : days) {
            long age = today.toEpochDay() - d.day().toEpochDay();
            if (d.lastRead() != null && (last == null || d.lastRead().isAfter(last))) last = d.lastRead();
            if (d.bytes() >= 0 && (bytesDay == null || d.day().isAfter(bytesDay))) {
                bytes = d.bytes();
                bytesDay = d.day();
            }
            if (age >= 90 || age < 0) continue;
            observed.add(d.day());
            r90 += d.reads();
            d.readers().forEach((k, v) -> readers90.merge(k, v, Long::sum));
            if (age < 30) {
                r30 += d.reads();
                readers30.addAll(d.readers().keySet());
            }
            if (age < 7) r7 += d.reads();
        }
        List<ReaderReads> top = readers90.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_READERS).map(x -> new ReaderReads(x.getKey(), x.getValue())).toList();
        return new PortUsage(productId, port, team, owners, r7, r30, r90, readers30.size(), top, last,
                observed.size(), bytes);
    }
}

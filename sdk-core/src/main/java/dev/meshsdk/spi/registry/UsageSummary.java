package dev.meshsdk.spi.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How one output port was read in windows of days ending with a day: what the mesh-wide reports need of its day
 * rows, so that a registry can answer it without handing over every row ({@link UsageHistory#summaries}). The window
 * of {@code n} days as of {@code today} is the days from {@code today - n + 1} to {@code today}; the longest window
 * asked for is the one {@code lastRead}, {@code bytes} and {@code lastReadDays} are taken over.
 *
 * @param windows      by length in days
 * @param lastRead     the latest read of the longest window, null when none
 * @param bytes        the size of the latest day of the longest window that tells it, -1 when none does
 * @param lastReadDays by reader name, the latest day of the longest window the reader read on (a count above zero)
 */
public record UsageSummary(
        String productId,
        String port,
        Map<Integer, Window> windows,
        Instant lastRead,
        long bytes,
        Map<String, LocalDate> lastReadDays) {
    public UsageSummary {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(port, "port");
        windows = Map.copyOf(windows);
        lastReadDays =
                lastReadDays == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(lastReadDays));
    }

    /**
     * One window of days.
     *
     * @param reads        the reads of its days
     * @param observedDays its days with a row (collections observed the port on them, read or not)
     * @param readers      the reads of each reader named on its days
     */
    public record Window(int days, long reads, int observedDays, Map<String, Long> readers) {
        public Window {
            readers = readers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(readers));
        }
    }

    /** The window of {@code days} days; asking for one that was not summarised is a bug. */
    public Window window(int days) {
        Window w = windows.get(days);
        if (w == null)
            throw new IllegalArgumentException("Cannot give the " + days + "-day window: it was not asked"
                    + " for; summarised: " + new TreeSet<>(windows.keySet()));
        return w;
    }

    /**
     * The summaries of the ports of {@code days} (the day rows of one or more products, any order) as of {@code
     * today}, by product id then port: the rule every registry's answer must equal. Rows after {@code today} or
     * before the longest window are left out; a port without a row in the longest window is absent.
     */
    public static Map<String, Map<String, UsageSummary>> of(
            Collection<UsageDay> days, LocalDate today, Set<Integer> windows) {
        int longest = longest(windows);
        Map<String, Map<String, List<UsageDay>>> byPort = new LinkedHashMap<>();
        for (UsageDay d : days) {
            long age = today.toEpochDay() - d.day().toEpochDay();
            if (age < 0 || age >= longest) continue;
            byPort.computeIfAbsent(d.productId(), k -> new TreeMap<>())
                    .computeIfAbsent(d.port(), k -> new ArrayList<>())
                    .add(d);
        }
        Map<String, Map<String, UsageSummary>> out = new LinkedHashMap<>();
        byPort.forEach(
                (product, ports) -> ports.forEach((port, rows) -> out.computeIfAbsent(product, k -> new TreeMap<>())
                        .put(port, summarise(product, port, rows, today, windows))));
        return out;
    }

    /** The longest of {@code windows}, each at least one day. */
    public static int longest(Set<Integer> windows) {
        if (windows.isEmpty() || windows.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException(
                    "Cannot summarise usage over windows " + windows + ": give one or more of at least 1 day");
        }
        return windows.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static UsageSummary summarise(
            String product, String port, List<UsageDay> rows, LocalDate today, Set<Integer> windows) {
        Instant last = null;
        long bytes = -1;
        LocalDate bytesDay = null;
        Map<String, LocalDate> lastDays = new TreeMap<>();
        for (UsageDay d : rows) {
            if (d.lastRead() != null && (last == null || d.lastRead().isAfter(last))) last = d.lastRead();
            if (d.bytes() >= 0 && (bytesDay == null || d.day().isAfter(bytesDay))) {
                bytes = d.bytes();
                bytesDay = d.day();
            }
            d.readers().forEach((reader, reads) -> {
                if (reads > 0) lastDays.merge(reader, d.day(), (a, b) -> a.isAfter(b) ? a : b);
            });
        }
        Map<Integer, Window> out = new TreeMap<>();
        for (int w : windows) {
            long reads = 0;
            Set<LocalDate> observed = new java.util.HashSet<>();
            Map<String, Long> readers = new TreeMap<>();
            for (UsageDay d : rows) {
                if (today.toEpochDay() - d.day().toEpochDay() >= w) continue;
                reads += d.reads();
                observed.add(d.day());
                d.readers().forEach((k, v) -> readers.merge(k, v, Long::sum));
            }
            out.put(w, new Window(w, reads, observed.size(), readers));
        }
        return new UsageSummary(product, port, out, last, bytes, lastDays);
    }
}

package dev.meshsdk.internal.usage;

import dev.meshsdk.spi.registry.UsageDay;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one output port was read over the last 30 and 90 days, as plans and policies see it: the one place that words
 * a port's use for a plan ({@link #line()}) and lays it out for policies ({@link #policyInput}).
 *
 * <p>Columns: no collector records which columns a read touched yet, so a column's use is its port's, marked
 * {@code known: false}. That is the conservative answer: a column is never called unread while its port was read.
 *
 * @param collected whether any collection observed the port (a day row, zero or not, in the last 90 days)
 * @param lastRead  the last read in the history read, null when none
 */
public record PortReads(boolean collected, Window last30, Window last90, Instant lastRead) {
    private static final int NAMED = 5;

    /**
     * The reads of a window of days ending today.
     *
     * @param observedDays the days of the window a collection observed (a day row, zero or not)
     * @param readers      reads by reader name
     */
    public record Window(int days, int observedDays, long reads, Map<String, Long> readers) {
        public Window {
            readers = java.util.Collections.unmodifiableMap(new TreeMap<>(readers));
        }

        /** Whether collections observed every day of the window, so that no read in it is a fact. */
        public boolean complete() {
            return observedDays >= days;
        }

        /** The reader names, most reads first. */
        public List<String> names() {
            return readers.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
        }
    }

    /** A port no collection observed. */
    public static PortReads notCollected() {
        return new PortReads(false, new Window(30, 0, 0, Map.of()), new Window(90, 0, 0, Map.of()), null);
    }

    /** The use of one port from its day rows (those of the last 90 days count; older rows only for the last read). */
    public static PortReads of(List<UsageDay> days, LocalDate today) {
        if (days.stream().noneMatch(d -> age(d, today) >= 0 && age(d, today) < 90)) return notCollected();
        Instant last = days.stream().map(UsageDay::lastRead).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new PortReads(true, window(days, today, 30), window(days, today, 90), last);
    }

    private static Window window(List<UsageDay> days, LocalDate today, int length) {
        long reads = 0;
        Map<String, Long> readers = new TreeMap<>();
        java.util.Set<LocalDate> observed = new java.util.HashSet<>();
        for (UsageDay d : days) {
            long age = age(d, today);
            if (age < 0 || age >= length) continue;
            observed.add(d.day());
            reads += d.reads();
            d.readers().forEach((k, v) -> readers.merge(k, v, Long::sum));
        }
        return new Window(length, observed.size(), reads, readers);
    }

    private static long age(UsageDay d, LocalDate today) {
        return today.toEpochDay() - d.day().toEpochDay();
    }

    /**
     * The use in one line: {@code 3 readers in the last 30 days: analytics, finance, bi; last read ...}, {@code no
     * reads recorded in the last 30 days} (collected, nobody read) or {@code no usage collected} (never observed).
     */
    public String line() {
        if (!collected) return "no usage collected";
        StringBuilder b = new StringBuilder();
        List<String> names = last30.names();
        long unnamed = last30.reads() - last30.readers().values().stream().mapToLong(Long::longValue).sum();
        if (!names.isEmpty()) {
            b.append(names.size()).append(names.size() == 1 ? " reader" : " readers").append(" in the last 30 days: ")
                    .append(String.join(", ", names.subList(0, Math.min(NAMED, names.size()))));
            if (names.size() > NAMED) b.append(" and ").append(names.size() - NAMED).append(" more");
            if (unnamed > 0) b.append(", and ").append(unnamed).append(" read(s) by readers the store does not name");
        } else if (last30.reads() > 0) {
            b.append(last30.reads()).append(" read(s) in the last 30 days, by readers the store does not name");
        } else {
            b.append("no reads recorded in the last 30 days");
            if (!last30.complete()) b.append(" (usage collected on ").append(last30.observedDays()).append(" of them)");
        }
        if (lastRead != null) b.append("; last read ").append(lastRead.truncatedTo(ChronoUnit.SECONDS));
        return b.toString();
    }

    /**
     * The {@code usage} of a port in a plan's policy input: {@code collected}, {@code summary} ({@link #line()}),
     * {@code lastRead}, {@code last30} and {@code last90} ({@code days, observedDays, complete, reads, readers} (names,
     * most reads first), {@code readerReads}), and {@code columns}: for each of {@code columns}, the same figures
     * with {@code known: false}, the port's.
     */
    public Map<String, Object> policyInput(Collection<String> columns) {
        Map<String, Object> m = figures();
        m.put("collected", collected);
        m.put("summary", line());
        Map<String, Object> byColumn = new TreeMap<>();
        for (String c : columns) {
            Map<String, Object> col = figures();
            col.put("known", false);
            byColumn.put(c, col);
        }
        m.put("columns", byColumn);
        return m;
    }

    private Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lastRead", lastRead == null ? null : lastRead.toString());
        m.put("last30", window(last30));
        m.put("last90", window(last90));
        return m;
    }

    private static Map<String, Object> window(Window w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("days", w.days());
        m.put("observedDays", w.observedDays());
        m.put("complete", w.complete());
        m.put("reads", w.reads());
        m.put("readers", w.names());
        m.put("readerReads", w.readers());
        return m;
    }
}

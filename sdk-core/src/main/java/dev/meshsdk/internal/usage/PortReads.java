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
 * <p>Columns: where every read of the last 90 days told which columns it touched ({@link UsageDay#columnsKnown()}:
 * PostgreSQL's and Redshift's statements, Spark's pruned reads), each column has its own reads, readers and last read,
 * marked {@code known: true}, and a column nobody read is a fact. Where one read did not tell (an S3 object read, a
 * statement whose text could not be attributed, a day before columns were collected), a column's use is its port's,
 * marked {@code known: false}: the conservative answer, a column is never called unread while its port was read.
 *
 * @param collected    whether any collection observed the port (a day row, zero or not, in the last 90 days)
 * @param lastRead     the last read in the history read, null when none
 * @param columnsKnown whether every read of the last 90 days told its columns (true when nothing was read)
 * @param columnReads  the use of each column read, when {@code columnsKnown}; a column absent was not read
 */
public record PortReads(
        boolean collected,
        Window last30,
        Window last90,
        Instant lastRead,
        boolean columnsKnown,
        Map<String, PortReads> columnReads) {
    private static final int NAMED = 5;

    public PortReads {
        columnReads = java.util.Collections.unmodifiableMap(new TreeMap<>(columnReads));
    }

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
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** A port no collection observed. */
    public static PortReads notCollected() {
        return new PortReads(
                false, new Window(30, 0, 0, Map.of()), new Window(90, 0, 0, Map.of()), null, false, Map.of());
    }

    /** The use of one port from its day rows (those of the last 90 days count; older rows only for the last read). */
    public static PortReads of(List<UsageDay> days, LocalDate today) {
        if (days.stream().noneMatch(d -> age(d, today) >= 0 && age(d, today) < 90)) return notCollected();
        Instant last = days.stream()
                .map(UsageDay::lastRead)
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
        boolean known = days.stream()
                .filter(d -> age(d, today) >= 0 && age(d, today) < 90)
                .allMatch(UsageDay::columnsKnown);
        Map<String, PortReads> columns = new TreeMap<>();
        if (known) {
            java.util.Set<String> read = new java.util.TreeSet<>();
            days.forEach(d -> read.addAll(d.columns().keySet()));
            for (String c : read)
                columns.put(c, of(days.stream().map(d -> column(d, c)).toList(), today));
        }
        return new PortReads(true, window(days, today, 30), window(days, today, 90), last, known, columns);
    }

    /** {@code day} as if the port were the column: its reads of the column, zero when it was not read. */
    private static UsageDay column(UsageDay day, String column) {
        UsageDay.ColumnReads c = day.columns().get(column);
        return new UsageDay(
                day.environment(),
                day.productId(),
                day.port(),
                day.day(),
                c == null ? 0 : c.reads(),
                c == null ? Map.of() : c.readers(),
                c == null ? null : c.lastRead(),
                -1);
    }

    /**
     * The use of one column: its own when {@link #columnsKnown()} (no reads when nobody read it), else empty (its
     * port's use is all that is known).
     */
    public java.util.Optional<PortReads> column(String column) {
        if (!columnsKnown) return java.util.Optional.empty();
        return java.util.Optional.of(columnReads.getOrDefault(
                column,
                new PortReads(
                        collected,
                        new Window(30, last30.observedDays(), 0, Map.of()),
                        new Window(90, last90.observedDays(), 0, Map.of()),
                        null,
                        true,
                        Map.of())));
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
        return line(Map.of());
    }

    /**
     * {@link #line()}, with the consumer product each reader of {@code products} reads for next to it: {@code
     * churn_job (product 'churn', team customer-insights)}; a reader not in it stays a login name.
     */
    public String line(Map<String, String> products) {
        if (!collected) return "no usage collected";
        StringBuilder b = new StringBuilder();
        List<String> names = last30.names().stream()
                .map(n -> products.containsKey(n) ? n + " (" + products.get(n) + ")" : n)
                .toList();
        long unnamed = last30.reads()
                - last30.readers().values().stream().mapToLong(Long::longValue).sum();
        if (!names.isEmpty()) {
            b.append(names.size())
                    .append(names.size() == 1 ? " reader" : " readers")
                    .append(" in the last 30 days: ")
                    .append(String.join(", ", names.subList(0, Math.min(NAMED, names.size()))));
            if (names.size() > NAMED)
                b.append(" and ").append(names.size() - NAMED).append(" more");
            if (unnamed > 0) b.append(", and ").append(unnamed).append(" read(s) by readers the store does not name");
        } else if (last30.reads() > 0) {
            b.append(last30.reads()).append(" read(s) in the last 30 days, by readers the store does not name");
        } else {
            b.append("no reads recorded in the last 30 days");
            if (!last30.complete())
                b.append(" (usage collected on ").append(last30.observedDays()).append(" of them)");
        }
        if (lastRead != null) b.append("; last read ").append(lastRead.truncatedTo(ChronoUnit.SECONDS));
        return b.toString();
    }

    /**
     * The {@code usage} of a port in a plan's policy input: {@code collected}, {@code summary} ({@link #line()}),
     * {@code lastRead}, {@code last30} and {@code last90} ({@code days, observedDays, complete, reads, readers} (names,
     * most reads first), {@code readerReads}), and {@code columns}: for each of {@code columns}, the column's own
     * figures with {@code known: true} when {@link #columnsKnown()}, else the port's with {@code known: false};
     * and its {@code summary}: the port's, or, when the column's use is known and the port was read in the last 90
     * days, {@code column 'c': <the column's line>; port: <the port's line>}, so that a denial names the column's
     * readers.
     */
    public Map<String, Object> policyInput(Collection<String> columns) {
        return policyInput(columns, Map.of());
    }

    /** {@link #policyInput(Collection)} whose summaries name the consumer product of each reader of {@code products}. */
    public Map<String, Object> policyInput(Collection<String> columns, Map<String, String> products) {
        Map<String, Object> m = figures();
        m.put("collected", collected);
        m.put("summary", line(products));
        Map<String, Object> byColumn = new TreeMap<>();
        for (String c : columns) {
            PortReads own = column(c).orElse(null);
            Map<String, Object> col = own == null ? figures() : own.figures();
            col.put("known", own != null);
            col.put(
                    "summary",
                    own == null || last90.reads() == 0
                            ? line(products)
                            : "column '" + c + "': " + own.line(products) + "; port: " + line(products));
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

package dev.meshsdk.spi.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The reads of one output port (every table and live contract major version of it) on one day (UTC), as the
 * registry keeps them. A day a collection saw no read is kept with zero reads, so "never read" is a fact.
 *
 * <p>Columns: of the day's {@code reads}, {@code attributedReads} are those whose collector told which columns they
 * touched, and {@code columns} holds each touched column's reads. Only a day whose every read is attributed
 * ({@link #columnsKnown()}) says that a column missing from {@code columns} was not read; rows written before
 * columns were kept read as no read attributed.
 *
 * @param reads           every read counted that day, by named readers or not
 * @param readers         reads by reader name (a role, a principal); reads whose reader the store does not tell
 *                        are only in {@code reads}
 * @param lastRead        the latest read of the day, null when none
 * @param bytes           the port's size in storage as last collected that day, -1 when the store does not tell
 * @param attributedReads the reads of {@code reads} whose columns were told, at most {@code reads}
 * @param columns         the reads of each column by the attributed reads, by column name
 */
public record UsageDay(
        String environment,
        String productId,
        String port,
        LocalDate day,
        long reads,
        Map<String, Long> readers,
        Instant lastRead,
        long bytes,
        long attributedReads,
        Map<String, ColumnReads> columns) {
    public UsageDay {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(day, "day");
        if (reads < 0) throw new IllegalArgumentException("Cannot keep a negative read count: " + reads);
        if (attributedReads < 0 || attributedReads > reads) {
            throw new IllegalArgumentException(
                    "Cannot attribute " + attributedReads + " of " + reads + " reads to columns");
        }
        readers = readers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(readers));
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(columns));
    }

    /** A day whose reads' columns are not told. */
    public UsageDay(
            String environment,
            String productId,
            String port,
            LocalDate day,
            long reads,
            Map<String, Long> readers,
            Instant lastRead,
            long bytes) {
        this(environment, productId, port, day, reads, readers, lastRead, bytes, 0, Map.of());
    }

    /**
     * The reads of one column on one day.
     *
     * @param readers  reads by reader name, as {@link UsageDay#readers()}
     * @param lastRead the latest read of the column that day, null when the store does not tell
     */
    public record ColumnReads(long reads, Map<String, Long> readers, Instant lastRead) {
        public ColumnReads {
            if (reads < 0) throw new IllegalArgumentException("Cannot keep a negative read count: " + reads);
            readers = readers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(readers));
        }

        /** These reads and {@code more}'s. */
        public ColumnReads plus(ColumnReads more) {
            return new ColumnReads(reads + more.reads, sum(readers, more.readers), later(lastRead, more.lastRead));
        }
    }

    /** A day of no reads. */
    public static UsageDay zero(String environment, String productId, String port, LocalDate day) {
        return new UsageDay(environment, productId, port, day, 0, Map.of(), null, -1);
    }

    /** The readers with a name who read that day. */
    public int distinctReaders() {
        return readers.size();
    }

    /** Whether every read of the day told its columns, so that a column not in {@link #columns()} was not read. */
    public boolean columnsKnown() {
        return attributedReads == reads;
    }

    /** This day with the reads of {@code more} (the same port and day) added; the size of {@code more} wins when known. */
    public UsageDay plus(UsageDay more) {
        Map<String, ColumnReads> cols = new TreeMap<>(columns);
        more.columns.forEach((k, v) -> cols.merge(k, v, ColumnReads::plus));
        return new UsageDay(
                environment,
                productId,
                port,
                day,
                reads + more.reads,
                sum(readers, more.readers),
                later(lastRead, more.lastRead),
                more.bytes >= 0 ? more.bytes : bytes,
                attributedReads + more.attributedReads,
                cols);
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> merged = new TreeMap<>(a);
        b.forEach((k, v) -> merged.merge(k, v, Long::sum));
        return merged;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}

package dev.meshsdk.spi.usage;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link UsageCollector} saw of one table, named by the table's {@link UsageTarget#address()}. Counters
 * are cumulative and are turned into reads by diffing them with the previous collection's; events are single
 * reads, counted once each. A counter or event may tell which of the table's columns its reads touched; the
 * registry then keeps each column's reads beside the table's, and a column nobody read becomes a fact, where
 * otherwise a column's use is its table's.
 */
public sealed interface UsageObservation {

    /** The table's address, as the target named it. */
    String address();

    /**
     * A cumulative read counter as the store keeps it now ({@code pg_stat_statements.calls} of one role and
     * query, {@code pg_stat_user_tables.seq_scan + idx_scan}). The snapshots of a table the source observes for the
     * first time are the baseline and count nothing; a counter that appears later counts from zero; a later one counts its increase; a value lower than the previous one is a reset of
     * the store's statistics and counts the value itself (the reads since the reset), never a negative number.
     *
     * @param source   the collector's name, for example {@code postgres}
     * @param key      what the counter counts, unique per source and address ({@code statement:role:queryid})
     * @param reader   who read (a role, a principal); null when the store does not tell
     * @param reads    the counter's value, at least 0
     * @param lastRead when the table was last read as the store tells it (PostgreSQL 16's
     *                 {@code last_seq_scan}); null when it does not
     * @param columns  the table's columns every read of the counter touched (a statement's columns); empty when the
     *                 store does not tell, and then no column counts as unread
     */
    record CounterSnapshot(
            String address, String source, String key, String reader, long reads, Instant lastRead, Set<String> columns)
            implements UsageObservation {
        public CounterSnapshot {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(key, "key");
            if (reads < 0) throw new IllegalArgumentException("Cannot keep a read counter below 0: " + reads);
            columns = UsageObservation.columns(columns);
        }

        /** A counter whose reads' columns the store does not tell. */
        public CounterSnapshot(String address, String source, String key, String reader, long reads, Instant lastRead) {
            this(address, source, key, reader, reads, lastRead, Set.of());
        }
    }

    /**
     * One read of the table, as a governed reader recorded it. Counted once: an event at or before the
     * source's watermark (the newest event an earlier collection counted) is skipped.
     *
     * @param reader      who read (a principal, a user); null when unknown
     * @param application what read (a Spark application name, a job); may be null
     * @param columns     the table's columns the read touched (after a query engine pruned them); empty when the
     *                    reader does not tell, and then no column counts as unread
     */
    record ReadEvent(String address, String source, String reader, String application, Instant at, Set<String> columns)
            implements UsageObservation {
        public ReadEvent {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(at, "at");
            columns = UsageObservation.columns(columns);
        }

        /** A read whose columns the reader does not tell. */
        public ReadEvent(String address, String source, String reader, String application, Instant at) {
            this(address, source, reader, application, at, Set.of());
        }
    }

    /** {@code columns} sorted and unmodifiable; null is empty (not told). */
    private static Set<String> columns(Set<String> columns) {
        return columns == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(columns));
    }

    /** The table's size in storage now, for sorting unused ports by what they cost to keep. */
    record TableSize(String address, long bytes) implements UsageObservation {
        public TableSize {
            Objects.requireNonNull(address, "address");
        }
    }
}

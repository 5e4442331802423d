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
 * @param reads    every read counted that day, by named readers or not
 * @param readers  reads by reader name (a role, a principal); reads whose reader the store does not tell are
 *                 only in {@code reads}
 * @param lastRead the latest read of the day, null when none
 * @param bytes    the port's size in storage as last collected that day, -1 when the store does not tell
 */
public record UsageDay(String environment, String productId, String port, LocalDate day, long reads,
                       Map<String, Long> readers, Instant lastRead, long bytes) {
    public UsageDay {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(day, "day");
        if (reads < 0) throw new IllegalArgumentException("Cannot keep a negative read count: " + reads);
        readers = readers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(readers));
    }

    /** A day of no reads. */
    public static UsageDay zero(String environment, String productId, String port, LocalDate day) {
        return new UsageDay(environment, productId, port, day, 0, Map.of(), null, -1);
    }

    /** The readers with a name who read that day. */
    public int distinctReaders() {
        return readers.size();
    }

    /** This day with the reads of {@code more} (the same port and day) added; the size of {@code more} wins when known. */
    public UsageDay plus(UsageDay more) {
        Map<String, Long> merged = new TreeMap<>(readers);
        more.readers.forEach((k, v) -> merged.merge(k, v, Long::sum));
        Instant last = lastRead == null ? more.lastRead
                : more.lastRead == null || lastRead.isAfter(more.lastRead) ? lastRead : more.lastRead;
        return new UsageDay(environment, productId, port, day, reads + more.reads, merged, last,
                more.bytes >= 0 ? more.bytes : bytes);
    }
}

package dev.meshsdk.spi.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A read counter's value at the last collection, kept by the registry so the next collection counts only its
 * increase: see {@link dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot}.
 *
 * @param port the port of the table the counter counts reads of
 */
public record UsageCounter(
        String source,
        String address,
        String key,
        String port,
        String reader,
        long reads,
        Instant lastRead,
        Instant takenAt) {
    public UsageCounter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** Identifies the counter within a product. */
    public String id() {
        return source + "\u0000" + address + "\u0000" + key;
    }
}

package dev.meshsdk.spi.data;

import java.time.Instant;

/**
 * What a store tells about one table.
 *
 * @param rows         the row count, or -1 when unknown without a scan
 * @param lastModified when the data last changed (the last Delta commit, the last publish), or null
 * @param bytes        the size in storage, or -1 when unknown
 */
public record TableFacts(long rows, Instant lastModified, long bytes) {
    public static TableFacts unknown() {
        return new TableFacts(-1, null, -1);
    }
}

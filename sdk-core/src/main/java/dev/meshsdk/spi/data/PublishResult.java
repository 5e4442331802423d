package dev.meshsdk.spi.data;

import dev.meshsdk.spi.quality.QualityResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a publish committed.
 *
 * @param table   the table written, as the store names it
 * @param rows    rows published by this request
 * @param total   rows in the table after the commit, when known (else -1)
 * @param version the store's version of the commit (a Delta version, a transaction id), when it has one
 * @param results every rule's outcome on the candidate rows
 */
public record PublishResult(
        String table, long rows, long total, String version, Instant committedAt, List<QualityResult> results) {
    public PublishResult {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(committedAt, "committedAt");
        results = List.copyOf(results);
    }
}

package dev.meshsdk;

import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.QualityResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Mesh#publish} committed: one file into one table (schema object) of an output port, after the
 * contract's blocking rules passed on exactly those rows.
 *
 * @param majorVersion the contract major version published to (the port's newest live one)
 * @param table        the table written, as the store names it
 * @param rows         rows published from the file
 * @param total        rows in the table after the commit, or -1 when the store does not say
 * @param version      the store's version of the commit (a Delta version), or null
 * @param results      every rule's result on the published rows; failed ones here did not block (warnings)
 */
public record PublishReport(
        String productId,
        String port,
        int majorVersion,
        String object,
        Path file,
        PublishRequest.FileFormat format,
        PublishRequest.Mode mode,
        String table,
        long rows,
        long total,
        String version,
        Instant committedAt,
        List<QualityResult> results,
        Duration took) {
    public PublishReport {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(took, "took");
        results = List.copyOf(results);
    }

    /** The rules that failed without blocking (warnings), or could not be evaluated. */
    public List<QualityResult> warnings() {
        return results.stream()
                .filter(r -> r.status() != QualityResult.Status.PASSED)
                .toList();
    }

    /** One line for a log: {@code Published 3 row(s) from orders.csv to port 'orders' (table ..., version 4)}. */
    public String summary() {
        long passed = results.stream()
                .filter(r -> r.status() == QualityResult.Status.PASSED)
                .count();
        return "Published " + rows + " row(s) from " + file.getFileName() + " to port '" + port + "' of product '"
                + productId + "' (" + mode.name().toLowerCase(java.util.Locale.ROOT) + " into " + table
                + (version == null ? "" : ", version " + version) + (total < 0 ? "" : ", " + total + " row(s) in all")
                + "): " + passed + " of " + results.size() + " rule(s) passed"
                + (warnings().isEmpty() ? "" : ", " + warnings().size() + " warning(s)");
    }
}

package dev.meshsdk.spi.data;

import dev.meshsdk.spi.PortBinding;

/**
 * The data side of one kind of store: loads files into a port's tables with write-audit-publish, reads a
 * sample for classification, and tells facts about the data (row count, last change) for checks. Found
 * through {@link dev.meshsdk.spi.MeshPlugin#portData()}; the {@code mesh-spark} module serves Delta
 * ({@code local}, {@code s3}), the JDBC modules their databases.
 *
 * <p>Called from one thread at a time per port. Store failures throw {@link dev.meshsdk.MeshException}
 * with {@code STORAGE_FAILURE} and leave the port as it was. Row values are personal data as far as this
 * SPI knows: no message, log line or exception may contain one; name the file, line and column instead.
 */
public interface PortData extends AutoCloseable {

    /** Whether this can serve the port (its server type and format). No side effects. */
    boolean supports(PortBinding port);

    /**
     * Write-audit-publish: reads the file, checks its columns against the contract's schema (by name,
     * never by position), evaluates the request's blocking rules on the candidate rows, and only then
     * commits them in one transaction (one Delta commit). A malformed file or one that does not match
     * the contract throws {@code INVALID_INPUT} naming the file, line and column (never a value);
     * {@link dev.meshsdk.spi.quality.PublishBlockedException} when a blocking rule fails; in both cases
     * nothing was published.
     */
    PublishResult publish(PortBinding port, PublishRequest request);

    /**
     * Up to {@code rows} rows of one table of the port, values as text, chosen so that reading stays cheap
     * on large tables (a sample, not the first rows where the store allows it).
     */
    Sample sample(PortBinding port, String object, int rows);

    /** What the store can tell about one table of the port without scanning it where possible. */
    TableFacts facts(PortBinding port, String object);

    /** Releases sessions and connections. Called once, when the {@code Mesh} closes. */
    @Override
    void close();
}

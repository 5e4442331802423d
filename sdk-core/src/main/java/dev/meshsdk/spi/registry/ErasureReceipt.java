package dev.meshsdk.spi.registry;

import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The record of erasing one data subject from one output port in one live contract major version, as the
 * registry's audit log keeps it. It holds no personal data: the subject is identified by a keyed hash of its
 * type and value, never by the value, and messages are kept free of it.
 *
 * <p>A request records a {@link Status#PENDING} receipt for every port before it erases anything, then one
 * {@link Status#DONE} or {@link Status#FAILED} receipt per port as it goes; the latest receipt of a port
 * (by {@code recordedAt}) is its state, and a crash leaves the ports still pending on record.
 *
 * @param requestId   the erasure request, shared by every receipt it records
 * @param subjectHash the subject's keyed hash, lower-case hexadecimal HMAC-SHA256
 * @param subjectType the kind of subject ({@code customer}, {@code default})
 * @param serverType  the port's store type ({@code local}, {@code postgres}, ...)
 * @param address     where the port lives, without credentials
 * @param tables      per table: rows deleted, version, whether the rows are physically gone and from when
 *                    they cannot be brought back; empty while pending or when failed before any table
 * @param message     why it failed, or what a person should know; never the subject's value
 * @param requestedBy who asked
 */
public record ErasureReceipt(
        String requestId,
        String subjectHash,
        String subjectType,
        String environment,
        String productId,
        String port,
        int majorVersion,
        String serverType,
        String address,
        Status status,
        List<TableErasure> tables,
        String message,
        String requestedBy,
        Instant recordedAt) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ErasureReceipt {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subjectHash, "subjectHash");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (!HASH.matcher(subjectHash).matches()) {
            throw new IllegalArgumentException("Cannot record an erasure receipt: the subject hash must be 64"
                    + " lower-case hexadecimal digits (an HMAC-SHA256), never the subject's value");
        }
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** Rows deleted from every table of the port by this request. */
    public long rowsDeleted() {
        return tables.stream().mapToLong(TableErasure::rowsDeleted).sum();
    }

    /** Where the erasure of one port stands. */
    public enum Status {
        /** Planned, not yet done: the request stopped (or is still running) before this port. */
        PENDING,
        /** The subject's rows are deleted from every table of the port (perhaps there were none). */
        DONE,
        /** The store failed; what was not erased is named in the message. Running the request again is safe. */
        FAILED
    }
}

package dev.meshsdk;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.ErasureReceipt.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link Mesh#forget} did: one receipt per port and contract major version it searched, as recorded in
 * the registry's erasure log. Holds no personal data: the subject is known by its keyed hash only.
 *
 * @param receipts the final receipt of each port of this request ({@code DONE} or {@code FAILED})
 * @param earlier  the receipts earlier requests recorded for the same subject, oldest first
 * @param warnings columns that may hold the subject's data but were not searched (named like a subject key
 *                 downstream, not marked as one)
 */
public record ForgetResult(
        String requestId,
        String subjectHash,
        String subjectType,
        String environment,
        List<ErasureReceipt> receipts,
        List<ErasureReceipt> earlier,
        List<Diagnostic> warnings) {
    public ForgetResult {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subjectHash, "subjectHash");
        receipts = List.copyOf(receipts);
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Rows deleted by this request, every port together. */
    public long rowsDeleted() {
        return receipts.stream().mapToLong(ErasureReceipt::rowsDeleted).sum();
    }

    /** Whether every port is done: nothing of the subject is left in the ports searched. */
    public boolean complete() {
        return receipts.stream().allMatch(r -> r.status() == Status.DONE);
    }

    /** The ports whose erasure failed; running forget again erases them. */
    public List<ErasureReceipt> failed() {
        return receipts.stream().filter(r -> r.status() != Status.DONE).toList();
    }

    /** One paragraph for a person: what went, what did not, what to do. */
    public String summary() {
        String who = "subject " + subjectHash.substring(0, 12) + "... of type '" + subjectType + "'";
        long done = receipts.size() - failed().size();
        StringBuilder b = new StringBuilder();
        if (!complete()) {
            b.append("Cannot erase ")
                    .append(who)
                    .append(" from every port of '")
                    .append(environment)
                    .append("': ")
                    .append(done)
                    .append(" of ")
                    .append(receipts.size())
                    .append(" port(s) done (")
                    .append(rowsDeleted())
                    .append(" row(s) deleted), ")
                    .append(failed().size())
                    .append(" failed: ")
                    .append(failed().stream()
                            .map(r -> label(r) + " (" + r.message() + ")")
                            .collect(Collectors.joining("; ")))
                    .append("; run forget again to finish (a re-run is safe)");
        } else if (rowsDeleted() == 0) {
            b.append("Nothing to erase: ")
                    .append(who)
                    .append(" has no rows in the ")
                    .append(receipts.size())
                    .append(" port(s) searched in '")
                    .append(environment)
                    .append("'");
            earlier.stream()
                    .filter(r -> r.status() == Status.DONE && r.rowsDeleted() > 0)
                    .max(Comparator.comparing(ErasureReceipt::recordedAt))
                    .ifPresent(r -> b.append("; it was erased by request ")
                            .append(r.requestId())
                            .append(" at ")
                            .append(r.recordedAt()));
        } else {
            b.append("Erased ")
                    .append(who)
                    .append(" from ")
                    .append(receipts.size())
                    .append(" port(s) of '")
                    .append(environment)
                    .append("': ")
                    .append(rowsDeleted())
                    .append(" row(s) deleted");
        }
        if (!warnings.isEmpty()) b.append("; ").append(warnings.size()).append(" warning(s)");
        return b.toString();
    }

    private static String label(ErasureReceipt r) {
        return r.productId() + "/" + r.port() + " v" + r.majorVersion();
    }
}

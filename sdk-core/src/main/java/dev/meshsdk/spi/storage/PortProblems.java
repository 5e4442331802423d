package dev.meshsdk.spi.storage;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.descriptor.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link StorageAdapter#plan} when the store, as it is, cannot take the port as its contract describes
 * (a role to grant to that does not exist, a schema the deploying user may not create tables in), with every such
 * problem of the port, each pointing into the contract. The engine locates each problem with the contract's source
 * map, reports it beside every other port's, and applies nothing. A store that cannot be read is not a problem of
 * this kind: that stays {@code STORAGE_FAILURE}.
 */
public final class PortProblems extends MeshException {
    /**
     * One problem.
     *
     * @param pointer a JSON pointer into the port's contract ({@code /roles/2/role}, {@code /servers/0/schema});
     *                {@code ""} for the whole document
     * @param message what is wrong, starting with "Cannot ..."
     * @param hint    what to do
     */
    public record Problem(String pointer, String message, String hint) {
        public Problem {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hint, "hint");
        }

        /**
         * The problem an adapter's own exception describes, at {@code pointer}: its message up to the first
         * {@code "; "} is what is wrong, the rest what to do (the adapters' "Cannot ...: why; what to do" form).
         */
        public static Problem of(String pointer, MeshException e) {
            String text = e.getMessage() == null ? "Cannot deploy the port: " + e.code() : e.getMessage();
            int cut = text.indexOf("; ");
            return cut < 0
                    ? new Problem(pointer, text, "correct the contract at this place")
                    : new Problem(pointer, text.substring(0, cut), text.substring(cut + 2));
        }
    }

    private final transient List<Problem> problems;

    /** @param problems at least one */
    public PortProblems(List<Problem> problems) {
        super(ErrorCode.INVALID_CONFIGURATION, summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * The value of {@code known} that {@code value} is most plausibly a typo of, for a problem's "perhaps you meant"
     * (by the same measure as the SDK's own checks); empty when none is near.
     */
    public static Optional<String> closest(String value, Collection<String> known) {
        return Optional.ofNullable(Suggestions.closest(value, known));
    }

    /**
     * {@code known} ordered by how near each is to {@code value}, nearest first (by the same measure as
     * {@link #closest}), for a message that lists what is known.
     */
    public static List<String> nearestFirst(String value, Collection<String> known) {
        return Suggestions.nearestFirst(value, known);
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
        Problem first = problems.get(0);
        return first.message() + "; " + first.hint()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : "");
    }
}

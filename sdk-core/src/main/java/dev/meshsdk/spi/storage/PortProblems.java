package dev.meshsdk.spi.storage;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.util.List;
import java.util.Objects;

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

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
        Problem first = problems.get(0);
        return first.message() + "; " + first.hint()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : "");
    }
}

package dev.meshsdk.diag;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a problem is: a file, a 1-based line and column (0 when unknown) and the JSON pointer of the
 * element inside the document ({@code /outputPorts/0/contractId}), when known.
 */
public record Location(Path file, int line, int column, String pointer) {
    public Location {
        Objects.requireNonNull(file, "file");
        pointer = pointer == null ? "" : pointer;
    }

    /** A location for a whole file. */
    public static Location of(Path file) {
        return new Location(file, 0, 0, "");
    }

    /** {@code file:line:column}, or just the file when the position is unknown. */
    @Override
    public String toString() {
        if (line <= 0) return file.toString();
        return file + ":" + line + ":" + Math.max(column, 1);
    }
}

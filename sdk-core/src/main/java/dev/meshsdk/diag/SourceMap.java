package dev.meshsdk.diag;

import java.nio.file.Path;

/** Finds where an element of a parsed descriptor was written: the line and column of a JSON pointer. */
@FunctionalInterface
public interface SourceMap {
    /**
     * The location of {@code pointer} in {@code file}; for a pointer that was not written (a missing
     * field), the location of its nearest written parent.
     */
    Location locate(Path file, String pointer);

    static SourceMap none() {
        return (file, pointer) -> new Location(file, 0, 0, pointer);
    }
}

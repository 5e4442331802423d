package dev.meshsdk.internal.descriptor;

import dev.meshsdk.diag.Location;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each element of one parsed document was written, by JSON pointer: the key of an object member,
 * the first token of an array element. Filled once while parsing, read-only afterwards.
 */
final class Positions {
    private final Map<String, Long> byPointer = new HashMap<>();

    void put(String pointer, int line, int column) {
        byPointer.putIfAbsent(pointer, ((long) line << 32) | (column & 0xffffffffL));
    }

    /** The location of {@code pointer}, or of its nearest written parent. */
    Location locate(Path file, String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Long packed = byPointer.get(p);
            if (packed != null) return new Location(file, (int) (packed >>> 32), (int) packed.longValue(), pointer);
            if (p.isEmpty()) return new Location(file, 1, 1, pointer);
            p = Pointers.parent(p);
        }
    }
}

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
    private final Map<String, Long> keys = new HashMap<>();

    /** Where an element starts: the key of an object member, the first token of an array element. */
    void put(String pointer, int line, int column) {
        long packed = ((long) line << 32) | (column & 0xffffffffL);
        byPointer.putIfAbsent(pointer, packed);
        keys.putIfAbsent(pointer, packed);
    }

    /** Where a member's scalar value was written: what {@link #locate} then returns, the bad value itself. */
    void putValue(String pointer, int line, int column) {
        byPointer.put(pointer, ((long) line << 32) | (column & 0xffffffffL));
    }

    /** The location of the key of {@code pointer} (for unknown fields), else as {@link #locate}. */
    Location locateKey(Path file, String pointer) {
        Long packed = keys.get(pointer);
        return packed == null
                ? locate(file, pointer)
                : new Location(file, (int) (packed >>> 32), (int) packed.longValue(), pointer);
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

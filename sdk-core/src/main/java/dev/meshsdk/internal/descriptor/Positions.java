package dev.meshsdk.internal.descriptor;

import dev.meshsdk.diag.Location;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where each element of one parsed document was written, by JSON pointer: the key of an object member,
 * the first token of an array element. Filled once while parsing, read-only afterwards; or found when first
 * asked for ({@link #later}). Thread-safe once filled.
 */
final class Positions {
    private final Map<String, Long> byPointer = new HashMap<>();
    private final Map<String, Long> keys = new HashMap<>();
    /** Null when filled while parsing; else what finds them, once. */
    private final Supplier<Positions> finder;

    private volatile Positions found;

    Positions() {
        this.finder = null;
    }

    private Positions(Supplier<Positions> finder) {
        this.finder = finder;
    }

    /**
     * Positions found by {@code finder} (parsing the document again, with positions) when first asked for: most
     * documents have no problem to locate, and a fresh JVM reading thousands of them saves the work.
     */
    static Positions later(Supplier<Positions> finder) {
        return new Positions(finder);
    }

    private Positions filled() {
        if (finder == null) return this;
        Positions f = found;
        if (f == null) {
            synchronized (this) {
                f = found;
                if (f == null) found = f = finder.get();
            }
        }
        return f;
    }

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
        if (finder != null) return filled().locateKey(file, pointer);
        Long packed = keys.get(pointer);
        return packed == null
                ? locate(file, pointer)
                : new Location(file, (int) (packed >>> 32), (int) packed.longValue(), pointer);
    }

    /** The location of {@code pointer}, or of its nearest written parent. */
    Location locate(Path file, String pointer) {
        if (finder != null) return filled().locate(file, pointer);
        String p = pointer == null ? "" : pointer;
        while (true) {
            Long packed = byPointer.get(p);
            if (packed != null) return new Location(file, (int) (packed >>> 32), (int) packed.longValue(), pointer);
            if (p.isEmpty()) return new Location(file, 1, 1, pointer);
            p = Pointers.parent(p);
        }
    }
}

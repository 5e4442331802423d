package dev.meshsdk.internal.descriptor;

/** JSON pointer building and the dotted form used in messages ({@code schema[0].properties[1]}). */
final class Pointers {
    private Pointers() {}

    static String child(String parent, String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return parent + "/" + key;
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The parent of a pointer; {@code ""} for a top-level element and for the root. */
    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** The longest dotted path a message shows; a longer one keeps its end, where the problem is. */
    private static final int MAX_DOTTED = 200;

    /**
     * {@code /schema/0/properties/1} as {@code schema[0].properties[1]}; the root as {@code (root)}. Keys are
     * escaped and cut as {@link Quoted#shown} does, and a very deep path is cut at its start.
     */
    static String dotted(String pointer) {
        if (pointer.isEmpty()) return "(root)";
        StringBuilder b = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String seg = Quoted.shown(raw.replace("~1", "/").replace("~0", "~"));
            if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
                b.append('[').append(seg).append(']');
            } else {
                if (b.length() > 0) b.append('.');
                b.append(seg);
            }
        }
        return b.length() <= MAX_DOTTED ? b.toString() : "\u2026" + b.substring(b.length() - MAX_DOTTED);
    }
}

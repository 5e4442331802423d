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

    /** {@code /schema/0/properties/1} as {@code schema[0].properties[1]}; the root as {@code (root)}. */
    static String dotted(String pointer) {
        if (pointer.isEmpty()) return "(root)";
        StringBuilder b = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String seg = raw.replace("~1", "/").replace("~0", "~");
            if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
                b.append('[').append(seg).append(']');
            } else {
                if (b.length() > 0) b.append('.');
                b.append(seg);
            }
        }
        return b.toString();
    }
}

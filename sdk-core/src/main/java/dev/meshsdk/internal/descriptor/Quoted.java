package dev.meshsdk.internal.descriptor;

/**
 * A value from a descriptor as a message shows it: in single quotes, control and invisible characters
 * (line separators, bidirectional overrides, zero-width marks) escaped as a backslash, 'u' and four hex
 * digits, and cut after {@value #MAX} characters with "…", so that a huge bad value does not become a huge
 * message and no value can hide or reorder the text around it.
 */
final class Quoted {
    /** The most characters of a value a message shows. */
    static final int MAX = 80;

    private Quoted() {}

    /** {@code 'value'}, escaped and cut; {@code (none)} for null. */
    static String of(String value) {
        return value == null ? "(none)" : "'" + shown(value) + "'";
    }

    /** The value escaped and cut after {@value #MAX} characters, without quotes. */
    static String shown(String value) {
        return shown(value, MAX);
    }

    /** The value escaped and cut after {@code max} characters, without quotes. */
    static String shown(String value, int max) {
        if (value == null) return "(none)";
        if (plain(value, max)) return value; // the common case, without a copy
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            if (count == max) return b.append('\u2026').toString();
            int c = value.codePointAt(i);
            if (invisible(c)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
            i += Character.charCount(c);
            count++;
        }
        return b.toString();
    }

    /** At most {@code max} characters, none of them escaped or a surrogate. */
    private static boolean plain(String value, int max) {
        if (value.length() > max) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0xd800 && c < 0xe000 || invisible(c)) return false;
        }
        return true;
    }

    /** Control characters, line separators and the invisible marks that reorder or hide text in a terminal. */
    private static boolean invisible(int c) {
        return c < 0x20
                || c == 0x7f
                || (c >= 0x80 && c < 0xa0)
                || (c >= 0x200b && c <= 0x200f)
                || (c >= 0x2028 && c <= 0x202e)
                || (c >= 0x2060 && c <= 0x2069)
                || c == 0xfeff;
    }
}

package dev.meshsdk.internal.descriptor;

/**
 * A value from a descriptor as a message shows it: in single quotes, control characters escaped, and cut
 * after {@value #MAX} characters with "…", so that a huge bad value does not become a huge message.
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
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            if (count == max) return b.append('\u2026').toString();
            int c = value.codePointAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
            i += Character.charCount(c);
            count++;
        }
        return b.toString();
    }
}

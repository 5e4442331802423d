package dev.meshsdk.catalog.site;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Escaping for the three places descriptor text lands in a page: element text, attribute values and the
 * JSON the search script reads. Every string that comes from a descriptor or the registry goes through
 * one of these; literal markup written by the pages themselves does not.
 */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Html() {}

    /**
     * Appends {@code text} escaped for element content and for quoted attribute values alike: the five
     * characters that can end a text run or an attribute ({@code & < > " '}) become references. Null
     * appends nothing.
     */
    static StringBuilder esc(StringBuilder b, String text) {
        if (text == null) return b;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b;
    }

    /** {@code text} escaped as by {@link #esc(StringBuilder, String)}; null gives "". */
    static String esc(String text) {
        return text == null
                ? ""
                : esc(new StringBuilder(text.length() + 16), text).toString();
    }

    /**
     * Appends {@code text} as a JSON string literal that is also safe inside an HTML {@code <script>}
     * element: besides JSON's own escapes, {@code < > &} and the JavaScript line separators become
     * {@code \\uXXXX}, so no {@code </script>} or {@code <!--} can appear in the page. Null appends
     * {@code null}.
     */
    static StringBuilder json(StringBuilder b, String text) {
        if (text == null) return b.append("null");
        b.append('"');
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(b, c);
                default -> {
                    if (c < 0x20) unicode(b, c);
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }

    private static void unicode(StringBuilder b, char c) {
        b.append("\\u");
        String hex = Integer.toHexString(c);
        for (int i = hex.length(); i < 4; i++) b.append('0');
        b.append(hex);
    }

    /** A time as people read it in the catalog, {@code 2026-11-30 08:00 UTC}; "" for null. */
    static String time(Instant at) {
        if (at == null) return "";
        // Written field by field: a DateTimeFormatter costs more than the rest of a product page's rows.
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(20);
        if (t.getYear() < 1000 || t.getYear() > 9999) return TIME.format(t);
        b.append(t.getYear()).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append(' ');
        two(b, t.getHour()).append(':');
        return two(b, t.getMinute()).append(" UTC").toString();
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /** {@code value}, or {@code fallback} when it is null or blank. */
    static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * A CSS class for a status word from a descriptor: the word itself when it is one the stylesheet
     * knows, else {@code other}, so no descriptor text ever becomes a class name.
     */
    static String statusClass(String status) {
        if (status == null) return "other";
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "active", "deprecated", "retired", "draft", "proposed", "passed", "failed", "error" ->
                status.toLowerCase(java.util.Locale.ROOT);
            default -> "other";
        };
    }
}

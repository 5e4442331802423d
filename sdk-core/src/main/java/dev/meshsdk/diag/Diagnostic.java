package dev.meshsdk.diag;

import java.util.Objects;

/**
 * One problem found in a descriptor, a plan or a policy: where it is, what is wrong and what to do.
 *
 * @param code    a stable identifier such as {@code MESH-SCHEMA}, {@code MESH-REF}, {@code MESH-IDENT}
 * @param message what is wrong, in the form "Cannot &lt;verb&gt; &lt;thing&gt;: &lt;reason&gt;"
 * @param hint    what to do about it, or null
 */
public record Diagnostic(Severity severity, String code, Location location, String message, String hint) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String code, Location location, String message, String hint) {
        return new Diagnostic(Severity.ERROR, code, location, message, hint);
    }

    public static Diagnostic warning(String code, Location location, String message, String hint) {
        return new Diagnostic(Severity.WARNING, code, location, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code file:line:col: error: message; hint [code]}. A message of several lines (a suggestion to paste) keeps
     * its further lines last, so that nothing is appended to them.
     */
    public String format() {
        int lineBreak = message.indexOf('\n');
        StringBuilder b = new StringBuilder()
                .append(location)
                .append(": ")
                .append(severity.name().toLowerCase(java.util.Locale.ROOT))
                .append(": ")
                .append(lineBreak < 0 ? message : message.substring(0, lineBreak));
        if (hint != null && !hint.isBlank()) b.append("; ").append(hint);
        b.append(" [").append(code).append(']');
        return (lineBreak < 0 ? b : b.append(message.substring(lineBreak))).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}

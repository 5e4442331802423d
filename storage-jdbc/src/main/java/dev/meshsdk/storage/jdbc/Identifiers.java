package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;

/**
 * Quotes SQL identifiers. Every identifier the SDK writes into SQL goes through {@link #quote}, which
 * rejects anything outside {@code ^[A-Za-z_][A-Za-z0-9_]{0,62}$}. Descriptors are validated before they
 * reach an adapter; this is defence in depth, so a hostile name never becomes SQL.
 */
public final class Identifiers {
    private Identifiers() {}

    /** Whether {@code name} is an identifier the SDK accepts. */
    public static boolean isSafe(String name) {
        return dev.meshsdk.spi.storage.SqlNames.isSafe(name);
    }

    /**
     * Returns {@code name} after checking it; {@code what} says what it names in the error ({@code table},
     * {@code column of table orders}, {@code role}).
     */
    public static String check(String what, String name) {
        if (!isSafe(name)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot use name " + shown(name) + " for "
                            + what + ": it must be " + dev.meshsdk.spi.storage.SqlNames.DESCRIPTION
                            + "; rename it in the contract or the server settings");
        }
        return name;
    }

    /** {@code name} checked and in double quotes, so case is kept and no keyword clashes. */
    public static String quote(String what, String name) {
        return '"' + check(what, name) + '"';
    }

    /** {@code "schema"."name"}, both checked. */
    public static String qualified(String schema, String name) {
        return quote("schema", schema) + "." + quote("table", name);
    }

    /** A name made printable for a message: at most 70 characters, control characters escaped. */
    static String shown(String name) {
        if (name == null) return "(none)";
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < name.length() && i < 70; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (name.length() > 70) b.append("...");
        return b.append('\'').toString();
    }
}

package dev.meshsdk.spi.storage;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for names the SQL storage adapters write into statements (schemas, tables, columns, roles),
 * used twice: descriptor validation reports a name that breaks it at its file and line, and the adapters
 * refuse it again just before building SQL (a saved plan may have been edited). Stateless and thread-safe.
 */
public final class SqlNames {
    /** The longest name: PostgreSQL's identifier length. */
    public static final int MAX_LENGTH = 63;
    /** The rule as a message words it, after "a name is". */
    public static final String DESCRIPTION =
            "1 to " + MAX_LENGTH + " letters, digits or '_', starting with a letter or '_'";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_LENGTH - 1) + "}");
    /** Names that stand for a set of roles or for whoever runs the statement, not for one role. */
    private static final Set<String> RESERVED_ROLES =
            Set.of("public", "none", "all", "current_user", "current_role", "session_user", "system_user", "user");

    private static final String SYSTEM_ROLE_PREFIX = "pg_";

    private SqlNames() {}

    /** Whether {@code name} may be written into SQL as an identifier; false for null. */
    public static boolean isSafe(String name) {
        return name != null && name.length() <= MAX_LENGTH && SAFE.matcher(name).matches();
    }

    /**
     * Why {@code name} must not be granted access as a role, or null when it names an ordinary role. Compared
     * without case: {@code PUBLIC} is PostgreSQL's and Redshift's pseudo-role of every role, so a grant to it
     * lets every user read the table; {@code CURRENT_USER} and its kin name whoever runs the statement;
     * {@code pg_} names are PostgreSQL's system roles.
     */
    public static String reservedRoleReason(String name) {
        if (name == null) return null;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("public"))
            return "PUBLIC stands for every role in PostgreSQL and Redshift, so every user could read the port";
        if (n.startsWith(SYSTEM_ROLE_PREFIX)) return "names starting with 'pg_' are PostgreSQL's system roles";
        if (n.equals("none") || n.equals("all"))
            return "'" + n.toUpperCase(Locale.ROOT) + "' is a reserved word, not a role";
        if (RESERVED_ROLES.contains(n)) {
            return n.toUpperCase(Locale.ROOT) + " stands for whoever runs the statement, not for one role";
        }
        return null;
    }

    /** Whether {@code name} is a reserved role name (see {@link #reservedRoleReason}). */
    public static boolean isReservedRole(String name) {
        return reservedRoleReason(name) != null;
    }
}

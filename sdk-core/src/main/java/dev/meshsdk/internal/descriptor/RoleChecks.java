package dev.meshsdk.internal.descriptor;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.Role;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.storage.SqlNames;
import java.nio.file.Path;

/**
 * Contract roles become grants in the stores (code {@value IdentifierChecks#CODE}). A reserved role name
 * ({@code public}, {@code current_user}, {@code pg_*}, ...; see {@link SqlNames#reservedRoleReason}) is
 * refused in every contract: a grant to PUBLIC lets every role read the table. In a contract with a SQL
 * server, each role name must also be one the SQL adapters accept ({@link SqlNames#isSafe}; Redshift reads a
 * {@code group:} or {@code role:} prefix), so that planning never meets a name it cannot locate.
 */
final class RoleChecks {
    private static final String REDSHIFT_RULE = " (Redshift also reads 'group:<name>' and 'role:<name>')";

    private RoleChecks() {}

    static void check(DataContract c, Path file, Problems problems) {
        for (int i = 0; i < c.roles().size(); i++) {
            Role role = c.roles().get(i);
            if (role.role() == null) continue; // the schema reports a missing or non-text role
            String pointer = Pointers.child(Pointers.child("/roles", i), "role");
            String reason = SqlNames.reservedRoleReason(withoutRedshiftPrefix(role.role()));
            if (reason != null) {
                problems.error(
                        IdentifierChecks.CODE,
                        file,
                        pointer,
                        "Cannot grant access to role " + Quoted.of(role.role()) + ": " + reason,
                        "name the role that should have this access, e.g. 'analyst'");
                continue;
            }
            for (Server s : c.servers()) {
                if (!isSql(s.type()) || accepts(s.type(), role.role())) continue;
                problems.error(
                        IdentifierChecks.CODE,
                        file,
                        pointer,
                        "Cannot grant access to role " + Quoted.of(role.role())
                                + " on " + s.type() + " server " + Quoted.of(s.server()) + ": a role name is "
                                + SqlNames.DESCRIPTION
                                + (s.type().equals("redshift") ? REDSHIFT_RULE : ""),
                        "rename the role, in the database and here");
                break;
            }
        }
    }

    private static boolean isSql(String type) {
        return "postgres".equals(type) || "postgresql".equals(type) || "redshift".equals(type);
    }

    private static boolean accepts(String type, String role) {
        return SqlNames.isSafe(type.equals("redshift") ? withoutRedshiftPrefix(role) : role);
    }

    /** {@code group:analysts} and {@code role:analyst} as Redshift reads them: the name after the prefix. */
    private static String withoutRedshiftPrefix(String role) {
        if (role.startsWith("group:")) return role.substring(6);
        if (role.startsWith("role:")) return role.substring(5);
        return role;
    }
}

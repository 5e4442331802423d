package dev.meshsdk.storage.jdbc;

import dev.meshsdk.model.Role;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortProblems;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a plan needs of the live database, checked when planning so that a deploy does not fail half-way: every
 * role it grants to exists, the deploying user may create the schema or create tables in it, owns each existing
 * table it alters or grants on, and may record its grants in {@code mesh.grants}. Reads the catalog only; returns every problem, each pointing into the
 * contract.
 */
final class DeployChecks {
    private final SqlDialect dialect;

    DeployChecks(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The problems of applying {@code changes} to {@code port} as the user of {@code c}; empty when none. */
    List<PortProblems.Problem> problems(
            Connection c,
            PortBinding port,
            String schema,
            String address,
            Map<String, TableState> tables,
            List<Change> changes)
            throws SQLException {
        List<PortProblems.Problem> out = new ArrayList<>();
        String cannot = "Cannot deploy output port '" + port.port().name() + "' to " + address + ": ";
        String user = one(c, "SELECT current_user", List.of());
        Set<String> principals = new LinkedHashSet<>();
        for (Change change : changes) if (change instanceof Change.Grant g) principals.add(g.principal());
        for (String principal : principals) {
            SqlDialect.Grantee grantee = dialect.granteeOf(principal);
            if (one(c, grantee.query(), List.of(grantee.name())) == null) {
                out.add(new PortProblems.Problem(
                        rolePointer(port, principal),
                        cannot + grantee.what() + " does not exist, so the grant to it would fail",
                        "create it (" + grantee.create() + ") or fix the role name in the contract's roles"));
            }
        }
        String grantsPointer = principals.isEmpty()
                ? "/roles"
                : rolePointer(port, principals.iterator().next());
        boolean grants = changes.stream().anyMatch(ch -> ch instanceof Change.Grant || ch instanceof Change.Revoke);
        if (grants && !mayRecordGrants(c)) {
            out.add(new PortProblems.Problem(
                    grantsPointer,
                    cannot + "user '" + user + "' may not record the grants"
                            + " it makes in mesh.grants (the SDK's record of them, so that a revoke takes back only those)",
                    "GRANT USAGE ON SCHEMA mesh TO " + sqlName(user) + " and GRANT SELECT, INSERT, DELETE ON"
                            + " mesh.grants TO " + sqlName(user) + ", or deploy as their owner"));
        }
        boolean creates = changes.stream().anyMatch(ch -> ch instanceof Change.CreateTable);
        String schemaPointer = port.serverPointer() + "/schema";
        if (creates
                && one(c, "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", List.of(schema)) == null) {
            if (!yes(c, "SELECT has_database_privilege(current_database(), 'CREATE')", List.of())) {
                out.add(new PortProblems.Problem(
                        schemaPointer,
                        cannot + "schema '" + schema + "' does not exist and" + " user '" + user
                                + "' may not create it",
                        "create it (CREATE SCHEMA "
                                + Identifiers.quote("schema", schema) + " AUTHORIZATION " + sqlName(user)
                                + ") or GRANT CREATE ON DATABASE "
                                + sqlName(one(c, "SELECT current_database()", List.of()))
                                + " TO " + sqlName(user) + ", or use another schema"));
            }
        } else if (creates && !yes(c, "SELECT has_schema_privilege(?, 'CREATE')", List.of(schema))) {
            out.add(new PortProblems.Problem(
                    schemaPointer,
                    cannot + "user '" + user + "' may not create tables in" + " schema '" + schema + "'",
                    "GRANT CREATE ON SCHEMA " + Identifiers.quote("schema", schema) + " TO " + sqlName(user)
                            + ", or use another schema"));
        }
        Set<String> altered = new LinkedHashSet<>();
        for (Change change : changes) {
            TableState found = tables.get(change.target());
            if (!(change instanceof Change.CreateTable)
                    && !(change instanceof Change.Refused)
                    && found != null
                    && found.exists()) {
                altered.add(change.target());
            }
        }
        for (String table : altered) {
            if (!yes(c, dialect.ownsTableQuery(), List.of(schema, table))) {
                String qualified = Identifiers.qualified(schema, table);
                out.add(new PortProblems.Problem(
                        objectPointer(port, table),
                        cannot + "user '" + user + "' does not" + " own table " + qualified
                                + ", so it may not alter it or grant on it",
                        "ALTER TABLE " + qualified + " OWNER TO " + sqlName(user) + ", or deploy as its owner"));
            }
        }
        return out;
    }

    /** Whether the user may read and write {@code mesh.grants}, or create it (and its schema) where it is missing. */
    private static boolean mayRecordGrants(Connection c) throws SQLException {
        if (OwnedGrants.exists(c)) {
            return yes(c, "SELECT has_schema_privilege('mesh', 'USAGE')", List.of())
                    && yes(c, "SELECT has_table_privilege('mesh.grants', 'SELECT')", List.of())
                    && yes(c, "SELECT has_table_privilege('mesh.grants', 'INSERT')", List.of())
                    && yes(c, "SELECT has_table_privilege('mesh.grants', 'DELETE')", List.of());
        }
        if (one(c, "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'mesh'", List.of()) != null) {
            return yes(c, "SELECT has_schema_privilege('mesh', 'CREATE')", List.of());
        }
        return yes(c, "SELECT has_database_privilege(current_database(), 'CREATE')", List.of());
    }

    /** {@code /roles/<i>/role} of the contract role granted to {@code principal}; {@code /roles} when not found. */
    private static String rolePointer(PortBinding port, String principal) {
        List<Role> roles = port.contract().roles();
        for (int i = 0; i < roles.size(); i++) {
            if (principal.equals(roles.get(i).role())) return "/roles/" + i + "/role";
        }
        return "/roles";
    }

    private static String objectPointer(PortBinding port, String table) {
        List<SchemaObject> schema = port.contract().schema();
        for (int i = 0; i < schema.size(); i++) {
            if (TableSpecs.tableName(schema.get(i), port.contractMajorVersion()).equals(table)) return "/schema/" + i;
        }
        return "/schema";
    }

    /** A name the database gave (the user's, the database's) in double quotes; it need not be one the SDK writes. */
    private static String sqlName(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static boolean yes(Connection c, String sql, List<String> args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) s.setString(i + 1, args.get(i));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The first column of the first row as text; null when there is no row. */
    private static String one(Connection c, String sql, List<String> args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) s.setString(i + 1, args.get(i));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : null;
            }
        }
    }
}

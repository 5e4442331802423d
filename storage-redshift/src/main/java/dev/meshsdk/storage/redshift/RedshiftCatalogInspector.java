package dev.meshsdk.storage.redshift;

import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.storage.jdbc.CatalogInspector;
import dev.meshsdk.storage.jdbc.OwnedGrants;
import dev.meshsdk.storage.jdbc.PgCatalogInspector;
import dev.meshsdk.storage.jdbc.TableState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Redshift table through the system views: {@code SVV_COLUMNS} for columns and their remarks,
 * {@code PG_DESCRIPTION} for the table comment and {@code SVV_RELATION_PRIVILEGES} for grants to users,
 * groups and roles. Not verified against a Redshift cluster here (see the module README).
 */
final class RedshiftCatalogInspector implements CatalogInspector {
    static final String COLUMNS = "SELECT column_name, data_type, character_maximum_length, numeric_precision,"
            + " numeric_scale, is_nullable, remarks FROM svv_columns WHERE table_schema = ? AND table_name = ?"
            + " ORDER BY ordinal_position";
    static final String TABLE_COMMENT = "SELECT d.description FROM pg_class c JOIN pg_namespace n"
            + " ON n.oid = c.relnamespace LEFT JOIN pg_description d ON d.objoid = c.oid AND d.objsubid = 0"
            + " WHERE n.nspname = ? AND c.relname = ?";
    static final String PRIVILEGES = "SELECT identity_name, identity_type, privilege_type FROM svv_relation_privileges"
            + " WHERE namespace_name = ? AND relation_name = ?";

    @Override
    public TableState table(Connection c, String schema, String table) throws SQLException {
        boolean exists = false;
        String comment = null;
        try (PreparedStatement s = c.prepareStatement(TABLE_COMMENT)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    exists = true;
                    comment = rs.getString(1);
                }
            }
        }
        if (!exists) return TableState.absent(table);
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(COLUMNS)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(
                            rs.getString(1),
                            type(rs.getString(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4), (Integer)
                                    rs.getObject(5)),
                            null,
                            "YES".equalsIgnoreCase(rs.getString(6)),
                            rs.getString(7),
                            null));
                }
            }
        }
        Map<String, Set<String>> privileges = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(PRIVILEGES)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    privileges
                            .computeIfAbsent(principal(rs.getString(1), rs.getString(2)), k -> new HashSet<>())
                            .add(rs.getString(3));
                }
            }
        }
        Set<AccessGrant> grants = PgCatalogInspector.accessLevels(privileges);
        // Redshift keeps primary keys as informational constraints; they are not compared (null).
        return new TableState(table, true, columns, null, comment, grants, OwnedGrants.read(c, schema, table));
    }

    /** The type as {@link RedshiftDialect} spells it, from {@code SVV_COLUMNS}' split columns. */
    static String type(String dataType, Integer length, Integer precision, Integer scale) {
        String t = dataType.toLowerCase(java.util.Locale.ROOT);
        if ((t.equals("character varying") || t.equals("character")) && length != null) return t + "(" + length + ")";
        if (t.equals("numeric") && precision != null)
            return "numeric(" + precision + "," + (scale == null ? 0 : scale) + ")";
        return t;
    }

    /** The principal as access grants name it: a user, {@code group:<name>} or {@code role:<name>}. */
    static String principal(String name, String identityType) {
        if ("group".equalsIgnoreCase(identityType)) return "group:" + name;
        if ("role".equalsIgnoreCase(identityType)) return "role:" + name;
        return name;
    }
}

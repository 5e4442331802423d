package dev.meshsdk.storage.jdbc;

import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AccessGrant;
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
 * Reads tables through {@code pg_catalog}: {@code format_type} spells types the way {@link SqlDialect}
 * implementations for PostgreSQL plan them, and {@code aclexplode} lists the privileges per role.
 */
public final class PgCatalogInspector implements CatalogInspector {

    @Override
    public TableState table(Connection c, String schema, String table) throws SQLException {
        Long oid = null;
        String comment = null;
        try (PreparedStatement s = c.prepareStatement("SELECT c.oid, obj_description(c.oid, 'pg_class')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    oid = rs.getLong(1);
                    comment = rs.getString(2);
                }
            }
        }
        if (oid == null) return TableState.absent(table);
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull, col_description(a.attrelid, a.attnum) FROM pg_attribute a"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(
                            rs.getString(1), rs.getString(2), null, !rs.getBoolean(3), rs.getString(4), null));
                }
            }
        }
        List<String> primaryKey = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT a.attname FROM pg_constraint k"
                + " CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, pos)"
                + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum"
                + " WHERE k.conrelid = ? AND k.contype = 'p' ORDER BY u.pos")) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) primaryKey.add(rs.getString(1));
            }
        }
        List<String> unique = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT a.attname FROM pg_constraint k"
                + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
                + " WHERE k.conrelid = ? AND k.contype = 'u' AND cardinality(k.conkey) = 1")) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) unique.add(rs.getString(1));
            }
        }
        Map<String, Set<String>> privileges = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT r.rolname, x.privilege_type"
                + " FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) x"
                + " JOIN pg_roles r ON r.oid = x.grantee WHERE c.oid = ? AND x.grantee <> c.relowner")) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    privileges
                            .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        return new TableState(
                table,
                true,
                columns,
                primaryKey,
                comment,
                accessLevels(privileges),
                OwnedGrants.read(c, schema, table),
                unique);
    }

    /** {@code read} for SELECT, {@code write} for INSERT, UPDATE and DELETE together. */
    public static Set<AccessGrant> accessLevels(Map<String, Set<String>> privileges) {
        Set<AccessGrant> out = new HashSet<>();
        privileges.forEach((role, p) -> {
            if (p.contains("SELECT")) out.add(new AccessGrant(role, "read"));
            if (p.containsAll(List.of("INSERT", "UPDATE", "DELETE"))) out.add(new AccessGrant(role, "write"));
        });
        return out;
    }
}

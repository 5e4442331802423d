package dev.meshsdk.storage.jdbc;

import dev.meshsdk.spi.AccessGrant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The grants the SDK made, kept in {@code mesh.grants} in the store itself, so that a revoke only ever
 * takes back what the SDK gave and a DBA's own grants are left alone. Written in the same transaction as
 * the {@code GRANT} or {@code REVOKE}. Plain SQL that PostgreSQL and Redshift both run.
 */
public final class OwnedGrants {
    private OwnedGrants() {}

    /** The statements that create the table if missing. */
    public static String[] createStatements() {
        return new String[] {
            "CREATE SCHEMA IF NOT EXISTS mesh",
            "CREATE TABLE IF NOT EXISTS mesh.grants (table_schema VARCHAR(63) NOT NULL,"
                    + " table_name VARCHAR(63) NOT NULL, principal VARCHAR(128) NOT NULL,"
                    + " privilege VARCHAR(16) NOT NULL, granted_at TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (table_schema, table_name, principal, privilege))"
        };
    }

    /** The owned grants on one table; none when {@code mesh.grants} does not exist yet. */
    public static Set<AccessGrant> read(Connection c, String schema, String table) throws SQLException {
        Set<AccessGrant> out = new HashSet<>();
        if (!exists(c)) return out;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT principal, privilege FROM mesh.grants WHERE table_schema = ? AND table_name = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(new AccessGrant(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    static boolean exists(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.tables"
                        + " WHERE table_schema = 'mesh' AND table_name = 'grants'");
                ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    static void ensure(Connection c) throws SQLException {
        if (exists(c)) return;
        try (Statement s = c.createStatement()) {
            for (String sql : createStatements()) s.execute(sql);
        }
    }

    static void add(Connection c, String schema, String table, String principal, String privilege) throws SQLException {
        ensure(c);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO mesh.grants"
                + " (table_schema, table_name, principal, privilege, granted_at)"
                + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM mesh.grants"
                + " WHERE table_schema = ? AND table_name = ? AND principal = ? AND privilege = ?)")) {
            // The time is bound, not CURRENT_TIMESTAMP, which Redshift runs on its leader node only.
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, principal);
            s.setString(4, privilege);
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.setString(6, schema);
            s.setString(7, table);
            s.setString(8, principal);
            s.setString(9, privilege);
            s.executeUpdate();
        }
    }

    static void remove(Connection c, String schema, String table, String principal, String privilege)
            throws SQLException {
        if (!exists(c)) return;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM mesh.grants"
                + " WHERE table_schema = ? AND table_name = ? AND principal = ? AND privilege = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, principal);
            s.setString(4, privilege);
            s.executeUpdate();
        }
    }

    /** Forgets every grant recorded on a table, when the table is dropped. */
    static void removeAll(Connection c, String schema, String table) throws SQLException {
        if (!exists(c)) return;
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM mesh.grants" + " WHERE table_schema = ? AND table_name = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            s.executeUpdate();
        }
    }
}

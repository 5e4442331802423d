package dev.meshsdk.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows of the standard {@link Fixtures} table ({@code id}, {@code name}, {@code amount}) in a SQL store, for the
 * erasure test of {@link StorageAdapterContract}: what a JDBC adapter's {@code insertRows} and {@code countRows}
 * delegate to. Values are bind parameters.
 */
public final class SqlRows {
    private SqlRows() {}

    /** Inserts {@code {id, name, amount}} rows into {@code <schema>.orders}. */
    public static void insert(Connection c, String schema, List<Object[]> rows) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + "." + Fixtures.OBJECT_NAME
                + " (id, name, amount) VALUES (?, ?, CAST(? AS DECIMAL(12,2)))")) {
            for (Object[] r : rows) {
                s.setLong(1, ((Number) r[0]).longValue());
                s.setString(2, (String) r[1]);
                s.setString(3, String.valueOf(r[2]));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert the test rows into " + schema + ": " + e.getMessage(), e);
        }
    }

    /** How many rows of {@code <schema>.orders} have this id. */
    public static long count(Connection c, String schema, long id) {
        try (PreparedStatement s =
                c.prepareStatement("SELECT count(*) FROM " + schema + "." + Fixtures.OBJECT_NAME + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the test rows of " + schema + ": " + e.getMessage(), e);
        }
    }
}

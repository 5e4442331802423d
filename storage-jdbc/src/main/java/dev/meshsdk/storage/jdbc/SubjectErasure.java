package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases one data subject from a port's tables: deletes the rows whose subject-key column (custom property
 * {@code subjectKey: true}) holds the subject's value, and writes an audit row to {@code mesh.erasures} with
 * the request id, who asked, the tables and the row count but never the value, all in the caller's
 * transaction. The value is a bind parameter cast to the column's type. Plain SQL that PostgreSQL and
 * Redshift both run.
 */
final class SubjectErasure {
    private SubjectErasure() {}

    /** The statements that create the audit table if missing. */
    static String[] createStatements() {
        return new String[] {
                "CREATE SCHEMA IF NOT EXISTS mesh",
                "CREATE TABLE IF NOT EXISTS mesh.erasures (request_id VARCHAR(256) NOT NULL,"
                        + " requested_by VARCHAR(256), product_id VARCHAR(256) NOT NULL, port VARCHAR(256) NOT NULL,"
                        + " tables VARCHAR(4096) NOT NULL, rows_deleted BIGINT NOT NULL, erased_at TIMESTAMP NOT NULL)"
        };
    }

    /** The subject-key columns as {@code {table, column, type}}; fails when the contract marks none. */
    static List<String[]> targets(PortBinding port, SqlDialect dialect) {
        List<String[]> out = new ArrayList<>();
        for (SchemaObject object : port.contract().schema()) {
            String table = TableSpecs.tableName(object, port.contractMajorVersion());
            for (SchemaProperty p : object.properties()) {
                if (p.subjectKey()) {
                    out.add(new String[] {table, Identifiers.check("column of table " + table, p.storeName()),
                            dialect.columnType(table, p)});
                }
            }
        }
        if (out.isEmpty()) {
            throw new MeshException(ErrorCode.UNSUPPORTED, "Cannot erase a data subject from port '"
                    + port.port().name() + "': contract " + port.contract().id() + " marks no property with"
                    + " customProperties subjectKey: true; mark the column that identifies a person");
        }
        return out;
    }

    static ErasureResult erase(Connection c, String schema, PortBinding port, ErasureRequest request,
                               List<String[]> targets) throws SQLException {
        long total = 0;
        List<String> names = new ArrayList<>();
        for (String[] t : targets) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + Identifiers.qualified(schema, t[0])
                    + " WHERE " + Identifiers.quote("column", t[1]) + " = CAST(? AS " + t[2] + ")")) {
                s.setString(1, request.subjectValue());
                total += s.executeUpdate();
            }
            names.add(schema + "." + t[0]);
        }
        try (Statement s = c.createStatement()) {
            for (String sql : createStatements()) s.execute(sql);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO mesh.erasures (request_id, requested_by,"
                + " product_id, port, tables, rows_deleted, erased_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, request.requestId());
            s.setString(2, request.requestedBy());
            s.setString(3, port.product().id());
            s.setString(4, port.port().name());
            s.setString(5, String.join(",", names));
            s.setLong(6, total);
            s.setTimestamp(7, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        return new ErasureResult(String.join(",", names), total);
    }
}

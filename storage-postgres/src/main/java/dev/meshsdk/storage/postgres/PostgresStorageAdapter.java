package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.TableSpecs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Provisions output ports as PostgreSQL tables, one per schema object, in the server's schema. Planning,
 * applying and access come from {@link JdbcStorageAdapter}; this class adds erasure.
 */
public final class PostgresStorageAdapter extends JdbcStorageAdapter {

    PostgresStorageAdapter(ConnectionSource connections) {
        super(new PostgresDialect(), connections);
    }

    /**
     * Deletes the subject's rows from every table with a subject-key column, and writes an audit row to
     * {@code mesh.erasures} holding the request id, who asked, the tables and the row counts but not the
     * subject's value, all in one transaction.
     */
    @Override
    public ErasureResult erase(PortBinding port, ErasureRequest request) {
        String schema = schemaOf(port);
        List<String[]> targets = new ArrayList<>();
        for (SchemaObject object : port.contract().schema()) {
            String table = TableSpecs.tableName(object, port.contractMajorVersion());
            for (SchemaProperty p : object.properties()) {
                if (p.subjectKey()) targets.add(new String[] {table, Identifiers.check("column", p.storeName())});
            }
        }
        if (targets.isEmpty()) {
            throw new MeshException(ErrorCode.UNSUPPORTED, "Cannot erase a data subject from port '"
                    + port.port().name() + "': contract " + port.contract().id() + " marks no property with"
                    + " customProperties subjectKey: true; mark the column that identifies a person");
        }
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            try {
                long total = 0;
                List<String> names = new ArrayList<>();
                for (String[] t : targets) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM "
                            + Identifiers.qualified(schema, t[0]) + " WHERE " + Identifiers.quote("column", t[1])
                            + " = ?")) {
                        // Sent untyped, so the server casts it to the column's type and uses its index.
                        s.setObject(1, request.subjectValue(), Types.OTHER);
                        total += s.executeUpdate();
                    }
                    names.add(schema + "." + t[0]);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS mesh");
                    s.execute("CREATE TABLE IF NOT EXISTS mesh.erasures (request_id VARCHAR(256) NOT NULL,"
                            + " requested_by VARCHAR(256), product_id VARCHAR(256) NOT NULL, port VARCHAR(256) NOT NULL,"
                            + " tables TEXT NOT NULL, rows_deleted BIGINT NOT NULL, erased_at TIMESTAMPTZ NOT NULL"
                            + " DEFAULT now())");
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO mesh.erasures (request_id,"
                        + " requested_by, product_id, port, tables, rows_deleted) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, request.requestId());
                    s.setString(2, request.requestedBy());
                    s.setString(3, port.product().id());
                    s.setString(4, port.port().name());
                    s.setString(5, String.join(",", names));
                    s.setLong(6, total);
                    s.executeUpdate();
                }
                c.commit();
                return new ErasureResult(String.join(",", names), total);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("erase request " + request.requestId() + " from", port, e,
                    "nothing was deleted; fix the cause and run the erasure again");
        }
    }
}

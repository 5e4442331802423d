package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases one data subject from a port's tables: deletes the rows whose subject-key column (custom property
 * {@code subjectKey}, of the request's type when it names one) holds the subject's value, and writes an audit
 * row to {@code mesh.erasures} with the request id, who asked, the tables and the row count but never the
 * value, all in one transaction. The value is a bind parameter cast to the column's type, never SQL text.
 * Plain SQL that PostgreSQL and Redshift both run.
 *
 * <p>Before the transaction, tables that do not exist and columns the value cannot be a value of (a text that
 * is not a number, for a numeric key) are set aside: no row there can be the subject's. After the commit, a
 * request with {@link ErasureRequest#purge()} vacuums the tables rows went from, where the dialect has a
 * statement for it.
 */
final class SubjectErasure {
    private SubjectErasure() {}

    /** A subject-key column of a table: its name, store type and the property it comes from. */
    record Target(String table, String column, String type, SchemaProperty property) {}

    /** The statements that create the audit table if missing. */
    static String[] createStatements() {
        return new String[] {
            "CREATE SCHEMA IF NOT EXISTS mesh",
            "CREATE TABLE IF NOT EXISTS mesh.erasures (request_id VARCHAR(256) NOT NULL,"
                    + " requested_by VARCHAR(256), product_id VARCHAR(256) NOT NULL, port VARCHAR(256) NOT NULL,"
                    + " tables VARCHAR(4096) NOT NULL, rows_deleted BIGINT NOT NULL, erased_at TIMESTAMP NOT NULL)"
        };
    }

    /** The subject-key columns the request erases by; fails when the contract marks none. */
    static List<Target> targets(PortBinding port, SqlDialect dialect, ErasureRequest request) {
        List<Target> out = new ArrayList<>();
        for (SchemaObject object : port.contract().schema()) {
            String table = TableSpecs.tableName(object, port.contractMajorVersion());
            for (SchemaProperty p : object.properties()) {
                if (request.erasesBy(p)) {
                    out.add(new Target(
                            table,
                            Identifiers.check("column of table " + table, p.storeName()),
                            dialect.columnType(table, p),
                            p));
                }
            }
        }
        if (out.isEmpty()) {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot erase a data subject from port '"
                            + port.port().name() + "': contract "
                            + port.contract().id() + " marks no property with"
                            + " customProperties subjectKey: "
                            + (request.subjectType() == null ? "true" : request.subjectType())
                            + "; mark the column that identifies a person");
        }
        return out;
    }

    /**
     * The targets that can hold the subject; the others get their receipt now (added to {@code skipped}).
     * Runs outside the erasure's transaction: a failed cast would abort it.
     */
    static List<Target> searchable(
            Connection c,
            SqlDialect dialect,
            String schema,
            List<Target> targets,
            ErasureRequest request,
            List<TableErasure> skipped)
            throws SQLException {
        List<Target> out = new ArrayList<>();
        for (Target t : targets) {
            String name = schema + "." + t.table();
            if (!dialect.inspector().table(c, schema, t.table()).exists()) {
                skipped.add(new TableErasure(
                        name,
                        t.column(),
                        0,
                        null,
                        true,
                        null,
                        "the table does not exist: nothing of the subject is there"));
            } else if (!request.fits(t.property()) || !castable(c, t, request)) {
                skipped.add(new TableErasure(
                        name,
                        t.column(),
                        0,
                        null,
                        true,
                        null,
                        "the subject's value is not a" + " valid " + t.type()
                                + ": no row of this table can be the subject's"));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether the store can cast the value to the column's type (SQL state class 22 is a data exception). */
    private static boolean castable(Connection c, Target t, ErasureRequest request) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT CAST(? AS " + t.type() + ")")) {
            s.setString(1, request.subjectValue());
            s.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) return false;
            throw e;
        }
    }

    /** Deletes from every target and writes the audit row, in the caller's transaction; rows per target. */
    static List<Long> delete(
            Connection c, String schema, PortBinding port, ErasureRequest request, List<Target> targets)
            throws SQLException {
        List<Long> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Target t : targets) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + Identifiers.qualified(schema, t.table())
                    + " WHERE " + Identifiers.quote("column", t.column()) + " = CAST(? AS " + t.type() + ")")) {
                s.setString(1, request.subjectValue());
                rows.add((long) s.executeUpdate());
            }
            names.add(schema + "." + t.table());
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
            s.setLong(6, rows.stream().mapToLong(Long::longValue).sum());
            s.setTimestamp(7, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        return rows;
    }

    /** The current transaction's id as the dialect reads it, or null. */
    static String transactionId(Connection c, SqlDialect dialect) throws SQLException {
        String sql = dialect.transactionIdQuery();
        if (sql == null) return null;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * The receipts of the tables erased in a transaction that committed at {@code committed}, vacuumed when the
     * request purges: the rows are gone from what the store serves at once (it keeps no versions to travel
     * back to); gone from its files once vacuumed.
     */
    static List<TableErasure> receipts(
            Connection c,
            SqlDialect dialect,
            String schema,
            List<Target> targets,
            List<Long> rows,
            String version,
            Instant committed,
            boolean purge) {
        List<TableErasure> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            long n = rows.get(i);
            String vacuum = dialect.vacuum(schema, t.table());
            boolean gone = n == 0;
            String note = n == 0
                    ? null
                    : "deleted rows stay in the table's files until VACUUM reclaims them"
                            + " (autovacuum, or run forget again)";
            if (n > 0 && purge && vacuum != null) {
                try (Statement s = c.createStatement()) {
                    s.execute(vacuum);
                    gone = true;
                    note = "vacuumed: " + vacuum.split(" ")[0] + " reclaimed the deleted rows";
                } catch (SQLException e) {
                    note = "VACUUM failed (" + e.getMessage() + "): deleted rows stay in the table's files until"
                            + " autovacuum reclaims them";
                }
            }
            out.add(new TableErasure(
                    schema + "." + t.table(),
                    t.column(),
                    n,
                    version,
                    gone,
                    committed,
                    note == null ? null : note + "; backups and WAL archives keep them until they expire"));
        }
        return out;
    }

    static ErasureResult result(List<TableErasure> erased, List<TableErasure> skipped) {
        List<TableErasure> all = new ArrayList<>(erased);
        all.addAll(skipped);
        return ErasureResult.of(all);
    }
}

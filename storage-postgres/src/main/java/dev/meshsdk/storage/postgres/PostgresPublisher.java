package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.TableQuality;
import dev.meshsdk.storage.jdbc.TableSample;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.jdbc.AutoSave;

/**
 * Write-audit-publish into a port's PostgreSQL table, all in one transaction: the rows are copied
 * ({@code COPY ... FROM STDIN}, CSV with a header line) where no other session can see them, the contract's
 * quality rules of that object run on exactly those rows (and the publish request's audit on a sample of them),
 * and only when no blocking rule fails and the audit does not deny does the transaction commit and make them
 * visible at once. A failed rule, a denial, a bad row or a lost connection rolls everything back: the target is
 * untouched.
 *
 * <p>The rows are copied straight into the target, inside the transaction, so they are written once: until
 * the commit other sessions keep reading the table as it was. The rules run on the target inside the
 * transaction, so they judge what the table will hold once committed: {@link Mode#REPLACE} first deletes the old
 * rows in the same transaction, so they see the new rows only; {@link Mode#APPEND} keeps the old rows, so they see
 * old and new together (a key the file repeats from the table is a duplicate, a count is the table's), as
 * {@code mesh:check} would right after the commit. The audit's sample is of the new rows only, through a temporary
 * view of the rows this transaction inserted ({@code xmin} is the transaction's id; the publisher turns pgjdbc's
 * automatic savepoints off so that no subtransaction changes it). An append without rules or audit does not scan
 * the table at all.
 *
 * <p>A row PostgreSQL refuses (a value that is not of the column's type, a NULL in a required column, a repeated
 * key) is {@code INVALID_INPUT} naming its line and column, never its value: the server's message and detail,
 * which quote the value, are not passed on. {@link PostgresPortData} publishes files through the same path.
 */
public final class PostgresPublisher {
    /** Whether publishing adds to the table or replaces its rows. */
    public enum Mode {
        APPEND,
        REPLACE
    }

    /** What a publish did: rows published and every rule's result on the published rows. */
    public record PublishResult(String table, long rows, List<QualityResult> results) {
        public PublishResult {
            Objects.requireNonNull(table, "table");
            results = List.copyOf(results);
        }
    }

    /** Copies the rows into {@code target} (a quoted, qualified name) inside the transaction; returns their count. */
    @FunctionalInterface
    interface Copy {
        long into(CopyManager copy, String target) throws SQLException, IOException;
    }

    /** What a run committed: the table, the rows, the transaction's id, every rule's result. */
    record Committed(String table, long rows, String transaction, List<QualityResult> results) {}

    private final ConnectionSource connections;

    public PostgresPublisher(AdapterContext context) {
        this(Postgres.connections(context, Postgres.PREFIX));
    }

    PostgresPublisher(ConnectionSource connections) {
        this.connections = connections;
    }

    /**
     * Publishes CSV rows (with a header line, columns in table order) into schema object {@code object} of
     * {@code port}. Throws {@link PublishBlockedException} naming each failed blocking rule and its
     * measured value, {@code INVALID_INPUT} naming the line and column of a row PostgreSQL refuses, or
     * {@code STORAGE_FAILURE} when the store fails; in every case nothing is published.
     */
    public PublishResult publish(PortBinding port, String object, Reader csv, Mode mode) {
        List<ScopedRule> rules = ScopedRules.of(port.contract()).stream()
                .filter(r -> r.object().equals(object))
                .toList();
        Committed c = run(
                port,
                object,
                rules,
                PublishRequest.CandidateAudit.NONE,
                mode,
                (copy, target) -> copy.copyIn("COPY " + target + " FROM STDIN WITH (FORMAT csv, HEADER true)", csv),
                e -> CopyErrors.rejected(
                        e,
                        port,
                        PostgresPortData.columnTypes(port, object),
                        (line, column) ->
                                line < 0 ? "the CSV" : "line " + line + " of the CSV (the header is line 1)"));
        return new PublishResult(c.table(), c.rows(), c.results());
    }

    /**
     * The write-audit-publish transaction: {@code copy} loads the rows, {@code rejected} turns a refused row into
     * its message (null when the failure is not about a row), {@code audit} judges a sample of the new rows after
     * the rules passed (REPLACE: {@code TABLESAMPLE BERNOULLI} of the target, which holds the new rows only;
     * APPEND: a random share of the transaction's rows); what it throws rolls everything back.
     */
    Committed run(
            PortBinding port,
            String object,
            List<ScopedRule> rules,
            PublishRequest.CandidateAudit audit,
            Mode mode,
            Copy copy,
            Function<SQLException, MeshException> rejected) {
        String schema = JdbcStorageAdapter.schemaOf(port);
        String tableName = PostgresQualityEngine.table(port, object);
        String target = Identifiers.qualified(schema, tableName);
        String newRows = "pg_temp."
                + Identifiers.quote("table", "mesh_new_" + tableName.substring(0, Math.min(tableName.length(), 50)));
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            // No savepoint may wrap the COPY: APPEND finds its rows by the transaction's id.
            c.unwrap(PGConnection.class).setAutosave(AutoSave.NEVER);
            try {
                if (mode == Mode.REPLACE) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DELETE FROM " + target);
                    }
                }
                long rows;
                try {
                    rows = copy.into(c.unwrap(PGConnection.class).getCopyAPI(), target);
                } catch (SQLException e) {
                    MeshException refused = rejected.apply(e);
                    if (refused != null) {
                        rollbackQuietly(c, refused);
                        throw refused;
                    }
                    throw e;
                }
                String transaction = currentTransaction(c);
                // Both modes judge the target as this transaction sees it: REPLACE its new rows alone, APPEND the
                // rows it will hold after the commit (old and new), as mesh:check would right after.
                List<QualityResult> results = TableQuality.evaluate(c, PostgresQualityEngine.DIALECT, target, rules);
                List<QualityResult> blocking =
                        results.stream().filter(QualityResult::blocks).toList();
                if (!blocking.isEmpty()) {
                    c.rollback();
                    throw new PublishBlockedException(
                            "Cannot publish " + rows + " row(s) to " + schema + "."
                                    + tableName + ": " + blocking.size() + " blocking quality rule(s) failed on "
                                    + (mode == Mode.APPEND ? "the table with the new rows" : "the new rows") + ": "
                                    + blocking.stream()
                                            .map(QualityResult::message)
                                            .collect(Collectors.joining("; "))
                                    + "; the table is unchanged, fix the data and"
                                    + " publish again",
                            results);
                }
                String audited = target;
                if (mode == Mode.APPEND && audit.sampleRows() > 0) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TEMPORARY VIEW " + newRows + " AS SELECT * FROM " + target + " WHERE xmin = '"
                                + transaction + "'::xid");
                    }
                    audited = newRows;
                }
                if (audit.sampleRows() > 0)
                    audit.judge(
                            audited.equals(target)
                                    ? TableSample.candidate(
                                            c, PostgresQualityEngine.DIALECT, target, rows, audit.sampleRows())
                                    : TableSample.read(
                                            c,
                                            "SELECT * FROM " + audited + " WHERE random() < "
                                                    + Sample.bernoulliFraction(audit.sampleRows(), rows) + " LIMIT "
                                                    + audit.sampleRows(),
                                            audit.sampleRows(),
                                            rows));
                if (!audited.equals(target)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP VIEW " + audited);
                    }
                }
                c.commit();
                return new Committed(schema + "." + tableName, rows, transaction, results);
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot publish to " + schema + "." + tableName
                            + " of port '" + port.port().name() + "' at " + connections.describe(port.server()) + ": "
                            + CopyErrors.safeReason(e) + "; nothing was published, fix the cause and publish again",
                    e);
        }
    }

    /** The current transaction's id as text an {@code xid} reads: PostgreSQL 13 and later, and before. */
    private static String currentTransaction(Connection c) throws SQLException {
        String sql = c.getMetaData().getDatabaseMajorVersion() >= 13
                ? "SELECT pg_current_xact_id()::xid::text"
                : "SELECT (txid_current() % 4294967296)::text";
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            if (!c.isClosed()) c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}

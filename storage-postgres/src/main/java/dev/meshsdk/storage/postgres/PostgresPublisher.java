package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.TableQuality;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Write-audit-publish into a port's PostgreSQL table, all in one transaction: the rows are copied
 * ({@code COPY ... FROM STDIN}, CSV with a header line) where no other session can see them, the contract's
 * quality rules of that object run on exactly those rows, and only when no blocking rule fails does the
 * transaction commit and make them visible at once. A failed rule, a bad row or a lost connection rolls
 * everything back: the target is untouched.
 *
 * <p>Where the rows are staged depends on the mode. {@link Mode#REPLACE} deletes the old rows and copies
 * straight into the target inside the transaction: until the commit other sessions keep reading the old
 * rows, and the rules, run inside the transaction, see only the new ones; the rows are written once.
 * {@link Mode#APPEND} copies into a temporary staging table shaped like the target, so that the rules see
 * the new rows only, then inserts them into the target; the rows are written twice (see the benchmarks).
 */
public final class PostgresPublisher {
    /** Whether publishing adds to the table or replaces its rows. */
    public enum Mode { APPEND, REPLACE }

    /** What a publish did: rows published and every rule's result on the staged rows. */
    public record PublishResult(String table, long rows, List<QualityResult> results) {
        public PublishResult {
            Objects.requireNonNull(table, "table");
            results = List.copyOf(results);
        }
    }

    /** A publish stopped by blocking quality rules; {@link #results()} holds every rule's outcome. */
    public static final class PublishBlockedException extends MeshException {
        private final transient List<QualityResult> results;

        PublishBlockedException(String message, List<QualityResult> results) {
            super(ErrorCode.QUALITY_FAILED, message);
            this.results = List.copyOf(results);
        }

        public List<QualityResult> results() {
            return results;
        }
    }

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
     * measured value, or {@code STORAGE_FAILURE} when the store fails; in both cases nothing is published.
     */
    public PublishResult publish(PortBinding port, String object, Reader csv, Mode mode) {
        String schema = JdbcStorageAdapter.schemaOf(port);
        String tableName = PostgresQualityEngine.table(port, object);
        String target = Identifiers.qualified(schema, tableName);
        String stage = "pg_temp." + Identifiers.quote("table", "mesh_stage_" + tableName.substring(0,
                Math.min(tableName.length(), 50)));
        List<ScopedRule> rules = ScopedRules.of(port.contract()).stream()
                .filter(r -> r.object().equals(object)).toList();
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            try {
                // REPLACE stages in the target itself (invisible until commit); APPEND in a temporary table.
                String audited = mode == Mode.REPLACE ? target : stage;
                try (Statement s = c.createStatement()) {
                    if (mode == Mode.REPLACE) {
                        s.execute("DELETE FROM " + target);
                    } else {
                        s.execute("CREATE TEMPORARY TABLE " + stage + " (LIKE " + target + " INCLUDING DEFAULTS)"
                                + " ON COMMIT DROP");
                    }
                }
                long rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + audited + " FROM STDIN WITH (FORMAT csv, HEADER true)", csv);
                List<QualityResult> results = TableQuality.evaluate(c, PostgresQualityEngine.DIALECT, audited, rules);
                List<QualityResult> blocking = results.stream().filter(QualityResult::blocks).toList();
                if (!blocking.isEmpty()) {
                    c.rollback();
                    throw new PublishBlockedException("Cannot publish " + rows + " row(s) to " + schema + "."
                            + tableName + ": " + blocking.size() + " blocking quality rule(s) failed on the staged"
                            + " rows: " + blocking.stream().map(QualityResult::message)
                            .collect(Collectors.joining("; ")) + "; the table is unchanged, fix the data and"
                            + " publish again", results);
                }
                if (mode == Mode.APPEND) {
                    try (Statement s = c.createStatement()) {
                        s.execute("INSERT INTO " + target + " SELECT * FROM " + stage);
                    }
                }
                c.commit();
                return new PublishResult(schema + "." + tableName, rows, results);
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot publish to " + schema + "." + tableName
                    + " of port '" + port.port().name() + "' at " + connections.describe(port.server()) + ": "
                    + e.getMessage() + "; nothing was published, fix the data or the cause and publish again", e);
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

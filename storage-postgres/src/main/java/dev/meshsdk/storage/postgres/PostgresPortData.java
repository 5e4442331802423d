package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.PublishResult;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.data.TableFacts;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.TableSample;
import dev.meshsdk.storage.jdbc.TableSpec;
import dev.meshsdk.storage.jdbc.TableSpecs;
import dev.meshsdk.storage.jdbc.load.LoadFile;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data side of PostgreSQL ports ({@code postgres}, {@code postgresql} servers):
 *
 * <ul>
 *   <li>publish: a CSV file's bytes after the header go straight to {@code COPY ... (columns) FROM STDIN} with the
 *       columns named as the header names them (matched to the contract by name, never by position); JSON lines
 *       and Parquet are converted to CSV while COPY reads them. Then the write-audit-publish transaction of
 *       {@link PostgresPublisher}. A row COPY refuses is named by file, line and column, never by value;</li>
 *   <li>facts: the exact row count ({@code count(*)}, a scan) and the size on disk; the last change only when the
 *       server keeps commit timestamps ({@code track_commit_timestamp = on}), from the same scan;</li>
 *   <li>sample: {@link TableSample}, the JDBC stores' sampler: {@code TABLESAMPLE BERNOULLI} with a share sized
 *       from the planner's row estimate, in one query.</li>
 * </ul>
 */
final class PostgresPortData implements PortData {
    private final ConnectionSource connections;
    private final PostgresPublisher publisher;
    private final Clock clock;

    PostgresPortData(ConnectionSource connections, Clock clock) {
        this.connections = connections;
        this.publisher = new PostgresPublisher(connections);
        this.clock = clock;
    }

    @Override
    public boolean supports(PortBinding port) {
        return Set.of("postgres", "postgresql").contains(port.server().type());
    }

    @Override
    public PublishResult publish(PortBinding port, PublishRequest request) {
        PostgresPublisher.Mode mode = request.mode() == PublishRequest.Mode.APPEND
                ? PostgresPublisher.Mode.APPEND
                : PostgresPublisher.Mode.REPLACE;
        Map<String, String> types = columnTypes(port, request.object());
        try (LoadFile file = LoadFile.open(port, request)) {
            String columns = file.columns().stream()
                    .map(c -> Identifiers.quote("column", c))
                    .collect(Collectors.joining(", "));
            PostgresPublisher.Committed c;
            try {
                c = publisher.run(
                        port,
                        request.object(),
                        request.rules(),
                        request.audit(),
                        mode,
                        (copy, target) -> copy.copyIn(
                                "COPY " + target + " (" + columns + ") FROM STDIN WITH (FORMAT csv)", file.csv()),
                        e -> {
                            MeshException first = CopyErrors.rejected(
                                    e,
                                    port,
                                    types,
                                    (line, column) -> line < 0 ? file.file().toString() : file.location(line, column));
                            return first == null
                                    ? null
                                    : BadValueScan.all(
                                            connections, port, request, target(port, request.object()), types, first);
                        });
            } catch (PublishBlockedException refused) {
                throw RuleRows.placed(refused, connections, port, request, target(port, request.object()));
            }
            return new PublishResult(
                    c.table(),
                    c.rows(),
                    mode == PostgresPublisher.Mode.REPLACE ? c.rows() : -1,
                    c.transaction(),
                    clock.instant(),
                    c.results());
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot close " + request.file() + " after publishing" + " it: " + e.getMessage(),
                    e);
        }
    }

    /** The JDBC stores' one sampler, {@link TableSample}, with PostgreSQL's {@code TABLESAMPLE BERNOULLI}. */
    @Override
    public Sample sample(PortBinding port, String object, int rows) {
        try {
            return TableSample.sample(connections, PostgresQualityEngine.DIALECT, port, object, rows);
        } catch (SQLException e) {
            throw failure("sample", port, object, e);
        }
    }

    @Override
    public TableFacts facts(PortBinding port, String object) {
        String table = target(port, object);
        try (Connection c = connections.open(port.server());
                Statement s = c.createStatement()) {
            c.setReadOnly(true);
            boolean commitTimes;
            try (ResultSet rs = s.executeQuery("SHOW track_commit_timestamp")) {
                commitTimes = rs.next() && "on".equals(rs.getString(1));
            }
            String sql = "SELECT count(*), pg_total_relation_size('" + table.replace("'", "''") + "'::regclass)"
                    + (commitTimes ? ", max(pg_xact_commit_timestamp(xmin))" : "") + " FROM " + table;
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                java.sql.Timestamp last = commitTimes ? rs.getTimestamp(3) : null;
                return new TableFacts(rs.getLong(1), last == null ? null : last.toInstant(), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw failure("read facts of", port, object, e);
        }
    }

    @Override
    public void close() {
        // Connections are per call.
    }

    /** Each column of the object's table with its PostgreSQL type, for messages ({@code numeric(12,2)}). */
    static Map<String, String> columnTypes(PortBinding port, String object) {
        String table = PostgresQualityEngine.table(port, object);
        Map<String, String> types = new LinkedHashMap<>();
        for (TableSpec spec : TableSpecs.of(port, PostgresQualityEngine.DIALECT)) {
            if (!spec.name().equals(table)) continue;
            for (Column col : spec.columns()) types.put(col.name(), col.type());
        }
        return types;
    }

    private static String target(PortBinding port, String object) {
        DataFiles.schemaObject(port, object);
        return Identifiers.qualified(JdbcStorageAdapter.schemaOf(port), PostgresQualityEngine.table(port, object));
    }

    private MeshException failure(String verb, PortBinding port, String object, SQLException e) {
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot " + verb + " table '" + object + "' of "
                        + DataFiles.describe(port) + " at " + connections.describe(port.server()) + ": "
                        + CopyErrors.safeReason(e) + "; check that the server is reachable and the product deployed",
                e);
    }
}

package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.Sample;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sampler of every SQL store, behind their {@link dev.meshsdk.spi.data.PortData#sample}: one table of a port,
 * values as the store prints them. The dialect estimates the row count (PostgreSQL from its statistics, without a
 * scan; {@code count(*)} elsewhere) and draws rows one by one with the share that yields at least the rows asked
 * for ({@link Sample#bernoulliFraction}; {@link SqlDialect#sampleQuery}: PostgreSQL's
 * {@code TABLESAMPLE BERNOULLI}, {@code RANDOM()} elsewhere), at most that many, in one query. A table that does
 * not exist (deployed elsewhere, dropped) gives an empty sample. Values never leave the {@link Sample}.
 */
public final class TableSample {
    private TableSample() {}

    /**
     * Up to {@code rows} rows of schema object {@code object} (its name or store name) of the port.
     *
     * @throws SQLException when the store fails; the caller words it without quoting the store's message where
     *                      that may hold a value
     */
    public static Sample sample(
            ConnectionSource connections, SqlDialect dialect, PortBinding port, String object, int rows)
            throws SQLException {
        SchemaObject o = port.contract().schema().stream()
                .filter(x -> object.equals(x.name()) || object.equals(x.storeName()))
                .findFirst()
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot sample schema object '"
                                + object + "' of port '" + port.port().name() + "': contract "
                                + port.contract().id()
                                + " has no such object"));
        String schema = JdbcStorageAdapter.schemaOf(port);
        String table = TableSpecs.tableName(o, port.contractMajorVersion());
        try (Connection c = connections.open(port.server())) {
            if (!dialect.inspector().table(c, schema, table).exists()) {
                return Sample.empty(
                        o.properties().stream().map(p -> p.storeName()).toList());
            }
            String qualified = Identifiers.qualified(schema, table);
            long estimate = estimate(c, dialect, schema, table, qualified);
            return read(c, dialect.sampleQuery(qualified, rows, estimate), rows, estimate);
        }
    }

    /**
     * Up to {@code rows} rows of a publish's candidate, inside the publishing transaction on {@code c}: the rows of
     * {@code relation} (a staging table, or the target itself when it holds the new rows only), which holds
     * {@code total} rows, drawn with the dialect's {@link SqlDialect#sampleQuery}, so that on PostgreSQL only the
     * pages are read, no row is sorted, and no more than {@code rows} rows travel.
     */
    public static Sample candidate(Connection c, SqlDialect dialect, String relation, long total, int rows)
            throws SQLException {
        return read(c, dialect.sampleQuery(relation, rows, total), rows, total);
    }

    /** The rows {@code sql} answers, at most {@code rows} of them, values as the store prints them. */
    public static Sample read(Connection c, String sql, int rows, long scanned) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i));
            List<List<String>> out = new ArrayList<>();
            while (out.size() < rows && rs.next()) {
                List<String> values = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) values.add(rs.getString(i));
                out.add(values);
            }
            return new Sample(columns, out, scanned);
        }
    }

    private static long estimate(Connection c, SqlDialect dialect, String schema, String table, String qualified)
            throws SQLException {
        String sql = dialect.estimateRowsQuery(schema, table, qualified);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            long n = rs.next() ? rs.getLong(1) : -1;
            if (n >= 0) return n;
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualified)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

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
 * A sample of one table of a SQL port, values as the store prints them, for
 * {@link dev.meshsdk.spi.data.PortData#sample}: the dialect estimates the row count (PostgreSQL from its
 * statistics, without a scan) and draws about the rows asked for ({@link SqlDialect#sampleQuery}: PostgreSQL's
 * {@code TABLESAMPLE BERNOULLI}, {@code RANDOM()} elsewhere), at most that many. A table that does not exist
 * gives an empty sample. Values never leave the {@link Sample}; failures name the table.
 */
public final class TableSample {
    private TableSample() {}

    public static Sample sample(ConnectionSource connections, SqlDialect dialect, PortBinding port, String object,
                                int rows) {
        SchemaObject o = port.contract().schema().stream()
                .filter(x -> object.equals(x.name()) || object.equals(x.storeName())).findFirst()
                .orElseThrow(() -> new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot sample schema object '"
                        + object + "' of port '" + port.port().name() + "': contract " + port.contract().id()
                        + " has no such object"));
        String schema = JdbcStorageAdapter.schemaOf(port);
        String table = TableSpecs.tableName(o, port.contractMajorVersion());
        try (Connection c = connections.open(port.server())) {
            if (!dialect.inspector().table(c, schema, table).exists()) {
                return Sample.empty(o.properties().stream().map(p -> p.storeName()).toList());
            }
            String qualified = Identifiers.qualified(schema, table);
            long estimate = estimate(c, dialect, schema, table, qualified);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.sampleQuery(qualified, rows,
                    estimate))) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i));
                List<List<String>> out = new ArrayList<>();
                while (rs.next() && out.size() < rows) {
                    List<String> values = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) values.add(rs.getString(i));
                    out.add(values);
                }
                return new Sample(columns, out, estimate);
            }
        } catch (SQLException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot sample table " + schema + "." + table
                    + " of port '" + port.port().name() + "': " + e.getMessage() + "; check that the server is"
                    + " reachable and the user may read the table", e);
        }
    }

    private static long estimate(Connection c, SqlDialect dialect, String schema, String table, String qualified)
            throws SQLException {
        String sql = dialect.estimateRowsQuery(schema, table, qualified);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            long n = rs.next() ? rs.getLong(1) : -1;
            if (n >= 0) return n;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualified)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

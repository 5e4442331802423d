package dev.meshsdk.storage.redshift;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.SqlDialect;
import dev.meshsdk.storage.jdbc.TableQuality;
import dev.meshsdk.storage.jdbc.TableSpecs;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code redshift} quality engine: the shared metric SQL ({@link TableQuality}, one aggregate query per table
 * with {@code count(CASE ...)}) in the Redshift dialect, plus one query per {@code sql} rule, in a read-only
 * transaction.
 */
final class RedshiftQualityEngine implements QualityEngine {
    private final ConnectionSource connections;
    private final SqlDialect dialect;

    RedshiftQualityEngine(ConnectionSource connections, SqlDialect dialect) {
        this.connections = connections;
        this.dialect = dialect;
    }

    @Override
    public boolean supports(PortBinding port) {
        return "redshift".equalsIgnoreCase(port.server().type());
    }

    @Override
    public List<QualityResult> evaluate(PortBinding port, List<ScopedRule> rules) {
        if (rules.isEmpty()) return List.of();
        Map<String, List<Integer>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            String table = TableSpecs.tableName(
                    DataFiles.schemaObject(port, rules.get(i).object()), port.contractMajorVersion());
            byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(i);
        }
        QualityResult[] out = new QualityResult[rules.size()];
        String schema = JdbcStorageAdapter.schemaOf(port);
        try (Connection c = connections.open(port.server())) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, List<Integer>> e : byTable.entrySet()) {
                    List<ScopedRule> some =
                            e.getValue().stream().map(rules::get).toList();
                    List<QualityResult> results =
                            TableQuality.evaluate(c, dialect, Identifiers.qualified(schema, e.getKey()), some);
                    for (int k = 0; k < some.size(); k++) out[e.getValue().get(k)] = results.get(k);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot evaluate the quality rules of port '"
                            + port.port().name() + "' at " + connections.describe(port.server()) + ": "
                            + RedshiftPublisher.safeReason(e)
                            + "; check that the server is reachable and the user may read"
                            + " the tables",
                    e);
        }
        return List.of(out);
    }

    @Override
    public void close() {
        // Connections are per call.
    }
}

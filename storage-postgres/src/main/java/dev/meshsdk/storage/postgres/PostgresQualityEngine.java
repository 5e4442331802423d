package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.TableQuality;
import dev.meshsdk.storage.jdbc.TableSpecs;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates quality rules on a port's PostgreSQL tables, one aggregate query per table for the library
 * metrics plus one query per {@code sql} rule, in a read-only transaction.
 */
public final class PostgresQualityEngine implements QualityEngine {
    /** The dialect the metrics are written in: {@code FILTER} clauses and {@code ::text} casts. */
    static final PostgresDialect DIALECT = new PostgresDialect();

    private final ConnectionSource connections;

    PostgresQualityEngine(ConnectionSource connections) {
        this.connections = connections;
    }

    @Override
    public boolean supports(PortBinding port) {
        return Set.of("postgres", "postgresql").contains(port.server().type());
    }

    @Override
    public List<QualityResult> evaluate(PortBinding port, List<ScopedRule> rules) {
        if (rules.isEmpty()) return List.of();
        String schema = JdbcStorageAdapter.schemaOf(port);
        Map<String, List<Integer>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byTable.computeIfAbsent(table(port, rules.get(i).object()), k -> new ArrayList<>())
                    .add(i);
        }
        QualityResult[] out = new QualityResult[rules.size()];
        try (Connection c = connections.open(port.server())) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, List<Integer>> e : byTable.entrySet()) {
                    List<ScopedRule> some =
                            e.getValue().stream().map(rules::get).toList();
                    List<QualityResult> results =
                            TableQuality.evaluate(c, DIALECT, Identifiers.qualified(schema, e.getKey()), some);
                    for (int k = 0; k < some.size(); k++) out[e.getValue().get(k)] = results.get(k);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot evaluate the quality rules of port '"
                            + port.port().name() + "' at " + connections.describe(port.server()) + ": " + e.getMessage()
                            + "; check that the server is reachable and the user may read the tables",
                    e);
        }
        return List.of(out);
    }

    /** The table of schema object {@code object} for the contract's major version. */
    static String table(PortBinding port, String object) {
        for (SchemaObject o : port.contract().schema()) {
            if (o.storeName().equals(object)) return TableSpecs.tableName(o, port.contractMajorVersion());
        }
        return Identifiers.check("table", object);
    }

    @Override
    public void close() {
        // Connections are per call.
    }
}

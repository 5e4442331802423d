package dev.meshsdk.storage.jdbc;

import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.RegistryJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JDBC registry's quality history: one row per record in {@code quality}, the record as JSON beside the
 * columns it is found and ordered by (and a report may read: major version, source, rows, passed).
 */
final class JdbcQualityHistory implements QualityHistory {
    private final RegistryDatabase db;

    JdbcQualityHistory(RegistryDatabase db) {
        this.db = db;
    }

    @Override
    public void record(QualityRecord record) {
        db.query("record the quality of port '" + record.port() + "' of product '" + record.productId() + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("quality") + " (product_id,"
                    + " environment, port, major_version, checked_at, source, row_count, passed, record)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, record.productId());
                s.setString(2, record.environment());
                s.setString(3, record.port());
                s.setInt(4, record.majorVersion());
                s.setObject(5, OffsetDateTime.ofInstant(record.checkedAt(), ZoneOffset.UTC));
                s.setString(6, record.source());
                s.setObject(7, record.rows());
                s.setBoolean(8, record.passed());
                s.setString(9, RegistryJson.write(record));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<QualityRecord> latest(String productId, String port, String environment, int limit) {
        if (limit <= 0) return List.of();
        return db.query("read the quality history of product '" + productId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, record FROM " + db.t("quality")
                    + " WHERE product_id = ? AND environment = ?" + (port == null ? "" : " AND port = ?")
                    + " ORDER BY checked_at DESC, seq DESC LIMIT ?")) {
                int i = 1;
                s.setString(i++, productId);
                s.setString(i++, environment);
                if (port != null) s.setString(i++, port);
                s.setInt(i, limit);
                List<QualityRecord> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(db.fromJson(rs.getString(2), QualityRecord.class, "quality record " + rs.getLong(1)
                                + " (table " + db.shown("quality") + ")"));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** One query: each port's newest {@code perPort} rows by a window over the port, ordered as above. */
    @Override
    public Map<String, List<QualityRecord>> latest(String environment, Collection<String> productIds, int perPort) {
        if (perPort <= 0 || productIds.isEmpty()) return Map.of();
        return db.query("read the quality history of the products of environment '" + environment + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, product_id, port, record FROM (SELECT seq,"
                    + " product_id, port, checked_at, record, row_number() OVER (PARTITION BY product_id, port"
                    + " ORDER BY checked_at DESC, seq DESC) AS n FROM " + db.t("quality")
                    + " WHERE environment = ? AND product_id = ANY (?)) q WHERE n <= ?"
                    + " ORDER BY product_id, port, checked_at DESC, seq DESC")) {
                s.setString(1, environment);
                s.setArray(2, c.createArrayOf("varchar", productIds.toArray()));
                s.setInt(3, perPort);
                // ports in Java's order whatever the collation; rows of a port stay in the query's order
                Map<String, Map<String, List<QualityRecord>>> byProduct = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        byProduct.computeIfAbsent(rs.getString(2), k -> new TreeMap<>())
                                .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                                .add(db.fromJson(rs.getString(4), QualityRecord.class, "quality record "
                                        + rs.getLong(1) + " (table " + db.shown("quality") + ")"));
                    }
                }
                Map<String, List<QualityRecord>> out = new HashMap<>();
                byProduct.forEach((id, ports) -> out.put(id, ports.values().stream().flatMap(List::stream).toList()));
                return out;
            }
        });
    }
}

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
import java.util.Comparator;
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
                        out.add(db.fromJson(
                                rs.getString(2),
                                QualityRecord.class,
                                "quality record " + rs.getLong(1) + " (table " + db.shown("quality") + ")"));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /**
     * One query: a window over each port numbers the rows by the narrow columns, then only the rows kept are
     * joined to their records; a port's records are put newest first here, as {@link #latest} orders them.
     */
    @Override
    public Map<String, List<QualityRecord>> latest(String environment, Collection<String> productIds, int perPort) {
        if (perPort <= 0 || productIds.isEmpty()) return Map.of();
        return db.query("read the quality history of the products of environment '" + environment + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT q.seq, q.product_id, q.port, q.checked_at, q.record"
                    + " FROM " + db.t("quality")
                    + " q JOIN (SELECT seq FROM (SELECT seq, row_number() OVER (PARTITION BY"
                    + " product_id, port ORDER BY checked_at DESC, seq DESC) AS n FROM " + db.t("quality")
                    + " WHERE environment = ? AND product_id = ANY (?)) r WHERE n <= ?) k ON k.seq = q.seq")) {
                s.setString(1, environment);
                s.setArray(2, c.createArrayOf("varchar", productIds.toArray()));
                s.setInt(3, perPort);
                // the stored time (microseconds) orders, as in latest() of one product
                record Row(long seq, OffsetDateTime checkedAt, QualityRecord record) {}
                // ports in Java's order whatever the collation
                Map<String, Map<String, List<Row>>> byProduct = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        QualityRecord r = db.fromJson(
                                rs.getString(5),
                                QualityRecord.class,
                                "quality record " + seq + " (table " + db.shown("quality") + ")");
                        byProduct
                                .computeIfAbsent(rs.getString(2), k -> new TreeMap<>())
                                .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                                .add(new Row(seq, rs.getObject(4, OffsetDateTime.class), r));
                    }
                }
                Comparator<Row> newestFirst = Comparator.comparing(Row::checkedAt)
                        .thenComparingLong(Row::seq)
                        .reversed();
                Map<String, List<QualityRecord>> out = new HashMap<>();
                byProduct.forEach((id, ports) -> out.put(
                        id,
                        ports.values().stream()
                                .flatMap(rows ->
                                        rows.stream().sorted(newestFirst).map(Row::record))
                                .toList()));
                return out;
            }
        });
    }
}

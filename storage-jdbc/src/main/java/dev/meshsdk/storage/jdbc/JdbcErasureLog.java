package dev.meshsdk.storage.jdbc;

import dev.meshsdk.spi.registry.ErasureLog;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.RegistryJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC registry's erasure log: one row per receipt in {@code erasure_receipts}, the receipt as JSON beside
 * the columns it is found and reported by (subject hash, environment, request, product, port, major version,
 * status, rows deleted). No column holds a subject's value. The key for hashing subjects is left to the secrets:
 * a registry shared by teams keeps none itself.
 */
final class JdbcErasureLog implements ErasureLog {
    private final RegistryDatabase db;

    JdbcErasureLog(RegistryDatabase db) {
        this.db = db;
    }

    @Override
    public void record(ErasureReceipt r) {
        db.query("record the erasure receipt of port '" + r.port() + "' of product '" + r.productId() + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("erasure_receipts") + " (subject_hash,"
                    + " environment, request_id, product_id, port, major_version, status, rows_deleted, recorded_at,"
                    + " receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.subjectHash());
                s.setString(2, r.environment());
                s.setString(3, r.requestId());
                s.setString(4, r.productId());
                s.setString(5, r.port());
                s.setInt(6, r.majorVersion());
                s.setString(7, r.status().name());
                s.setLong(8, r.rowsDeleted());
                s.setObject(9, OffsetDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC));
                s.setString(10, RegistryJson.write(r));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<ErasureReceipt> receipts(String subjectHash, String environment) {
        return db.query("read the erasure receipts of a subject in environment '" + environment + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, receipt FROM " + db.t("erasure_receipts")
                    + " WHERE subject_hash = ? AND environment = ? ORDER BY seq")) {
                s.setString(1, subjectHash);
                s.setString(2, environment);
                List<ErasureReceipt> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(db.fromJson(
                                rs.getString(2),
                                ErasureReceipt.class,
                                "erasure receipt " + rs.getLong(1) + " (table " + db.shown("erasure_receipts") + ")"));
                    }
                }
                return List.copyOf(out);
            }
        });
    }
}

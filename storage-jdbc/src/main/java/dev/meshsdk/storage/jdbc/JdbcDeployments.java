package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.RegistryJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JDBC registry's deployments: the history in {@code deployments}, the current deployment per product
 * and environment in {@code current}, the catalog entry each successful deployment left in
 * {@code deployed_entries} (by the history row's {@code seq}). A record, its current pointer, its catalog entry
 * and the kept copy of it are written in one transaction.
 */
final class JdbcDeployments implements DeploymentHistory {
    private final RegistryDatabase db;
    private final JdbcCatalog catalog;

    JdbcDeployments(RegistryDatabase db, JdbcCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    @Override
    public Optional<DeploymentRecord> current(String productId, String environment) {
        return db.query("read the current deployment of product '" + productId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT d.* FROM " + db.t("current") + " cur JOIN "
                    + db.t("deployments") + " d ON d.seq = cur.seq WHERE cur.product_id = ? AND cur.environment = ?")) {
                s.setString(1, productId);
                s.setString(2, environment);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(record(rs)) : Optional.<DeploymentRecord>empty();
                }
            }
        });
    }

    @Override
    public List<DeploymentRecord> history(String productId, String environment) {
        return db.query("read the history of product '" + productId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + db.t("deployments")
                    + " WHERE product_id = ? AND environment = ? ORDER BY seq")) {
                s.setString(1, productId);
                s.setString(2, environment);
                List<DeploymentRecord> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) out.add(record(rs));
                }
                return out;
            }
        });
    }

    /** One query: each product's newest {@code perProduct} rows by a window over the product. */
    @Override
    public Map<String, List<DeploymentRecord>> histories(
            String environment, Collection<String> productIds, int perProduct) {
        if (perProduct <= 0 || productIds.isEmpty()) return Map.of();
        return db.query("read the history of the products of environment '" + environment + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM (SELECT d.*, row_number() OVER"
                    + " (PARTITION BY product_id ORDER BY seq DESC) AS n FROM " + db.t("deployments") + " d"
                    + " WHERE environment = ? AND product_id = ANY (?)) h WHERE n <= ? ORDER BY seq")) {
                s.setString(1, environment);
                s.setArray(2, c.createArrayOf("varchar", productIds.toArray()));
                s.setInt(3, perProduct);
                Map<String, List<DeploymentRecord>> out = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        DeploymentRecord r = record(rs);
                        out.computeIfAbsent(r.productId(), k -> new ArrayList<>())
                                .add(r);
                    }
                }
                out.replaceAll((id, records) -> List.copyOf(records));
                return out;
            }
        });
    }

    /** One query: the kept entries joined to their history rows. */
    @Override
    public Map<String, List<DeployedEntry>> deployedEntries(String environment, Collection<String> productIds) {
        if (productIds.isEmpty()) return Map.of();
        return db.query("read the catalog entries kept per deployment in environment '" + environment + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT d.*, k.entry FROM " + db.t("deployments") + " d JOIN "
                    + db.t("deployed_entries")
                    + " k ON k.seq = d.seq WHERE d.environment = ? AND d.product_id = ANY (?)"
                    + " ORDER BY d.seq")) {
                s.setString(1, environment);
                s.setArray(2, c.createArrayOf("varchar", productIds.toArray()));
                Map<String, List<DeployedEntry>> out = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        DeploymentRecord r = record(rs);
                        CatalogEntry entry = db.fromJson(
                                rs.getString("entry"),
                                CatalogEntry.class,
                                "the catalog entry"
                                        + " kept for deployment " + rs.getLong("seq") + " (table "
                                        + db.shown("deployed_entries")
                                        + ")");
                        out.computeIfAbsent(r.productId(), k -> new ArrayList<>())
                                .add(new DeployedEntry(r, entry));
                    }
                }
                out.replaceAll((id, kept) -> List.copyOf(kept));
                return out;
            }
        });
    }

    @Override
    public void record(DeploymentRecord record, CatalogEntry entry) {
        boolean succeeded = record.outcome() == DeploymentRecord.Outcome.SUCCEEDED;
        if (succeeded
                && entry != null
                && (!entry.productId().equals(record.productId())
                        || !entry.environment().equals(record.environment()))) {
            throw new MeshException(
                    ErrorCode.INTERNAL,
                    "Cannot record the deployment of product '"
                            + record.productId() + "' in environment '" + record.environment()
                            + "' with the catalog entry of"
                            + " product '" + entry.productId() + "' in environment '" + entry.environment() + "'");
        }
        db.inTransaction("record a deployment of product '" + record.productId() + "'", c -> {
            long seq;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("deployments")
                    + " (product_id, environment, product_version, checksum, deployed_at, deployed_by, outcome,"
                    + " changes, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq")) {
                s.setString(1, record.productId());
                s.setString(2, record.environment());
                s.setString(3, record.productVersion());
                s.setString(4, record.checksum());
                s.setObject(5, OffsetDateTime.ofInstant(record.deployedAt(), ZoneOffset.UTC));
                s.setString(6, record.deployedBy());
                s.setString(7, record.outcome().name());
                s.setString(8, RegistryJson.write(record.changes()));
                s.setString(9, record.message());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            if (!succeeded) return null;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("current")
                    + " (product_id, environment, seq) VALUES (?, ?, ?) ON CONFLICT (product_id, environment)"
                    + " DO UPDATE SET seq = EXCLUDED.seq")) {
                s.setString(1, record.productId());
                s.setString(2, record.environment());
                s.setLong(3, seq);
                s.executeUpdate();
            }
            if (entry != null) {
                catalog.put(c, entry);
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO " + db.t("deployed_entries") + " (seq, entry) VALUES (?, ?)")) {
                    s.setLong(1, seq);
                    s.setString(2, RegistryJson.write(entry));
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private DeploymentRecord record(ResultSet rs) throws SQLException {
        String[] changes = db.fromJson(
                rs.getString("changes"),
                String[].class,
                "the changes of deployment " + rs.getLong("seq") + " (table " + db.shown("deployments") + ")");
        return new DeploymentRecord(
                rs.getString("product_id"),
                rs.getString("product_version"),
                rs.getString("environment"),
                rs.getString("checksum"),
                rs.getObject("deployed_at", OffsetDateTime.class).toInstant(),
                rs.getString("deployed_by"),
                DeploymentRecord.Outcome.valueOf(rs.getString("outcome")),
                List.of(changes),
                rs.getString("message"));
    }
}

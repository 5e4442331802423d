package dev.meshsdk.storage.jdbc;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the registry's tables, and brings those of an earlier SDK up to date in place: only
 * {@code CREATE ... IF NOT EXISTS} and {@code ADD COLUMN IF NOT EXISTS}, then the catalog rows without keys
 * get them (an entry that is not valid JSON keeps none and fails whoever reads it). Runs under a
 * transaction-level advisory lock, so concurrent first starts do not race, and only when the schema's
 * {@code registry_layout} table says an earlier {@link #LAYOUT} (or is missing): opening a registry whose
 * tables are current costs one read, not a series of DDL statements that lock the tables they alter.
 */
final class RegistryTables {
    /**
     * The layout of the tables this code creates; raise it with every change to the statements below, so that
     * registries of the layout before get the change when next opened.
     */
    static final int LAYOUT = 3;

    private RegistryTables() {}

    static void createOrUpgrade(RegistryDatabase db, JdbcCatalog catalog) {
        if (current(db)) return;
        db.inTransaction("create or upgrade the registry tables in schema '" + db.schemaName + "'", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + RegistryDatabase.LOCK_NAMESPACE + ", 0)");
                s.execute("CREATE SCHEMA IF NOT EXISTS " + db.schema);
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("deployments") + " (seq BIGSERIAL PRIMARY KEY,"
                        + " product_id VARCHAR(256) NOT NULL, environment VARCHAR(64) NOT NULL,"
                        + " product_version VARCHAR(64), checksum VARCHAR(128) NOT NULL,"
                        + " deployed_at TIMESTAMPTZ NOT NULL, deployed_by VARCHAR(256), outcome VARCHAR(16) NOT NULL,"
                        + " changes TEXT NOT NULL, message TEXT)");
                s.execute("CREATE INDEX IF NOT EXISTS deployments_product ON " + db.t("deployments")
                        + " (product_id, environment, seq)");
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("current") + " (product_id VARCHAR(256) NOT NULL,"
                        + " environment VARCHAR(64) NOT NULL, seq BIGINT NOT NULL REFERENCES " + db.t("deployments")
                        + " (seq), PRIMARY KEY (product_id, environment))");
                // layout 2: the catalog entry each successful deployment left, by its history row
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("deployed_entries") + " (seq BIGINT PRIMARY KEY"
                        + " REFERENCES " + db.t("deployments") + " (seq), entry TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("catalog") + " (product_id VARCHAR(256) NOT NULL,"
                        + " environment VARCHAR(64) NOT NULL, entry TEXT NOT NULL, updated_at TIMESTAMPTZ,"
                        + " PRIMARY KEY (product_id, environment))");
                for (String column : new String[] {
                    "domain_key", "team_key", "status_key", "tag_keys", "classification_keys", "search_text"
                }) {
                    s.execute("ALTER TABLE " + db.t("catalog") + " ADD COLUMN IF NOT EXISTS " + column + " TEXT");
                }
                s.execute("CREATE INDEX IF NOT EXISTS catalog_environment ON " + db.t("catalog")
                        + " (environment, product_id)");
                s.execute("CREATE INDEX IF NOT EXISTS catalog_without_keys ON " + db.t("catalog")
                        + " (environment) WHERE search_text IS NULL");
                s.execute("CREATE INDEX IF NOT EXISTS catalog_team ON " + db.t("catalog") + " (environment, team_key)");
                s.execute("CREATE INDEX IF NOT EXISTS catalog_domain ON " + db.t("catalog")
                        + " (environment, domain_key)");
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("catalog_offers") + " (environment VARCHAR(64) NOT NULL,"
                        + " contract_id VARCHAR(256) NOT NULL, product_id VARCHAR(256) NOT NULL,"
                        + " PRIMARY KEY (environment, contract_id, product_id))");
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("quality") + " (seq BIGSERIAL PRIMARY KEY,"
                        + " product_id VARCHAR(256) NOT NULL, environment VARCHAR(64) NOT NULL,"
                        + " port VARCHAR(256) NOT NULL, major_version INTEGER NOT NULL, checked_at TIMESTAMPTZ NOT NULL,"
                        + " source VARCHAR(32), row_count BIGINT, passed BOOLEAN NOT NULL, record TEXT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS quality_port ON " + db.t("quality")
                        + " (product_id, environment, port, checked_at)");
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("erasure_receipts") + " (seq BIGSERIAL PRIMARY KEY,"
                        + " subject_hash CHAR(64) NOT NULL, environment VARCHAR(64) NOT NULL,"
                        + " request_id VARCHAR(256) NOT NULL, product_id VARCHAR(256) NOT NULL,"
                        + " port VARCHAR(256) NOT NULL, major_version INTEGER NOT NULL, status VARCHAR(16) NOT NULL,"
                        + " rows_deleted BIGINT NOT NULL, recorded_at TIMESTAMPTZ NOT NULL, receipt TEXT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS erasure_receipts_subject ON " + db.t("erasure_receipts")
                        + " (subject_hash, environment, seq)");
                JdbcUsageHistory.createTables(db, s); // layout 3: usage_days' attributed_reads and columns
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("locks") + " (product_id VARCHAR(256) NOT NULL,"
                        + " environment VARCHAR(64) NOT NULL, holder VARCHAR(256) NOT NULL,"
                        + " acquired_at TIMESTAMPTZ NOT NULL, backend_pid INTEGER NOT NULL,"
                        + " PRIMARY KEY (product_id, environment))");
                s.execute("CREATE TABLE IF NOT EXISTS " + db.t("registry_layout") + " (layout INTEGER NOT NULL)");
            }
            indexEarlierRows(db, catalog, c);
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM " + db.t("registry_layout"));
                s.execute("INSERT INTO " + db.t("registry_layout") + " VALUES (" + LAYOUT + ")");
            }
            return null;
        });
    }

    /** Whether the schema's tables are of this {@link #LAYOUT} or a later one; one read, no lock. */
    private static boolean current(RegistryDatabase db) {
        return db.query("open the registry tables in schema '" + db.schemaName + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                s.setString(1, db.t("registry_layout"));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) return false;
                }
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT max(layout) FROM " + db.t("registry_layout"))) {
                return rs.next() && rs.getInt(1) >= LAYOUT;
            }
        });
    }

    /** Gives keys and offers to the rows an earlier SDK wrote; their JSON stays as it is. */
    private static void indexEarlierRows(RegistryDatabase db, JdbcCatalog catalog, Connection c) throws SQLException {
        record Row(CatalogEntry entry, String json) {}
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT product_id, environment, entry FROM " + db.t("catalog") + " WHERE search_text IS NULL")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    CatalogEntry entry;
                    try {
                        entry = db.fromJson(rs.getString(3), CatalogEntry.class, "a catalog entry");
                    } catch (MeshException corrupt) {
                        continue; // left without keys: every search selects it, and reading it fails naming it
                    }
                    if (entry.productId().equals(rs.getString(1))
                            && entry.environment().equals(rs.getString(2))) {
                        rows.add(new Row(entry, rs.getString(3)));
                    }
                }
            }
        }
        for (Row row : rows) catalog.write(c, row.entry(), row.json());
    }
}

package dev.meshsdk.storage.jdbc;

import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.RegistryJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JDBC registry's catalog: one row per product and environment in {@code catalog}, the entry as JSON
 * beside the {@link CatalogKeys} a search narrows on, and one row per offered contract in
 * {@code catalog_offers}. Search and offering select in SQL, then apply the exact rule in Java; results are
 * sorted by product id in Java, as every registry sorts them, whatever the database's collation.
 */
final class JdbcCatalog implements Catalog {
    private static final Comparator<CatalogEntry> BY_ID = Comparator.comparing(CatalogEntry::productId);
    private static final String COLUMNS = "SELECT c.product_id, c.environment, c.entry FROM ";
    /** How many parsed entries are kept for rows read again unchanged. */
    private static final int PARSED_KEPT = 512;

    private final RegistryDatabase db;
    /**
     * Entries parsed lately, by product and environment, with the JSON they were parsed from: a row read again
     * with the same text is not parsed again (parsing, not the query, is most of a warm search).
     */
    private final Map<String, Parsed> parsed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > PARSED_KEPT;
        }
    });

    private record Parsed(String json, CatalogEntry entry) {}

    JdbcCatalog(RegistryDatabase db) {
        this.db = db;
    }

    @Override
    public List<CatalogEntry> entries(String environment) {
        return select(
                "read the catalog of environment '" + environment + "'", "c.environment = ?", List.of(environment));
    }

    @Override
    public Optional<CatalogEntry> entry(String productId, String environment) {
        return select(
                        "read the catalog entry of product '" + productId + "' in environment '" + environment + "'",
                        "c.environment = ? AND c.product_id = ?",
                        List.of(environment, productId))
                .stream()
                .findFirst();
    }

    /** The keys select in SQL (an index on the team and the domain); rows without keys are added. */
    @Override
    public List<CatalogEntry> search(CatalogQuery query) {
        List<String> params = new ArrayList<>(List.of(query.environment()));
        String narrowing = CatalogKeys.narrowing(query, params);
        return withoutKeysToo("search the catalog of environment '" + query.environment() + "'", narrowing, params)
                .stream()
                .filter(query::matches)
                .toList();
    }

    /** The offers' key selects the rows; rows without keys are added. */
    @Override
    public List<CatalogEntry> offering(String contractId, String environment) {
        return withoutKeysToo(
                        "find the products of environment '" + environment + "' offering contract '" + contractId + "'",
                        "c.product_id IN (SELECT o.product_id FROM " + db.t("catalog_offers")
                                + " o WHERE o.environment = ? AND o.contract_id = ?)",
                        new ArrayList<>(List.of(environment, environment, contractId)))
                .stream()
                .filter(e -> e.outputPorts().stream().anyMatch(p -> contractId.equals(p.contractId())))
                .toList();
    }

    /**
     * The rows of environment {@code params[0]} with keys that {@code narrowing} keeps, and every row without
     * keys (an earlier SDK's entry that could not be read at the upgrade), so that reading it fails naming it.
     * Two selects, not an {@code OR}, so that each can use its index.
     */
    private List<CatalogEntry> withoutKeysToo(String what, String narrowing, List<String> params) {
        params.add(params.get(0));
        return query(
                what,
                COLUMNS + db.t("catalog") + " c WHERE c.environment = ? AND c.search_text IS NOT NULL"
                        + " AND " + narrowing + " UNION ALL " + COLUMNS + db.t("catalog") + " c WHERE c.environment = ?"
                        + " AND c.search_text IS NULL",
                params);
    }

    private List<CatalogEntry> select(String what, String where, List<String> params) {
        return query(what, COLUMNS + db.t("catalog") + " c WHERE " + where, params);
    }

    private List<CatalogEntry> query(String what, String sql, List<String> params) {
        return db.query(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) s.setString(i + 1, params.get(i));
                List<CatalogEntry> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) out.add(read(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                out.sort(BY_ID);
                return List.copyOf(out);
            }
        });
    }

    private CatalogEntry read(String productId, String environment, String json) {
        String key = productId + '\u0000' + environment;
        Parsed known = parsed.get(key);
        if (known != null && known.json().equals(json)) return known.entry();
        CatalogEntry entry = db.fromJson(
                json,
                CatalogEntry.class,
                "the catalog entry of product '" + productId + "' in environment '" + environment + "' (table "
                        + db.shown("catalog") + ")");
        parsed.put(key, new Parsed(json, entry));
        return entry;
    }

    /**
     * Stores {@code entry} and its keys and offers, in the caller's transaction. The row it replaces is read
     * first, locked: one that is not valid JSON fails the call and stays as it is.
     */
    void put(Connection c, CatalogEntry entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT entry FROM " + db.t("catalog") + " WHERE product_id = ? AND environment = ? FOR UPDATE")) {
            s.setString(1, entry.productId());
            s.setString(2, entry.environment());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) read(entry.productId(), entry.environment(), rs.getString(1));
            }
        }
        write(c, entry, RegistryJson.write(entry));
    }

    /** Writes a row's JSON (kept as given), keys and offers. */
    void write(Connection c, CatalogEntry entry, String json) throws SQLException {
        CatalogKeys k = CatalogKeys.of(entry);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("catalog") + " (product_id, environment,"
                + " entry, updated_at, domain_key, team_key, status_key, tag_keys, classification_keys, search_text)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id, environment) DO UPDATE SET"
                + " entry = EXCLUDED.entry, updated_at = EXCLUDED.updated_at, domain_key = EXCLUDED.domain_key,"
                + " team_key = EXCLUDED.team_key, status_key = EXCLUDED.status_key, tag_keys = EXCLUDED.tag_keys,"
                + " classification_keys = EXCLUDED.classification_keys, search_text = EXCLUDED.search_text")) {
            s.setString(1, entry.productId());
            s.setString(2, entry.environment());
            s.setString(3, json);
            s.setObject(
                    4, entry.updatedAt() == null ? null : OffsetDateTime.ofInstant(entry.updatedAt(), ZoneOffset.UTC));
            s.setString(5, k.domain());
            s.setString(6, k.team());
            s.setString(7, k.status());
            s.setString(8, k.tags());
            s.setString(9, k.classifications());
            s.setString(10, k.searchText());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM " + db.t("catalog_offers") + " WHERE environment = ? AND product_id = ?")) {
            s.setString(1, entry.environment());
            s.setString(2, entry.productId());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO " + db.t("catalog_offers") + " (environment, contract_id, product_id) VALUES (?, ?, ?)")) {
            for (String contract : k.contracts()) {
                s.setString(1, entry.environment());
                s.setString(2, contract);
                s.setString(3, entry.productId());
                s.addBatch();
            }
            if (!k.contracts().isEmpty()) s.executeBatch();
        }
    }
}

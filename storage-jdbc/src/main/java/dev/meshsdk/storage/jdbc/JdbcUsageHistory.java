package dev.meshsdk.storage.jdbc;

import dev.meshsdk.spi.registry.RegistryJson;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageState;
import dev.meshsdk.spi.registry.UsageSummary;
import dev.meshsdk.spi.registry.UsageUpdate;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JDBC registry's usage history: a row per environment, product, port and day in {@code usage_days} (reads,
 * distinct readers, readers by name as JSON, last read, size, the reads that told their columns and each column's
 * reads, readers and last read as JSON; a registry created before columns were kept gets both columns added, its
 * rows reading as no read attributed), and per product the counters and watermarks of
 * the last collection as JSON in {@code usage_state}. A record runs in one transaction under a transaction-level
 * advisory lock on the product, so the counters and the reads they added are kept together and concurrent
 * collections of one product count nothing twice.
 */
final class JdbcUsageHistory implements UsageHistory {
    /** The first key of the usage locks, apart from the deploy locks' {@link RegistryDatabase#LOCK_NAMESPACE}. */
    static final int LOCK_NAMESPACE = 0x55534147; // "USAG"
    /** The products recorded per transaction: each holds an advisory lock until the transaction ends. */
    static final int BATCH = 500;

    private final RegistryDatabase db;

    JdbcUsageHistory(RegistryDatabase db) {
        this.db = db;
    }

    /** Creates the tables; called by {@link RegistryTables} in its transaction. */
    static void createTables(RegistryDatabase db, Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS " + db.t("usage_days") + " (environment VARCHAR(64) NOT NULL,"
                + " product_id VARCHAR(256) NOT NULL, port VARCHAR(256) NOT NULL, day DATE NOT NULL,"
                + " reads BIGINT NOT NULL, distinct_readers INTEGER NOT NULL, readers TEXT NOT NULL,"
                + " last_read TIMESTAMPTZ, bytes BIGINT NOT NULL, PRIMARY KEY (environment, product_id, port, day))");
        s.execute("CREATE TABLE IF NOT EXISTS " + db.t("usage_state") + " (environment VARCHAR(64) NOT NULL,"
                + " product_id VARCHAR(256) NOT NULL, state TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL,"
                + " PRIMARY KEY (environment, product_id))");
        s.execute("ALTER TABLE " + db.t("usage_days") + " ADD COLUMN IF NOT EXISTS attributed_reads BIGINT NOT NULL"
                + " DEFAULT 0");
        s.execute("ALTER TABLE " + db.t("usage_days") + " ADD COLUMN IF NOT EXISTS columns TEXT NOT NULL DEFAULT '{}'");
    }

    @Override
    public UsageRollup.Result record(UsageUpdate u) {
        return record(List.of(u)).get(0);
    }

    /**
     * Records {@value #BATCH} products per transaction, in a fixed number of statements each: their locks taken
     * in one statement in key order (so two batches cannot deadlock), their states and stored days read with one
     * query each, and their day rows and states written in one batch each.
     */
    @Override
    public List<UsageRollup.Result> record(List<UsageUpdate> updates) {
        List<UsageRollup.Result> out = new ArrayList<>(updates.size());
        for (int from = 0; from < updates.size(); from += BATCH) {
            List<UsageUpdate> chunk = updates.subList(from, Math.min(updates.size(), from + BATCH));
            String what = chunk.size() == 1
                    ? "record the usage of product '" + chunk.get(0).productId() + "'"
                    : "record the usage of " + chunk.size() + " products";
            out.addAll(db.inTransaction(what, c -> record(c, chunk)));
        }
        return out;
    }

    private List<UsageRollup.Result> record(Connection c, List<UsageUpdate> updates) throws SQLException {
        int[] keys = updates.stream()
                .mapToInt(u -> AdvisoryLocks.lockKey(db.schema, u.productId(), u.environment()))
                .distinct()
                .sorted()
                .toArray();
        // a function scan of an array takes the locks in the array's order
        try (PreparedStatement lock =
                c.prepareStatement("SELECT pg_advisory_xact_lock(?, k)" + " FROM unnest(?::int[]) AS k")) {
            lock.setInt(1, LOCK_NAMESPACE);
            lock.setArray(
                    2,
                    c.createArrayOf(
                            "integer", java.util.Arrays.stream(keys).boxed().toArray()));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    // every row is a lock taken
                }
            }
        }
        Map<String, List<String>> productsByEnv = new LinkedHashMap<>();
        for (UsageUpdate u : updates) {
            List<String> ids = productsByEnv.computeIfAbsent(u.environment(), k -> new ArrayList<>());
            if (!ids.contains(u.productId())) ids.add(u.productId());
        }
        Map<String, UsageState> states = new HashMap<>();
        for (var env : productsByEnv.entrySet()) states.putAll(readStates(c, env.getKey(), env.getValue()));
        List<UsageRollup.Result> results = new ArrayList<>();
        Map<String, UsageDay> added = new LinkedHashMap<>(); // the additions of every product, merged
        for (UsageUpdate u : updates) {
            String product = u.environment() + "\u0000" + u.productId();
            UsageRollup.Result r = UsageRollup.apply(states.getOrDefault(product, UsageState.empty()), u);
            states.put(product, r.state());
            results.add(r);
            for (UsageDay d : r.additions()) added.merge(product + "\u0000" + key(d), d, UsageDay::plus);
        }
        if (!added.isEmpty()) {
            LocalDate from = added.values().stream()
                    .map(UsageDay::day)
                    .min(LocalDate::compareTo)
                    .orElseThrow();
            LocalDate to = added.values().stream()
                    .map(UsageDay::day)
                    .max(LocalDate::compareTo)
                    .orElseThrow();
            Map<String, UsageDay> stored = new HashMap<>();
            for (var env : productsByEnv.entrySet()) {
                for (UsageDay d : read(c, env.getKey(), env.getValue(), from, to)) {
                    stored.put(d.environment() + "\u0000" + d.productId() + "\u0000" + key(d), d);
                }
            }
            try (PreparedStatement up = c.prepareStatement("INSERT INTO " + db.t("usage_days") + " (environment,"
                    + " product_id, port, day, reads, distinct_readers, readers, last_read, bytes, attributed_reads,"
                    + " columns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (environment, product_id, port, day)"
                    + " DO UPDATE SET reads = EXCLUDED.reads, distinct_readers = EXCLUDED.distinct_readers,"
                    + " readers = EXCLUDED.readers, last_read = EXCLUDED.last_read, bytes = EXCLUDED.bytes,"
                    + " attributed_reads = EXCLUDED.attributed_reads, columns = EXCLUDED.columns")) {
                for (var add : added.entrySet()) {
                    UsageDay old = stored.get(add.getKey());
                    UsageDay d = old == null ? add.getValue() : old.plus(add.getValue());
                    up.setString(1, d.environment());
                    up.setString(2, d.productId());
                    up.setString(3, d.port());
                    up.setDate(4, Date.valueOf(d.day()));
                    up.setLong(5, d.reads());
                    up.setInt(6, d.distinctReaders());
                    up.setString(7, RegistryJson.write(d.readers()));
                    if (d.lastRead() == null) up.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                    else up.setObject(8, OffsetDateTime.ofInstant(d.lastRead(), ZoneOffset.UTC));
                    up.setLong(9, d.bytes());
                    up.setLong(10, d.attributedReads());
                    up.setString(11, RegistryJson.write(d.columns()));
                    up.addBatch();
                }
                up.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("usage_state") + " (environment,"
                + " product_id, state, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (environment, product_id)"
                + " DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at")) {
            Map<String, UsageUpdate> last = new LinkedHashMap<>(); // a product twice in the batch: its last state
            for (UsageUpdate u : updates) last.put(u.environment() + "\u0000" + u.productId(), u);
            for (var e : last.entrySet()) {
                UsageUpdate u = e.getValue();
                s.setString(1, u.environment());
                s.setString(2, u.productId());
                s.setString(3, RegistryJson.write(states.get(e.getKey())));
                s.setObject(4, OffsetDateTime.ofInstant(u.collectedAt(), ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
        return results;
    }

    /** The kept states of {@code productIds}, by environment and product id. */
    private Map<String, UsageState> readStates(Connection c, String environment, List<String> productIds)
            throws SQLException {
        Map<String, UsageState> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT product_id, state FROM " + db.t("usage_state")
                + " WHERE environment = ? AND product_id = ANY (?)")) {
            s.setString(1, environment);
            s.setArray(2, c.createArrayOf("varchar", productIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            environment + "\u0000" + rs.getString(1),
                            db.fromJson(
                                    rs.getString(2),
                                    UsageState.class,
                                    "the usage state of product '" + rs.getString(1) + "' (table "
                                            + db.shown("usage_state") + ")"));
                }
            }
        }
        return out;
    }

    @Override
    public List<UsageDay> days(String environment, String productId, LocalDate from, LocalDate to) {
        return db.query(
                "read the usage of product '" + productId + "' in '" + environment + "'",
                c -> read(c, environment, List.of(productId), from, to));
    }

    @Override
    public boolean collected(String environment) {
        return db.query("tell whether usage was collected in '" + environment + "'", c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT 1 FROM " + db.t("usage_state") + " WHERE environment = ? LIMIT 1")) {
                // every collection keeps its state, a baseline too (which writes no day row)
                s.setString(1, environment);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public Map<String, List<UsageDay>> days(
            String environment, Collection<String> productIds, LocalDate from, LocalDate to) {
        List<UsageDay> all = db.query(
                "read the usage of " + productIds.size() + " product(s) in '" + environment + "'",
                c -> read(c, environment, productIds, from, to));
        Map<String, List<UsageDay>> out = new LinkedHashMap<>();
        for (String id : productIds) out.put(id, new ArrayList<>());
        for (UsageDay d : all) out.get(d.productId()).add(d);
        out.values().removeIf(List::isEmpty);
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    /**
     * Sums the rows where they are, with two queries grouped by port: the reads, observed days, last read and latest
     * size of each window, then each reader's reads per window and last day (the readers' JSON expanded only on the
     * rows that have readers). A report of 5,000 ports over 90 days reads 5,000 rows and their readers, not 450,000.
     */
    @Override
    public Map<String, Map<String, UsageSummary>> summaries(
            String environment, Collection<String> productIds, LocalDate today, Set<Integer> windows) {
        List<Integer> lengths = List.copyOf(new java.util.TreeSet<>(windows));
        LocalDate from = today.minusDays(UsageSummary.longest(windows) - 1L);
        Map<String, Map<String, UsageSummary>> out = new LinkedHashMap<>();
        if (productIds.isEmpty()) return out;
        return db.query("summarise the usage of " + productIds.size() + " product(s) in '" + environment + "'", c -> {
            Map<String, Map<String, Map<Integer, Map<String, Long>>>> readers = new HashMap<>();
            Map<String, Map<String, Map<String, LocalDate>>> lastDays = new HashMap<>();
            StringBuilder sql = new StringBuilder(
                    "SELECT d.product_id, d.port, r.key, max(d.day) FILTER (WHERE" + " r.value::bigint > 0)");
            for (int i = 0; i < lengths.size(); i++) sql.append(", sum(r.value::bigint) FILTER (WHERE d.day >= ?)");
            sql.append(" FROM ")
                    .append(db.t("usage_days"))
                    .append(" d CROSS JOIN LATERAL jsonb_each_text(d.readers"
                            + "::jsonb) AS r WHERE d.readers <> '{}' AND ")
                    .append(rowsIn("d."))
                    .append(" GROUP BY d.product_id," + " d.port, r.key");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int at = bindWindows(s, 1, lengths, today);
                bindRows(c, s, at, environment, productIds, from, today);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String product = rs.getString(1);
                        String port = rs.getString(2);
                        String reader = rs.getString(3);
                        Date last = rs.getDate(4);
                        if (last != null)
                            lastDays.computeIfAbsent(product, k -> new HashMap<>())
                                    .computeIfAbsent(port, k -> new HashMap<>())
                                    .put(reader, last.toLocalDate());
                        for (int i = 0; i < lengths.size(); i++) {
                            long reads = rs.getLong(5 + i);
                            if (rs.wasNull()) continue; // no row of the window names the reader
                            readers.computeIfAbsent(product, k -> new HashMap<>())
                                    .computeIfAbsent(port, k -> new HashMap<>())
                                    .computeIfAbsent(lengths.get(i), k -> new HashMap<>())
                                    .put(reader, reads);
                        }
                    }
                }
            }
            sql = new StringBuilder("SELECT product_id, port, max(last_read), (array_agg(bytes ORDER BY day DESC)"
                    + " FILTER (WHERE bytes >= 0))[1]");
            for (int i = 0; i < lengths.size(); i++) {
                sql.append(", coalesce(sum(reads) FILTER (WHERE day >= ?), 0), count(*) FILTER (WHERE day >= ?)");
            }
            sql.append(" FROM ")
                    .append(db.t("usage_days"))
                    .append(" WHERE ")
                    .append(rowsIn(""))
                    .append(" GROUP BY product_id, port ORDER BY product_id, port");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int at = 1;
                for (int length : lengths) {
                    s.setDate(at++, Date.valueOf(today.minusDays(length - 1L)));
                    s.setDate(at++, Date.valueOf(today.minusDays(length - 1L)));
                }
                bindRows(c, s, at, environment, productIds, from, today);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String product = rs.getString(1);
                        String port = rs.getString(2);
                        OffsetDateTime last = rs.getObject(3, OffsetDateTime.class);
                        long bytes = rs.getLong(4);
                        if (rs.wasNull()) bytes = -1;
                        Map<Integer, Map<String, Long>> mine =
                                readers.getOrDefault(product, Map.of()).getOrDefault(port, Map.of());
                        Map<Integer, UsageSummary.Window> summed = new HashMap<>();
                        for (int i = 0; i < lengths.size(); i++) {
                            int length = lengths.get(i);
                            summed.put(
                                    length,
                                    new UsageSummary.Window(
                                            length, rs.getLong(5 + 2 * i), rs.getInt(6 + 2 * i), mine.get(length)));
                        }
                        out.computeIfAbsent(product, k -> new java.util.TreeMap<>())
                                .put(
                                        port,
                                        new UsageSummary(
                                                product,
                                                port,
                                                summed,
                                                last == null ? null : last.toInstant(),
                                                bytes,
                                                lastDays.getOrDefault(product, Map.of())
                                                        .get(port)));
                    }
                }
            }
            return out;
        });
    }

    /** The condition on the rows of some products and days; bound by {@link #bindRows}. */
    private static String rowsIn(String alias) {
        return alias + "environment = ? AND " + alias + "product_id = ANY (?) AND " + alias + "day >= ? AND " + alias
                + "day <= ?";
    }

    private static int bindRows(
            Connection c,
            PreparedStatement s,
            int at,
            String environment,
            Collection<String> productIds,
            LocalDate from,
            LocalDate to)
            throws SQLException {
        s.setString(at, environment);
        s.setArray(at + 1, c.createArrayOf("varchar", productIds.toArray()));
        s.setDate(at + 2, Date.valueOf(from));
        s.setDate(at + 3, Date.valueOf(to));
        return at + 4;
    }

    private static int bindWindows(PreparedStatement s, int at, List<Integer> lengths, LocalDate today)
            throws SQLException {
        for (int length : lengths) s.setDate(at++, Date.valueOf(today.minusDays(length - 1L)));
        return at;
    }

    private List<UsageDay> read(
            Connection c, String environment, Collection<String> productIds, LocalDate from, LocalDate to)
            throws SQLException {
        List<UsageDay> out = new ArrayList<>();
        if (productIds.isEmpty()) return out;
        try (PreparedStatement s = c.prepareStatement("SELECT product_id, port, day, reads, readers, last_read, bytes,"
                + " attributed_reads, columns FROM " + db.t("usage_days")
                + " WHERE environment = ? AND product_id = ANY (?) AND day >= ?"
                + " AND day <= ? ORDER BY product_id, port, day")) {
            s.setString(1, environment);
            s.setArray(2, c.createArrayOf("varchar", productIds.toArray()));
            s.setDate(3, Date.valueOf(from));
            s.setDate(4, Date.valueOf(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    json(rs.getString(5), "readers")
                            .forEach((k, v) -> counts.put(String.valueOf(k), ((Number) v).longValue()));
                    Map<String, UsageDay.ColumnReads> columns = new LinkedHashMap<>();
                    json(rs.getString(9), "columns")
                            .forEach((k, v) -> columns.put(String.valueOf(k), columnReads((Map<?, ?>) v)));
                    OffsetDateTime last = rs.getObject(6, OffsetDateTime.class);
                    out.add(new UsageDay(
                            environment,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getDate(3).toLocalDate(),
                            rs.getLong(4),
                            counts,
                            last == null ? null : last.toInstant(),
                            rs.getLong(7),
                            rs.getLong(8),
                            columns));
                }
            }
        }
        return out;
    }

    /** A JSON object of a row ({@code what}: readers, columns); most days have none, and are not parsed. */
    private Map<?, ?> json(String text, String what) throws SQLException {
        if (text == null || text.equals("{}")) return Map.of(); // a report reads hundreds of thousands of days
        try {
            return RegistryJson.read(text.getBytes(StandardCharsets.UTF_8), Map.class);
        } catch (java.io.IOException e) {
            throw new SQLException("the " + what + " of a row of " + db.shown("usage_days") + " are not JSON", e);
        }
    }

    /** A column's reads as {@link RegistryJson} wrote them. */
    private static UsageDay.ColumnReads columnReads(Map<?, ?> json) {
        Map<String, Long> readers = new LinkedHashMap<>();
        if (json.get("readers") instanceof Map<?, ?> named) {
            named.forEach((k, v) -> readers.put(String.valueOf(k), ((Number) v).longValue()));
        }
        Object last = json.get("lastRead");
        return new UsageDay.ColumnReads(
                ((Number) json.get("reads")).longValue(),
                readers,
                last == null ? null : java.time.Instant.parse(last.toString()));
    }

    private static String key(UsageDay d) {
        return d.port() + "\u0000" + d.day();
    }
}

package dev.meshsdk.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry kept in a PostgreSQL-protocol database, in its own schema ({@code mesh} by default): the
 * history in {@code deployments}, the current deployment per product and environment in {@code current},
 * the catalog in {@code catalog}, and who holds each deploy lock in {@code locks}.
 *
 * <p>The deploy lock is a session-level {@code pg_try_advisory_lock} taken on a dedicated connection that
 * stays open until the lock is closed, so the lock goes with the process that holds it, even when that
 * process dies. The holder's name is written to {@code locks} so that a second deploy fails at once naming
 * it. Safe for concurrent use: every method opens its own connection.
 */
public final class JdbcRegistry implements Registry {
    /** A constant first key of the two-key advisory lock, so the SDK's locks do not meet other users'. */
    private static final int LOCK_NAMESPACE = 0x4D455348; // "MESH"

    private final ConnectionSource connections;
    private final dev.meshsdk.model.Server server;
    private final String schema;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Opens the registry and creates its tables if missing.
     *
     * @param server the database, as a server entry {@link ConnectionSource} understands
     * @param schema the schema of the registry's tables, {@code mesh} in production
     */
    public JdbcRegistry(ConnectionSource connections, dev.meshsdk.model.Server server, String schema) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.server = Objects.requireNonNull(server, "server");
        this.schema = Identifiers.quote("schema", schema);
        createTables(schema);
    }

    private String t(String table) {
        return schema + "." + table;
    }

    private void createTables(String rawSchema) {
        inTransaction("create the registry tables in schema '" + rawSchema + "'", c -> {
            try (Statement s = c.createStatement()) {
                // Serialises concurrent first starts: CREATE ... IF NOT EXISTS alone can race.
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", 0)");
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("CREATE TABLE IF NOT EXISTS " + t("deployments") + " (seq BIGSERIAL PRIMARY KEY,"
                        + " product_id VARCHAR(256) NOT NULL, environment VARCHAR(64) NOT NULL,"
                        + " product_version VARCHAR(64), checksum VARCHAR(128) NOT NULL,"
                        + " deployed_at TIMESTAMPTZ NOT NULL, deployed_by VARCHAR(256), outcome VARCHAR(16) NOT NULL,"
                        + " changes TEXT NOT NULL, message TEXT)");
                s.execute("CREATE INDEX IF NOT EXISTS deployments_product ON " + t("deployments")
                        + " (product_id, environment, seq)");
                s.execute("CREATE TABLE IF NOT EXISTS " + t("current") + " (product_id VARCHAR(256) NOT NULL,"
                        + " environment VARCHAR(64) NOT NULL, seq BIGINT NOT NULL REFERENCES " + t("deployments")
                        + " (seq), PRIMARY KEY (product_id, environment))");
                s.execute("CREATE TABLE IF NOT EXISTS " + t("catalog") + " (product_id VARCHAR(256) NOT NULL,"
                        + " environment VARCHAR(64) NOT NULL, entry TEXT NOT NULL, updated_at TIMESTAMPTZ,"
                        + " PRIMARY KEY (product_id, environment))");
                s.execute("CREATE TABLE IF NOT EXISTS " + t("locks") + " (product_id VARCHAR(256) NOT NULL,"
                        + " environment VARCHAR(64) NOT NULL, holder VARCHAR(256) NOT NULL,"
                        + " acquired_at TIMESTAMPTZ NOT NULL, backend_pid INTEGER NOT NULL,"
                        + " PRIMARY KEY (product_id, environment))");
            }
            return null;
        });
    }

    @Override
    public Optional<DeploymentRecord> current(String productId, String environment) {
        return query("read the current deployment of product '" + productId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT d.* FROM " + t("current") + " cur JOIN "
                    + t("deployments") + " d ON d.seq = cur.seq WHERE cur.product_id = ? AND cur.environment = ?")) {
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
        return query("read the history of product '" + productId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + t("deployments")
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

    @Override
    public List<CatalogEntry> catalog(String environment) {
        return query("read the catalog of environment '" + environment + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT entry FROM " + t("catalog")
                    + " WHERE environment = ? ORDER BY product_id")) {
                s.setString(1, environment);
                List<CatalogEntry> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) out.add(fromJson(rs.getString(1), new TypeReference<CatalogEntry>() {}));
                }
                return out;
            }
        });
    }

    @Override
    public void record(DeploymentRecord record, CatalogEntry entry) {
        inTransaction("record a deployment of product '" + record.productId() + "'", c -> {
            long seq;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("deployments")
                    + " (product_id, environment, product_version, checksum, deployed_at, deployed_by, outcome,"
                    + " changes, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq")) {
                s.setString(1, record.productId());
                s.setString(2, record.environment());
                s.setString(3, record.productVersion());
                s.setString(4, record.checksum());
                s.setObject(5, OffsetDateTime.ofInstant(record.deployedAt(), ZoneOffset.UTC));
                s.setString(6, record.deployedBy());
                s.setString(7, record.outcome().name());
                s.setString(8, toJson(record.changes()));
                s.setString(9, record.message());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            if (record.outcome() == DeploymentRecord.Outcome.SUCCEEDED) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("current")
                        + " (product_id, environment, seq) VALUES (?, ?, ?) ON CONFLICT (product_id, environment)"
                        + " DO UPDATE SET seq = EXCLUDED.seq")) {
                    s.setString(1, record.productId());
                    s.setString(2, record.environment());
                    s.setLong(3, seq);
                    s.executeUpdate();
                }
                if (entry != null) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("catalog")
                            + " (product_id, environment, entry, updated_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (product_id, environment) DO UPDATE SET entry = EXCLUDED.entry,"
                            + " updated_at = EXCLUDED.updated_at")) {
                        s.setString(1, entry.productId());
                        s.setString(2, entry.environment());
                        s.setString(3, toJson(entry));
                        s.setObject(4, entry.updatedAt() == null ? null
                                : OffsetDateTime.ofInstant(entry.updatedAt(), ZoneOffset.UTC));
                        s.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    @Override
    public DeployLock lock(String productId, String environment, String holder) {
        Objects.requireNonNull(holder, "holder");
        int key = lockKey(productId, environment);
        Connection c = null;
        try {
            c = connections.open(server);
            boolean taken;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, LOCK_NAMESPACE);
                s.setInt(2, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    taken = rs.getBoolean(1);
                }
            }
            if (!taken) {
                String held = holderOf(c, productId, environment, key);
                c.close();
                throw new MeshException(ErrorCode.LOCK_HELD, "Cannot take the deploy lock of product '"
                        + productId + "' in environment '" + environment + "': " + held
                        + "; wait for that deploy to finish (a lock whose process died is released when its"
                        + " database connection closes)");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("locks")
                    + " (product_id, environment, holder, acquired_at, backend_pid)"
                    + " VALUES (?, ?, ?, now(), pg_backend_pid()) ON CONFLICT (product_id, environment)"
                    + " DO UPDATE SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at,"
                    + " backend_pid = EXCLUDED.backend_pid")) {
                s.setString(1, productId);
                s.setString(2, environment);
                s.setString(3, holder);
                s.executeUpdate();
            }
            return new AdvisoryLock(c, productId, environment, key);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot take the deploy lock of product '"
                    + productId + "' in environment '" + environment + "' at " + connections.describe(server)
                    + ": " + JdbcStorageAdapter.describe(e) + "; check that the registry database is reachable", e);
        }
    }

    /**
     * Who holds the lock: the recorded holder, if its backend still holds the advisory lock (a row left by a
     * process that died is not named).
     */
    private String holderOf(Connection c, String productId, String environment, int key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT l.holder, l.acquired_at FROM " + t("locks") + " l"
                + " WHERE l.product_id = ? AND l.environment = ? AND EXISTS (SELECT 1 FROM pg_locks k"
                + " WHERE k.pid = l.backend_pid AND k.locktype = 'advisory' AND k.granted"
                + " AND k.classid = ?::oid AND k.objid = (?::bigint & 4294967295)::oid AND k.objsubid = 2)")) {
            s.setString(1, productId);
            s.setString(2, environment);
            s.setInt(3, LOCK_NAMESPACE);
            s.setInt(4, key);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return "it is held by '" + rs.getString(1) + "' since "
                            + rs.getObject(2, OffsetDateTime.class).toInstant();
                }
            }
        }
        return "another process holds it (its name is not recorded yet)";
    }

    /** The second key of the advisory lock: a digest of the registry schema, product and environment. */
    private int lockKey(String productId, String environment) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((schema + "\u0000" + productId + "\u0000"
                    + environment).getBytes(StandardCharsets.UTF_8));
            return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class AdvisoryLock implements DeployLock {
        private final Connection connection;
        private final String productId;
        private final String environment;
        private final int key;
        private boolean closed;

        AdvisoryLock(Connection connection, String productId, String environment, int key) {
            this.connection = connection;
            this.productId = productId;
            this.environment = environment;
            this.key = key;
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + t("locks")
                    + " WHERE product_id = ? AND environment = ? AND backend_pid = pg_backend_pid()");
                 PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                del.setString(1, productId);
                del.setString(2, environment);
                del.executeUpdate();
                unlock.setInt(1, LOCK_NAMESPACE);
                unlock.setInt(2, key);
                unlock.execute();
            } catch (SQLException e) {
                // Closing the connection below releases the advisory lock anyway.
            } finally {
                closeQuietly(connection);
            }
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String what, Work<T> work) {
        try (Connection c = connections.open(server)) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = connections.open(server)) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                JdbcStorageAdapter.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private MeshException failure(String what, SQLException e) {
        return new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot " + what + " in the registry at "
                + connections.describe(server) + ": " + JdbcStorageAdapter.describe(e)
                + "; check that the registry database is reachable and the user may write schema " + schema, e);
    }

    private DeploymentRecord record(ResultSet rs) throws SQLException {
        return new DeploymentRecord(rs.getString("product_id"), rs.getString("product_version"),
                rs.getString("environment"), rs.getString("checksum"),
                rs.getObject("deployed_at", OffsetDateTime.class).toInstant(), rs.getString("deployed_by"),
                DeploymentRecord.Outcome.valueOf(rs.getString("outcome")),
                fromJson(rs.getString("changes"), new TypeReference<List<String>>() {}), rs.getString("message"));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write a registry entry as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot read a registry entry: "
                    + e.getOriginalMessage() + "; the registry table was changed by hand", e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        // Connections are per call; held locks close with their handles.
    }
}

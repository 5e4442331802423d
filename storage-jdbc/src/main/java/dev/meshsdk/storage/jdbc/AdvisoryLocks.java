package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeployLocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The JDBC registry's deploy locks: a session-level {@code pg_try_advisory_lock} taken on a dedicated
 * connection that stays open until the lock is closed, so the lock goes with the process that holds it, even
 * when that process dies. The holder's name is written to {@code locks} so that a second deploy fails at
 * once naming it.
 */
final class AdvisoryLocks implements DeployLocks {
    private final RegistryDatabase db;

    AdvisoryLocks(RegistryDatabase db) {
        this.db = db;
    }

    @Override
    public DeployLock lock(String productId, String environment, String holder) {
        Objects.requireNonNull(holder, "holder");
        int key = lockKey(productId, environment);
        Connection c = null;
        try {
            c = db.connections.open(db.server);
            boolean taken;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, RegistryDatabase.LOCK_NAMESPACE);
                s.setInt(2, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    taken = rs.getBoolean(1);
                }
            }
            if (!taken) {
                String held = holderOf(c, productId, environment, key);
                c.close();
                throw new MeshException(
                        ErrorCode.LOCK_HELD,
                        "Cannot take the deploy lock of product '"
                                + productId + "' in environment '" + environment + "': " + held
                                + "; wait for that deploy to finish (a lock whose process died is released when its"
                                + " database connection closes)");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("locks")
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
            throw db.failure(
                    "take the deploy lock of product '" + productId + "' in environment '" + environment + "'", e);
        }
    }

    /**
     * Who holds the lock: the recorded holder, if its backend still holds the advisory lock (a row left by a
     * process that died is not named).
     */
    private String holderOf(Connection c, String productId, String environment, int key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT l.holder, l.acquired_at FROM " + db.t("locks") + " l"
                + " WHERE l.product_id = ? AND l.environment = ? AND EXISTS (SELECT 1 FROM pg_locks k"
                + " WHERE k.pid = l.backend_pid AND k.locktype = 'advisory' AND k.granted"
                + " AND k.classid = ?::oid AND k.objid = (?::bigint & 4294967295)::oid AND k.objsubid = 2)")) {
            s.setString(1, productId);
            s.setString(2, environment);
            s.setInt(3, RegistryDatabase.LOCK_NAMESPACE);
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
        return lockKey(db.schema, productId, environment);
    }

    /** A digest of a registry schema, product and environment, as the second key of a two-key advisory lock. */
    static int lockKey(String schema, String productId, String environment) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((schema + "\u0000" + productId + "\u0000" + environment).getBytes(StandardCharsets.UTF_8));
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
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + db.t("locks")
                            + " WHERE product_id = ? AND environment = ? AND backend_pid = pg_backend_pid()");
                    PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                del.setString(1, productId);
                del.setString(2, environment);
                del.executeUpdate();
                unlock.setInt(1, RegistryDatabase.LOCK_NAMESPACE);
                unlock.setInt(2, key);
                unlock.execute();
            } catch (SQLException e) {
                // Closing the connection below releases the advisory lock anyway.
            } finally {
                closeQuietly(connection);
            }
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
}

package dev.meshsdk.storage.jdbc;

import dev.meshsdk.model.Server;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The connections of a {@link JdbcRegistry}'s calls: up to {@link #KEEP} are kept open between calls, so that
 * a call does not pay a new session (a server process, authentication) and the driver's per-connection cache
 * of prepared statements is reused. A call borrows the most recently returned connection, checked with
 * {@link Connection#isValid} (one that a restarted server or a terminated session left dead is closed and the
 * next one tried), or opens a new one when none is idle: calls never wait for each other, so concurrent calls
 * beyond {@link #KEEP} each open their own. A connection that failed a call is closed, not returned. Thread-safe.
 */
final class RegistryConnections implements AutoCloseable {
    /** How many idle connections are kept. */
    static final int KEEP = 4;
    /** How long a borrowed connection's check may take. */
    private static final int VALID_SECONDS = 5;

    private final ConnectionSource source;
    private final Server server;
    /** Guarded by {@code this}; most recently returned first. */
    private final Deque<Connection> idle = new ArrayDeque<>();

    private boolean closed;
    private long opened;

    RegistryConnections(ConnectionSource source, Server server) {
        this.source = source;
        this.server = server;
    }

    /** A connection with auto-commit on: an idle one that is still valid, else a new one. */
    Connection borrow() throws SQLException {
        while (true) {
            Connection c;
            synchronized (this) {
                c = idle.pollFirst();
            }
            if (c == null) break;
            if (valid(c)) return c;
            closeQuietly(c);
        }
        Connection c = source.open(server);
        synchronized (this) {
            opened++;
        }
        return c;
    }

    /**
     * Returns a borrowed connection: kept when it did not fail ({@code failed} false), its transaction is
     * ended and fewer than {@link #KEEP} are idle; else closed.
     */
    void release(Connection c, boolean failed) {
        boolean keep = !failed;
        if (keep) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback(); // nothing is left open; a committed transaction has nothing to roll back
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                keep = false;
            }
        }
        if (keep) {
            synchronized (this) {
                if (!closed && idle.size() < KEEP) {
                    idle.addFirst(c);
                    return;
                }
            }
        }
        closeQuietly(c);
    }

    /** Closes the idle connections; connections borrowed meanwhile are closed when returned. */
    @Override
    public void close() {
        List<Connection> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(RegistryConnections::closeQuietly);
    }

    /** How many connections were opened so far, for tests. */
    synchronized long opened() {
        return opened;
    }

    /** How many connections are idle, for tests. */
    synchronized int idle() {
        return idle.size();
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(VALID_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is dropped either way
        }
    }
}

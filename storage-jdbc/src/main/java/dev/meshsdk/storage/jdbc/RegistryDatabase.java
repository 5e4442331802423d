package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.registry.RegistryJson;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The database a {@link JdbcRegistry} keeps its tables in, and how its parts talk to it: each call borrows a
 * connection of {@link RegistryConnections} for its duration, work that writes runs in one transaction, and
 * every failure becomes a {@code REGISTRY_FAILURE} naming the database ({@code host:port/database}, never a
 * credential) and what to check.
 */
final class RegistryDatabase implements AutoCloseable {
    /** A constant first key of the two-key advisory locks, so the SDK's locks do not meet other users'. */
    static final int LOCK_NAMESPACE = 0x4D455348; // "MESH"

    final ConnectionSource connections;
    final Server server;
    /** The schema, quoted for SQL. */
    final String schema;
    /** The schema as named, for messages. */
    final String schemaName;
    /** The connections calls borrow (a deploy lock opens its own, see {@link AdvisoryLocks}). */
    final RegistryConnections pool;

    RegistryDatabase(ConnectionSource connections, Server server, String schema) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.server = Objects.requireNonNull(server, "server");
        this.schema = Identifiers.quote("schema", schema);
        this.schemaName = schema;
        this.pool = new RegistryConnections(connections, server);
    }

    /** Closes the idle connections. */
    @Override
    public void close() {
        pool.close();
    }

    /** A registry table, qualified. */
    String t(String table) {
        return schema + "." + table;
    }

    /** A registry table as named in messages: {@code mesh.catalog}. */
    String shown(String table) {
        return schemaName + "." + table;
    }

    /** {@code host:port/database}. */
    String address() {
        return connections.describe(server);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T query(String what, Work<T> work) {
        return borrowing(what, false, work);
    }

    <T> T inTransaction(String what, Work<T> work) {
        return borrowing(what, true, work);
    }

    /** Runs {@code work} on a borrowed connection; one that failed with a SQL error is not used again. */
    private <T> T borrowing(String what, boolean transaction, Work<T> work) {
        Connection c = null;
        boolean failed = false;
        try {
            c = pool.borrow();
            if (!transaction) return work.run(c);
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
            failed = true;
            throw failure(what, e);
        } finally {
            if (c != null) pool.release(c, failed);
        }
    }

    MeshException failure(String what, SQLException e) {
        return new MeshException(
                ErrorCode.REGISTRY_FAILURE,
                "Cannot " + what + " in the registry at " + address() + ": " + JdbcStorageAdapter.describe(e) + "; "
                        + todo(e),
                e);
    }

    /** What to check, by the class of the SQL state. */
    private String todo(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || e.getCause() instanceof ConnectException) {
            return "check that the database server at " + address() + " is running and reachable from here, and"
                    + " that the registry's host, port and database settings name it";
        }
        if (state.startsWith("28")) {
            return "check the registry's credentials (the user and the secret it is looked up under)";
        }
        if (state.equals("42501")) {
            return "grant the registry's user the right to create and write schema " + schemaName;
        }
        return "check that the registry database is reachable and the user may write schema " + schemaName;
    }

    /** Reads a JSON column; text that is no record fails naming the row and is left as it is. */
    <T> T fromJson(String text, Class<T> type, String row) {
        try {
            return type == dev.meshsdk.spi.registry.CatalogEntry.class
                    ? type.cast(RegistryJson.readEntry(text.getBytes(StandardCharsets.UTF_8)))
                    : RegistryJson.read(text.getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot read " + row + " in the registry at "
                            + address() + ": it is not valid registry JSON ("
                            + e.getMessage().lines().findFirst().orElse("")
                            + "); the row was changed by hand: restore it from backup or delete it; nothing was overwritten",
                    e);
        }
    }
}

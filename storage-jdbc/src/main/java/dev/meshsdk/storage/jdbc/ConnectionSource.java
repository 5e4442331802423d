package dev.meshsdk.storage.jdbc;

import dev.meshsdk.model.Server;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections to the database a server entry names. Each call returns a new connection the
 * caller closes. Called from one thread at a time per adapter.
 */
public interface ConnectionSource {

    /** A new connection to {@code server}'s database, with auto-commit on. */
    Connection open(Server server) throws SQLException;

    /** A readable address of {@code server} for messages ({@code host:port/database}); never credentials. */
    String describe(Server server);
}

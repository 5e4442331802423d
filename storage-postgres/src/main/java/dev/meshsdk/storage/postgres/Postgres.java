package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.storage.jdbc.ServerConnections;

/** How this plugin reaches PostgreSQL. */
final class Postgres {
    private Postgres() {}

    /** The prefix of the adapter's and quality engine's configuration keys. */
    static final String PREFIX = "mesh.postgres";

    /** Connections with pgjdbc; a user without a secret under {@code <prefix>.user}. */
    static ServerConnections connections(AdapterContext context, String prefix) {
        return new ServerConnections(context, prefix, "jdbc:postgresql:", 5432);
    }
}

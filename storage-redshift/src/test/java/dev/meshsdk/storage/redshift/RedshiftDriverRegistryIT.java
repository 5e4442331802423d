package dev.meshsdk.storage.redshift;

import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.storage.jdbc.JdbcRegistry;
import dev.meshsdk.testkit.RegistryContract;

/**
 * The registry contract with the JDBC registry's SQL sent by the real Redshift JDBC driver through PgBouncer
 * to PostgreSQL. The registry needs PostgreSQL's advisory locks, which Redshift lacks: this proves the driver
 * path, not that the registry can live in a Redshift cluster (it cannot; use the postgres registry).
 */
class RedshiftDriverRegistryIT extends RegistryContract {

    @Override
    protected Registry freshRegistry() {
        RedshiftWireServer server = RedshiftWireServer.get();
        return new JdbcRegistry(
                RedshiftStorageAdapterFactory.connections(server.context()),
                server.server("unused"),
                RedshiftWireServer.freshName("reg"));
    }
}

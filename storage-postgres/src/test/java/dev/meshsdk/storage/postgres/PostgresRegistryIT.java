package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.testkit.RegistryContract;
import java.util.Map;

/** The registry contract against a real PostgreSQL server, each test with a registry schema of its own. */
class PostgresRegistryIT extends RegistryContract {

    @Override
    protected Registry freshRegistry() {
        TestPostgres pg = TestPostgres.get();
        return new PostgresRegistryFactory().create(pg.context(Map.of(
                "mesh.registry.postgres.host", pg.host,
                "mesh.registry.postgres.port", String.valueOf(pg.port),
                "mesh.registry.postgres.database", pg.database,
                "mesh.registry.postgres.credentialsId", TestPostgres.CREDENTIALS_ID,
                "mesh.registry.postgres.schema", TestPostgres.freshName("reg"))));
    }
}

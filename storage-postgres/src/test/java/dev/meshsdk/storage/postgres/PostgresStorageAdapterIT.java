package dev.meshsdk.storage.postgres;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.StorageAdapterContract;

/** The storage adapter contract against a real PostgreSQL server, each test in a schema of its own. */
class PostgresStorageAdapterIT extends StorageAdapterContract {
    private final TestPostgres pg = TestPostgres.get();

    @Override
    protected StorageAdapterFactory factory() {
        pg.ensureRole("mesh_reader");
        pg.ensureRole("mesh_writer");
        return new PostgresStorageAdapterFactory();
    }

    @Override
    protected AdapterContext context() {
        return pg.context();
    }

    @Override
    protected PortBinding freshBinding(DataContract contract) {
        return Fixtures.binding(contract, pg.server(TestPostgres.freshName("it")));
    }
}

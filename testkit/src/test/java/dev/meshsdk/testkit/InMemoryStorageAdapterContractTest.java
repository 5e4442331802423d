package dev.meshsdk.testkit;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** The storage adapter contract run against the in-memory reference adapter: the kit checked by the kit's own example. */
class InMemoryStorageAdapterContractTest extends StorageAdapterContract {
    private final InMemoryStorageAdapter.Factory factory = new InMemoryStorageAdapter.Factory();

    @Override
    protected StorageAdapterFactory factory() {
        return factory;
    }

    @Override
    protected AdapterContext context() {
        return new AdapterContext("dev", Path.of("."), Map.of(), null, null, null);
    }

    @Override
    protected PortBinding freshBinding(DataContract contract) {
        return Fixtures.binding(
                contract,
                Fixtures.server(
                        "mem", "memory", Map.of("path", UUID.randomUUID().toString())));
    }

    @Override
    protected void removeHome(PortBinding b) {
        factory.removeHome(b);
    }
}

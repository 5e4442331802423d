package dev.meshsdk.storage.local;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.StorageAdapterContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The storage adapter contract, run against real Delta tables in a temporary folder. */
class LocalStorageAdapterContractTest extends StorageAdapterContract {
    @TempDir
    Path base;

    @Override
    protected StorageAdapterFactory factory() {
        return new LocalStorageAdapterFactory();
    }

    @Override
    protected AdapterContext context() {
        return new AdapterContext("dev", base, Map.of(), null, null, null);
    }

    @Override
    protected PortBinding freshBinding(DataContract contract) {
        return Fixtures.binding(contract, Fixtures.server("local-dev", "local", Map.of("path", "data")));
    }

    @Override
    protected void removeHome(PortBinding b) {
        try (var files =
                java.nio.file.Files.walk(base.resolve(b.server().setting("path").orElseThrow()))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected boolean dropsColumns() {
        return true;
    }
}

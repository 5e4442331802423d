package dev.meshsdk.storage.local;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.testkit.RegistryContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract, run against the file registry in a temporary folder. */
class FileRegistryContractTest extends RegistryContract {
    @TempDir
    Path base;

    @Override
    protected Registry freshRegistry() {
        return new FileRegistryFactory().create(new AdapterContext("dev", base, Map.of(), null, null, null));
    }
}

package dev.meshsdk.storage.local;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Loaded by {@link SparkFreeStartupTest} in a recording class loader: finds the plugin with ServiceLoader
 * as the SDK does, creates the local adapter and deploys a port into the given folder.
 */
public final class StartupProbe implements Consumer<Path> {
    @Override
    public void accept(Path base) {
        StorageAdapterFactory factory = null;
        for (MeshPlugin plugin : ServiceLoader.load(MeshPlugin.class, StartupProbe.class.getClassLoader())) {
            for (StorageAdapterFactory f : plugin.storageAdapters()) {
                if (f.name().equals("local")) factory = f;
            }
        }
        if (factory == null) throw new IllegalStateException("ServiceLoader found no 'local' storage adapter");
        try (StorageAdapter adapter = factory.create(new AdapterContext("dev", base, Map.of(), null, null, null))) {
            PortBinding binding = Fixtures.binding(
                    Fixtures.ordersContract(), Fixtures.server("local-dev", "local", Map.of("path", "data")));
            for (Change c : adapter.plan(binding, adapter.inspect(binding))) adapter.apply(binding, c);
            adapter.inspect(binding);
        }
    }
}

package dev.meshsdk.storage.local;

import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/**
 * The embedded default: the {@code local} storage adapter (Delta tables in a folder) and the {@code file}
 * registry (JSON files in a folder). Listed in {@code META-INF/services/dev.meshsdk.spi.MeshPlugin}.
 */
public final class LocalStoragePlugin implements MeshPlugin {
    @Override
    public List<StorageAdapterFactory> storageAdapters() {
        return List.of(new LocalStorageAdapterFactory());
    }

    @Override
    public List<RegistryFactory> registries() {
        return List.of(new FileRegistryFactory());
    }
}

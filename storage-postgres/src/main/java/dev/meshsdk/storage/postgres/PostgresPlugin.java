package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/** The PostgreSQL plugin: the {@code postgres} storage adapter, registry and quality engine. */
public final class PostgresPlugin implements MeshPlugin {
    @Override
    public List<StorageAdapterFactory> storageAdapters() {
        return List.of(new PostgresStorageAdapterFactory());
    }

    @Override
    public List<RegistryFactory> registries() {
        return List.of(new PostgresRegistryFactory());
    }

    @Override
    public List<QualityEngineFactory> qualityEngines() {
        return List.of(new PostgresQualityEngineFactory());
    }
}

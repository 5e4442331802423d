package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PortDataFactory;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/**
 * The PostgreSQL plugin: the {@code postgres} storage adapter, registry, quality engine and data module
 * (publish, sample, table facts), and the usage collector ({@link PostgresUsageCollector}).
 */
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

    @Override
    public List<PortDataFactory> portData() {
        return List.of(new PortDataFactory() {
            @Override
            public String name() {
                return "postgres";
            }

            @Override
            public PortData create(AdapterContext context) {
                return new PostgresPortData(Postgres.connections(context, Postgres.PREFIX), context.clock());
            }
        });
    }

    @Override
    public List<dev.meshsdk.spi.usage.UsageCollectorFactory> usageCollectors() {
        return List.of(dev.meshsdk.spi.usage.UsageCollectorFactory.of(
                PostgresUsageCollector.SOURCE, PostgresUsageCollector::new));
    }
}

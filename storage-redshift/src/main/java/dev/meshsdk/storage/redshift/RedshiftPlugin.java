package dev.meshsdk.storage.redshift;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PortDataFactory;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/**
 * The Amazon Redshift plugin: the {@code redshift} storage adapter, quality engine and data module (publish
 * through files staged in the team's bucket, sample, table facts), and the usage collector.
 */
public final class RedshiftPlugin implements MeshPlugin {
    @Override
    public List<StorageAdapterFactory> storageAdapters() {
        return List.of(new RedshiftStorageAdapterFactory());
    }

    @Override
    public List<QualityEngineFactory> qualityEngines() {
        return List.of(new QualityEngineFactory() {
            @Override
            public String name() {
                return "redshift";
            }

            @Override
            public QualityEngine create(AdapterContext context) {
                return new RedshiftQualityEngine(
                        RedshiftStorageAdapterFactory.connections(context), new RedshiftDialect());
            }
        });
    }

    @Override
    public List<dev.meshsdk.spi.usage.UsageCollectorFactory> usageCollectors() {
        return List.of(dev.meshsdk.spi.usage.UsageCollectorFactory.of(
                RedshiftUsageCollector.SOURCE, RedshiftUsageCollector::new));
    }

    @Override
    public List<PortDataFactory> portData() {
        return List.of(new PortDataFactory() {
            @Override
            public String name() {
                return "redshift";
            }

            @Override
            public PortData create(AdapterContext context) {
                StagingClients clients = new StagingClients(context);
                return new RedshiftPortData(
                        RedshiftStorageAdapterFactory.connections(context),
                        new RedshiftDialect(),
                        port -> clients.forServer(port.server(), RedshiftStaging.of(port.server(), context)),
                        port -> RedshiftStaging.of(port.server(), context),
                        RedshiftPublisher::execute,
                        RedshiftPublisher.DEFAULT_PART_CHARS,
                        context.clock(),
                        clients);
            }
        });
    }
}

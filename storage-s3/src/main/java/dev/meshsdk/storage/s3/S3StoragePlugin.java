package dev.meshsdk.storage.s3;

import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/**
 * Bring your own bucket: the {@code s3} storage adapter and the usage collector of the bucket's server access logs.
 * Listed in {@code META-INF/services/dev.meshsdk.spi.MeshPlugin}.
 */
public final class S3StoragePlugin implements MeshPlugin {
    @Override
    public List<StorageAdapterFactory> storageAdapters() {
        return List.of(new S3StorageAdapterFactory());
    }

    @Override
    public List<dev.meshsdk.spi.usage.UsageCollectorFactory> usageCollectors() {
        return List.of(
                dev.meshsdk.spi.usage.UsageCollectorFactory.of(S3AccessLogCollector.SOURCE, S3AccessLogCollector::new));
    }
}

package dev.meshsdk.storage.s3;

import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/** Bring your own bucket: the {@code s3} storage adapter. Listed in {@code META-INF/services/dev.meshsdk.spi.MeshPlugin}. */
public final class S3StoragePlugin implements MeshPlugin {
    @Override
    public List<StorageAdapterFactory> storageAdapters() {
        return List.of(new S3StorageAdapterFactory());
    }
}

package dev.meshsdk.storage.redshift;

import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/** The Amazon Redshift plugin: the {@code redshift} storage adapter. */
public final class RedshiftPlugin implements MeshPlugin {
    @Override
    public List<StorageAdapterFactory> storageAdapters() {
        return List.of(new RedshiftStorageAdapterFactory());
    }
}

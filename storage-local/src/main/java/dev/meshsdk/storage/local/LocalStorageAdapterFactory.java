package dev.meshsdk.storage.local;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.Set;

/**
 * Creates the {@code local} storage adapter, which serves ODCS servers of type {@code local}: each schema
 * object of a port becomes a Delta Lake table under the server's {@code path} (relative paths resolve
 * against the context's base directory), created and evolved with Delta Kernel, without Spark.
 * {@code path} is required.
 */
public final class LocalStorageAdapterFactory implements StorageAdapterFactory {
    /** The adapter's name and the server type it serves. */
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> serverTypes() {
        return Set.of(NAME);
    }

    /** Creates the adapter; touches no file until it is used. */
    @Override
    public StorageAdapter create(AdapterContext context) {
        return new LocalStorageAdapter(context);
    }
}

package dev.meshsdk.spi.storage;

import dev.meshsdk.spi.AdapterContext;
import java.util.Set;

/**
 * Creates the storage adapter for one or more ODCS server types. Returned by
 * {@link dev.meshsdk.spi.MeshPlugin#storageAdapters()}.
 */
public interface StorageAdapterFactory {
    /** The adapter's name, unique among loaded adapters ({@code local}, {@code postgres}, ...). */
    String name();

    /** The ODCS server {@code type} values this adapter serves, for example {@code postgres} and {@code postgresql}. */
    Set<String> serverTypes();

    /**
     * Creates an adapter. Called at most once per {@code Mesh} and server type; must not connect to
     * anything yet. Throws {@link dev.meshsdk.MeshException} with {@code INVALID_CONFIGURATION} for bad settings.
     */
    StorageAdapter create(AdapterContext context);
}

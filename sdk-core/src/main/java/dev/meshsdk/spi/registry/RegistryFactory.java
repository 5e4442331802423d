package dev.meshsdk.spi.registry;

import dev.meshsdk.spi.AdapterContext;

/** Creates a registry. Returned by {@link dev.meshsdk.spi.MeshPlugin#registries()}. */
public interface RegistryFactory {
    /** The registry's name, unique among loaded registries ({@code file}, {@code postgres}, ...). */
    String name();

    /** Creates the registry; may open connections. Bad settings throw {@code INVALID_CONFIGURATION}. */
    Registry create(AdapterContext context);
}

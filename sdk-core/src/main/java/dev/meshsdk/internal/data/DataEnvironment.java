package dev.meshsdk.internal.data;

import dev.meshsdk.MeshCatalog;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Registry;
import java.util.function.Supplier;

/**
 * What the data-side commands work with, for one environment: settings, metrics and clock; the catalog the
 * ports are bound from; the loaded data modules and quality engines; the registry; the listener for events; the
 * policies that judge the data, or null when no policy engine is loaded (then nothing is sampled for them);
 * who runs the command (named in the lock an append holds).
 */
public record DataEnvironment(
        AdapterContext context,
        MeshCatalog catalog,
        DataModules modules,
        Supplier<Registry> registry,
        MeshListener listener,
        DataPolicies policies,
        String user) {}

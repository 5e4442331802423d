package dev.meshsdk.spi;

import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.List;

/**
 * The entry point of a module that extends the SDK, listed in
 * {@code META-INF/services/dev.meshsdk.spi.MeshPlugin} and found with {@link java.util.ServiceLoader}.
 * Override only what the module provides. Called once when a {@code Mesh} is built.
 */
public interface MeshPlugin {
    default List<StorageAdapterFactory> storageAdapters() {
        return List.of();
    }

    default List<RegistryFactory> registries() {
        return List.of();
    }

    default List<QualityEngineFactory> qualityEngines() {
        return List.of();
    }

    default List<PolicyEngineFactory> policyEngines() {
        return List.of();
    }

    /** Loading files into ports, sampling and table facts for the data-side goals (publish, check, classify). */
    default List<dev.meshsdk.spi.data.PortDataFactory> portData() {
        return List.of();
    }

    /** Usage collectors: who reads the tables of a kind of store (see {@link dev.meshsdk.spi.usage.UsageCollector}). */
    default List<dev.meshsdk.spi.usage.UsageCollectorFactory> usageCollectors() {
        return List.of();
    }
}

package dev.meshsdk.engine;

import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageCollectorFactory;
import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** The usage tests' plugin of test doubles, and a stand-in collector that reports read events. */
final class UsageDoubles {
    private UsageDoubles() {}

    /** The in-memory store, {@code registry}, a collector named {@code events}, and {@code engines}. */
    static MeshPlugin plugin(
            InMemoryStorage storage,
            RegistryFactory registry,
            UsageCollector collector,
            List<PolicyEngineFactory> engines) {
        return new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
            }

            @Override
            public List<RegistryFactory> registries() {
                return List.of(registry);
            }

            @Override
            public List<UsageCollectorFactory> usageCollectors() {
                return List.of(UsageCollectorFactory.of("events", c -> collector));
            }

            @Override
            public List<PolicyEngineFactory> policyEngines() {
                return engines;
            }
        };
    }

    /** A collector serving the ports {@code serves} accepts, reporting {@code reads} of each target. */
    static UsageCollector events(Predicate<PortBinding> serves, Function<UsageTarget, List<UsageObservation>> reads) {
        return new UsageCollector() {
            @Override
            public boolean supports(PortBinding port) {
                return serves.test(port);
            }

            @Override
            public UsageBatch collect(List<UsageTarget> targets) {
                List<UsageObservation> out = new ArrayList<>();
                targets.forEach(t -> out.addAll(reads.apply(t)));
                return new UsageBatch(out, List.of(), List.of());
            }

            @Override
            public void close() {}
        };
    }
}

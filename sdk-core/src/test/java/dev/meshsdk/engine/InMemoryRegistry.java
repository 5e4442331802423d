package dev.meshsdk.engine;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A test double for the registry, held in memory; the file registry is tested in storage-local. */
final class InMemoryRegistry implements RegistryFactory {
    final List<DeploymentRecord> history = new ArrayList<>();
    final Map<String, CatalogEntry> catalog = new ConcurrentHashMap<>();
    final Map<String, String> locks = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Registry create(AdapterContext context) {
        return new Registry() {
            @Override
            public Optional<DeploymentRecord> current(String productId, String environment) {
                return history(productId, environment).stream()
                        .filter(r -> r.outcome() == DeploymentRecord.Outcome.SUCCEEDED)
                        .reduce((a, b) -> b);
            }

            @Override
            public List<DeploymentRecord> history(String productId, String environment) {
                synchronized (history) {
                    return history.stream().filter(r -> r.productId().equals(productId)
                            && r.environment().equals(environment)).toList();
                }
            }

            @Override
            public List<CatalogEntry> catalog(String environment) {
                return catalog.values().stream().filter(e -> e.environment().equals(environment))
                        .sorted(Comparator.comparing(CatalogEntry::productId)).toList();
            }

            @Override
            public DeployLock lock(String productId, String environment, String holder) {
                String key = productId + "@" + environment;
                String existing = locks.putIfAbsent(key, holder);
                if (existing != null) {
                    throw new MeshException(ErrorCode.LOCK_HELD, "Cannot deploy product '" + productId
                            + "': " + existing + " is deploying it");
                }
                return () -> locks.remove(key);
            }

            @Override
            public void record(DeploymentRecord record, CatalogEntry entry) {
                synchronized (history) {
                    history.add(record);
                }
                if (entry != null) catalog.put(entry.productId() + "@" + entry.environment(), entry);
            }

            @Override
            public void close() {
            }
        };
    }
}

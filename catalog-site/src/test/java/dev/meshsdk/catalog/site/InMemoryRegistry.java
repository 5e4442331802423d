package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLocks;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A test double for the registry, held in memory, so that {@link CatalogSite#write(dev.meshsdk.MeshCatalog,
 * java.nio.file.Path)} can be tested through a real {@code Mesh} and {@code MeshCatalog} from this module,
 * which depends on sdk-core only. The file and postgres registries are tested in their own modules.
 */
final class InMemoryRegistry
        implements RegistryFactory, MeshPlugin, Registry, Catalog, DeploymentHistory, QualityHistory {
    private final Map<String, CatalogEntry> entries = new TreeMap<>();
    private final List<DeploymentRecord> history = new ArrayList<>();
    private final List<QualityRecord> quality = new ArrayList<>();

    @Override
    public List<RegistryFactory> registries() {
        return List.of(this);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Registry create(AdapterContext context) {
        return this;
    }

    @Override
    public DeploymentHistory deployments() {
        return this;
    }

    @Override
    public Catalog catalog() {
        return this;
    }

    @Override
    public DeployLocks locks() {
        throw new UnsupportedOperationException("the catalog site takes no lock");
    }

    @Override
    public QualityHistory quality() {
        return this;
    }

    @Override
    public void close() {}

    @Override
    public synchronized List<CatalogEntry> entries(String environment) {
        return entries.values().stream()
                .filter(e -> e.environment().equals(environment))
                .toList();
    }

    @Override
    public synchronized Optional<CatalogEntry> entry(String productId, String environment) {
        return entries(environment).stream()
                .filter(e -> e.productId().equals(productId))
                .findFirst();
    }

    @Override
    public synchronized Optional<DeploymentRecord> current(String productId, String environment) {
        return history(productId, environment).stream()
                .filter(r -> r.outcome() == DeploymentRecord.Outcome.SUCCEEDED)
                .reduce((a, b) -> b);
    }

    @Override
    public synchronized List<DeploymentRecord> history(String productId, String environment) {
        return history.stream()
                .filter(r -> r.productId().equals(productId) && r.environment().equals(environment))
                .sorted(Comparator.comparing(DeploymentRecord::deployedAt))
                .toList();
    }

    @Override
    public synchronized void record(DeploymentRecord record, CatalogEntry entry) {
        history.add(record);
        if (entry != null) entries.put(entry.productId() + "@" + entry.environment(), entry);
    }

    @Override
    public synchronized void record(QualityRecord record) {
        quality.add(record);
    }

    @Override
    public synchronized List<QualityRecord> latest(String productId, String port, String environment, int limit) {
        return quality.stream()
                .filter(r -> r.productId().equals(productId)
                        && r.environment().equals(environment)
                        && (port == null || r.port().equals(port)))
                .sorted(Comparator.comparing(QualityRecord::checkedAt).reversed())
                .limit(limit)
                .toList();
    }
}

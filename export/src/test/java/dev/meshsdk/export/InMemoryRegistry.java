package dev.meshsdk.export;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLocks;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A test double of a registry that holds given records in memory, so that a real {@code Mesh} can hand
 * out a real {@code MeshCatalog} to the exports. It stands in for the file and JDBC registries, which live
 * in modules this one does not depend on; it does not lock and keeps nothing between runs.
 */
final class InMemoryRegistry implements Registry, Catalog, DeploymentHistory, QualityHistory {
    static final String NAME = "in-memory-test-double";
    private final List<CatalogEntry> entries;
    private final List<DeploymentRecord> deployments;
    private final List<DeployedEntry> deployed;
    private final List<QualityRecord> quality;
    private int perProductReads;

    InMemoryRegistry(
            List<CatalogEntry> entries,
            List<DeploymentRecord> deployments,
            List<DeployedEntry> deployed,
            List<QualityRecord> quality) {
        this.entries = List.copyOf(entries);
        this.deployed = List.copyOf(deployed);
        this.deployments = new ArrayList<>(deployments);
        this.quality = new ArrayList<>(quality);
    }

    /** A plugin offering this registry under {@link #NAME}. */
    MeshPlugin plugin() {
        InMemoryRegistry self = this;
        return new MeshPlugin() {
            @Override
            public List<RegistryFactory> registries() {
                return List.of(new RegistryFactory() {
                    @Override
                    public String name() {
                        return NAME;
                    }

                    @Override
                    public Registry create(AdapterContext context) {
                        return self;
                    }
                });
            }
        };
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
        throw new UnsupportedOperationException("the in-memory test registry does not lock");
    }

    @Override
    public QualityHistory quality() {
        return this;
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public List<CatalogEntry> entries(String environment) {
        return entries.stream()
                .filter(e -> e.environment().equals(environment))
                .sorted(Comparator.comparing(CatalogEntry::productId))
                .toList();
    }

    @Override
    public Optional<CatalogEntry> entry(String productId, String environment) {
        return entries(environment).stream()
                .filter(e -> e.productId().equals(productId))
                .findFirst();
    }

    @Override
    public Optional<DeploymentRecord> current(String productId, String environment) {
        return history(productId, environment).stream()
                .filter(d -> d.outcome() == DeploymentRecord.Outcome.SUCCEEDED)
                .reduce((a, b) -> b);
    }

    @Override
    public List<DeploymentRecord> history(String productId, String environment) {
        perProductReads++;
        return deployments.stream()
                .filter(d -> d.productId().equals(productId) && d.environment().equals(environment))
                .sorted(Comparator.comparing(DeploymentRecord::deployedAt))
                .toList();
    }

    /** One pass over the records, as a registry that reads its store once does. */
    @Override
    public Map<String, List<DeploymentRecord>> histories(
            String environment, Collection<String> productIds, int perProduct) {
        Map<String, List<DeploymentRecord>> out = deployments.stream()
                .filter(d -> d.environment().equals(environment) && productIds.contains(d.productId()))
                .sorted(Comparator.comparing(DeploymentRecord::deployedAt))
                .collect(Collectors.groupingBy(DeploymentRecord::productId));
        out.replaceAll((id, all) -> all.subList(Math.max(0, all.size() - perProduct), all.size()));
        return out;
    }

    /** One pass over the kept entries, as a registry that reads its store once does. */
    @Override
    public Map<String, List<DeployedEntry>> deployedEntries(String environment, Collection<String> productIds) {
        return deployed.stream()
                .filter(d -> d.record().environment().equals(environment)
                        && productIds.contains(d.record().productId()))
                .sorted(Comparator.comparing(d -> d.record().deployedAt()))
                .collect(Collectors.groupingBy(d -> d.record().productId()));
    }

    /** How many times a product's history or quality records were read one product at a time. */
    int perProductReads() {
        return perProductReads;
    }

    @Override
    public void record(DeploymentRecord record, CatalogEntry entry) {
        throw new UnsupportedOperationException("the in-memory test registry is read-only");
    }

    @Override
    public void record(QualityRecord record) {
        quality.add(record);
    }

    @Override
    public List<QualityRecord> latest(String productId, String port, String environment, int limit) {
        perProductReads++;
        return quality.stream()
                .filter(q -> q.productId().equals(productId)
                        && q.environment().equals(environment)
                        && (port == null || q.port().equals(port)))
                .sorted(Comparator.comparing(QualityRecord::checkedAt).reversed())
                .limit(limit)
                .toList();
    }

    /** One pass over the records, as a registry that reads its store once does. */
    @Override
    public Map<String, List<QualityRecord>> latest(String environment, Collection<String> productIds, int perPort) {
        Map<String, List<QualityRecord>> out = new HashMap<>();
        quality.stream()
                .filter(q -> q.environment().equals(environment) && productIds.contains(q.productId()))
                .sorted(Comparator.comparing(QualityRecord::productId)
                        .thenComparing(QualityRecord::port)
                        .thenComparing(QualityRecord::checkedAt, Comparator.reverseOrder()))
                .forEach(q -> {
                    List<QualityRecord> records = out.computeIfAbsent(q.productId(), k -> new ArrayList<>());
                    if (records.stream().filter(r -> r.port().equals(q.port())).count() < perPort) records.add(q);
                });
        return out;
    }
}

package dev.meshsdk.engine;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeployLocks;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.ErasureLog;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double for the registry, held in memory; one instance may be shared by several {@code Mesh}es to
 * stand for a shared registry. The file and postgres registries are tested in their modules.
 */
final class InMemoryRegistry implements RegistryFactory {
    final List<DeploymentRecord> history = new ArrayList<>();
    final Map<String, CatalogEntry> catalog = new ConcurrentHashMap<>();
    /** The catalog entry of every successful deployment, in the order recorded. */
    final List<DeployedEntry> deployed = new ArrayList<>();

    final Map<String, String> locks = new ConcurrentHashMap<>();
    final java.util.List<String> holders = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<QualityRecord> quality = new ArrayList<>();
    final List<ErasureReceipt> erasures = new ArrayList<>();
    /** The key it keeps for hashing subjects, as the file registry does; one per instance. */
    final byte[] key = new java.security.SecureRandom().generateSeed(32);
    /** When set, recording an erasure receipt fails: a registry that went away. */
    volatile boolean erasureLogDown;
    /** When set, recording a failed deployment fails: a registry that went away with the store. */
    volatile boolean historyDownOnFailure;
    /** When set, listing the catalog's entries fails (one entry, and the offering index, are still read): a registry half gone. */
    volatile boolean catalogListingDown;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Registry create(AdapterContext context) {
        DeploymentHistory deployments = new DeploymentHistory() {
            @Override
            public Optional<DeploymentRecord> current(String productId, String environment) {
                return history(productId, environment).stream()
                        .filter(r -> r.outcome() == DeploymentRecord.Outcome.SUCCEEDED)
                        .reduce((a, b) -> b);
            }

            @Override
            public List<DeploymentRecord> history(String productId, String environment) {
                synchronized (history) {
                    return history.stream()
                            .filter(r -> r.productId().equals(productId)
                                    && r.environment().equals(environment))
                            .toList();
                }
            }

            @Override
            public void record(DeploymentRecord record, CatalogEntry entry) {
                if (historyDownOnFailure && record.outcome() == DeploymentRecord.Outcome.FAILED) {
                    throw new dev.meshsdk.MeshException(
                            dev.meshsdk.ErrorCode.REGISTRY_FAILURE,
                            "Cannot write the registry at memory: connection refused");
                }
                boolean succeeded = record.outcome() == DeploymentRecord.Outcome.SUCCEEDED;
                synchronized (history) {
                    history.add(record);
                    if (succeeded && entry != null) deployed.add(new DeployedEntry(record, entry));
                }
                if (succeeded && entry != null) catalog.put(entry.productId() + "@" + entry.environment(), entry);
            }

            @Override
            public Map<String, List<DeployedEntry>> deployedEntries(
                    String environment, java.util.Collection<String> productIds) {
                synchronized (history) {
                    return deployed.stream()
                            .filter(d -> d.record().environment().equals(environment)
                                    && productIds.contains(d.record().productId()))
                            .collect(java.util.stream.Collectors.groupingBy(
                                    d -> d.record().productId()));
                }
            }
        };
        Catalog cat = new Catalog() {
            @Override
            public List<CatalogEntry> entries(String environment) {
                if (catalogListingDown) {
                    throw new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot list the catalog: injected failure");
                }
                return catalog.values().stream()
                        .filter(e -> e.environment().equals(environment))
                        .sorted(Comparator.comparing(CatalogEntry::productId))
                        .toList();
            }

            @Override
            public Optional<CatalogEntry> entry(String productId, String environment) {
                return Optional.ofNullable(catalog.get(productId + "@" + environment));
            }

            // answered from an index, as the file and postgres registries do: not affected by catalogListingDown
            @Override
            public List<CatalogEntry> offering(String contractId, String environment) {
                return catalog.values().stream()
                        .filter(e -> e.environment().equals(environment))
                        .filter(e -> e.outputPorts().stream().anyMatch(p -> contractId.equals(p.contractId())))
                        .sorted(Comparator.comparing(CatalogEntry::productId))
                        .toList();
            }
        };
        DeployLocks deployLocks = (productId, environment, holder) -> {
            String key = productId + "@" + environment;
            holders.add(holder);
            String existing = locks.putIfAbsent(key, holder);
            if (existing != null) {
                throw new MeshException(
                        ErrorCode.LOCK_HELD,
                        "Cannot deploy product '" + productId + "': " + existing + " is deploying it");
            }
            DeployLock lock = () -> locks.remove(key);
            return lock;
        };
        QualityHistory qualityHistory = new QualityHistory() {
            @Override
            public void record(QualityRecord record) {
                synchronized (quality) {
                    quality.add(record);
                }
            }

            @Override
            public List<QualityRecord> latest(String productId, String port, String environment, int limit) {
                synchronized (quality) {
                    return quality.stream()
                            .filter(r -> r.productId().equals(productId)
                                    && (port == null || r.port().equals(port))
                                    && r.environment().equals(environment))
                            .sorted(Comparator.comparing(QualityRecord::checkedAt)
                                    .reversed())
                            .limit(limit)
                            .toList();
                }
            }
        };
        ErasureLog erasureLog = new ErasureLog() {
            @Override
            public void record(ErasureReceipt receipt) {
                if (erasureLogDown) {
                    throw new MeshException(
                            ErrorCode.REGISTRY_FAILURE,
                            "Cannot record an erasure receipt: the" + " in-memory registry is down (injected)");
                }
                synchronized (erasures) {
                    erasures.add(receipt);
                }
            }

            @Override
            public List<ErasureReceipt> receipts(String subjectHash, String environment) {
                synchronized (erasures) {
                    return erasures.stream()
                            .filter(r -> r.subjectHash().equals(subjectHash)
                                    && r.environment().equals(environment))
                            .toList();
                }
            }

            @Override
            public Optional<byte[]> keptKey() {
                return Optional.of(key.clone());
            }
        };
        return new Registry() {
            @Override
            public ErasureLog erasures() {
                return erasureLog;
            }

            @Override
            public DeploymentHistory deployments() {
                return deployments;
            }

            @Override
            public Catalog catalog() {
                return cat;
            }

            @Override
            public DeployLocks locks() {
                return deployLocks;
            }

            @Override
            public QualityHistory quality() {
                return qualityHistory;
            }

            @Override
            public String address() {
                return "memory";
            }

            @Override
            public void close() {}
        };
    }
}

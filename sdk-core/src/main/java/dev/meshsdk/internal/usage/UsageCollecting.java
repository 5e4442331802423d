package dev.meshsdk.internal.usage;

import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.UsageCollectResult;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageCollectorFactory;
import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects usage for the whole mesh of an environment, as the registry's catalog knows it: every table of every
 * live port version goes to the first usage collector (by name) that serves its store, each collector observes
 * its tables once, and each product's observations are recorded in the registry's usage history, where they are
 * diffed with the previous collection's. A collector or store that cannot be read at all leaves its ports
 * unobserved and the others go on; the result then says the collection failed for it.
 */
public final class UsageCollecting {
    private final AdapterContext context;
    private final Map<String, UsageCollectorFactory> factories;
    private final MeshCatalog catalog;
    private final UsageHistory history;

    public UsageCollecting(
            AdapterContext context,
            Map<String, UsageCollectorFactory> factories,
            MeshCatalog catalog,
            UsageHistory history) {
        this.context = context;
        this.factories = factories;
        this.catalog = catalog;
        this.history = history;
    }

    public UsageCollectResult collect() {
        Instant now = context.clock().instant();
        List<CatalogEntry> entries = catalog.products();
        List<String> warnings = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Map<String, UsageCollector> open = new LinkedHashMap<>();
        try {
            factories.forEach((name, f) -> open.put(name, f.create(context)));
            Map<String, List<UsageTarget>> byCollector = new LinkedHashMap<>();
            Map<String, String> collectorOf = new HashMap<>(); // address -> collector
            Set<String> unobserved = new TreeSet<>();
            Map<String, Set<String>> unservedTypes = new LinkedHashMap<>();
            int portCount = 0;
            // every table the catalog lists per product, served or not: the rollup tells new tables by it
            Map<String, Map<String, String>> listed = new HashMap<>();
            for (CatalogEntry e : entries) {
                Set<String> ports = new HashSet<>();
                for (CatalogEntry.Port p : e.outputPorts()) {
                    if (!p.live()) continue;
                    if (ports.add(p.name())) portCount++;
                    p.datasets().forEach(d -> listed.computeIfAbsent(e.productId(), k -> new HashMap<>())
                            .put(d.address(), p.name()));
                    String label = e.productId() + "/" + p.name();
                    PortBinding binding;
                    try {
                        binding = catalog.binding(e, p.name(), p.majorVersion());
                    } catch (MeshException ex) {
                        warnings.add("Cannot observe port " + label + " v" + p.majorVersion() + ": " + ex.getMessage());
                        unobserved.add(label);
                        continue;
                    }
                    String name = open.entrySet().stream()
                            .filter(c -> c.getValue().supports(binding))
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElse(null);
                    if (name == null || p.datasets().isEmpty()) {
                        if (name == null)
                            unservedTypes
                                    .computeIfAbsent(String.valueOf(p.serverType()), k -> new TreeSet<>())
                                    .add(label);
                        unobserved.add(label);
                        continue;
                    }
                    for (CatalogEntry.Dataset d : p.datasets()) {
                        byCollector
                                .computeIfAbsent(name, k -> new ArrayList<>())
                                .add(new UsageTarget(
                                        e.productId(), p.name(), p.majorVersion(), d.object(), d.address(), binding));
                        collectorOf.put(d.address(), name);
                    }
                }
            }
            unservedTypes.forEach((type, labels) -> warnings.add("No usage collector serves server type '" + type
                    + "' (" + String.join(", ", labels) + "); loaded collectors: " + open.keySet()
                    + "; add the module that provides one (mesh-storage-postgres for postgres)"));
            List<UsageObservation> observations = new ArrayList<>();
            Set<String> failedAddresses = new HashSet<>();
            Set<String> answered = new LinkedHashSet<>();
            byCollector.forEach((name, targets) -> {
                try {
                    UsageBatch batch = open.get(name).collect(targets);
                    answered.add(name);
                    observations.addAll(batch.observations());
                    warnings.addAll(batch.warnings());
                    failedAddresses.addAll(batch.uncollected());
                    unreadable.addAll(batch.unreadable());
                } catch (MeshException ex) {
                    unreadable.add("Cannot collect usage with '" + name + "': " + ex.getMessage());
                    targets.forEach(t -> failedAddresses.add(t.address()));
                }
            });
            // each product's observations, grouped once rather than filtered per product
            Map<String, Set<String>> productsOf = new HashMap<>(); // address -> products
            byCollector
                    .values()
                    .forEach(ts -> ts.forEach(t -> productsOf
                            .computeIfAbsent(t.address(), k -> new LinkedHashSet<>())
                            .add(t.productId())));
            Map<String, List<UsageObservation>> observationsOf = new HashMap<>();
            for (UsageObservation o : observations) {
                for (String product : productsOf.getOrDefault(o.address(), Set.of())) {
                    observationsOf
                            .computeIfAbsent(product, k -> new ArrayList<>())
                            .add(o);
                }
            }
            long reads = 0;
            int resets = 0;
            int baselined = 0;
            int baselinedPorts = 0;
            int observedPorts = 0;
            Map<String, List<UsageTarget>> byProduct = new LinkedHashMap<>();
            byCollector
                    .values()
                    .forEach(ts -> ts.forEach(t -> byProduct
                            .computeIfAbsent(t.productId(), k -> new ArrayList<>())
                            .add(t)));
            List<UsageUpdate> updates = new ArrayList<>();
            for (Map.Entry<String, List<UsageTarget>> product : byProduct.entrySet()) {
                Map<String, String> portByAddress = new HashMap<>(listed.getOrDefault(product.getKey(), Map.of()));
                Set<String> ports = new TreeSet<>();
                Set<String> failedPorts = new HashSet<>();
                Set<String> sources = new HashSet<>();
                for (UsageTarget t : product.getValue()) {
                    portByAddress.put(t.address(), t.port());
                    ports.add(t.port());
                    String collector = collectorOf.get(t.address());
                    if (failedAddresses.contains(t.address()) || !answered.contains(collector))
                        failedPorts.add(t.port());
                    else sources.add(collector);
                }
                ports.removeAll(failedPorts);
                failedPorts.forEach(p -> unobserved.add(product.getKey() + "/" + p));
                updates.add(new UsageUpdate(
                        context.environment(),
                        product.getKey(),
                        now,
                        portByAddress,
                        ports,
                        sources,
                        observationsOf.getOrDefault(product.getKey(), List.of())));
                observedPorts += ports.size();
            }
            for (UsageRollup.Result r : history.record(updates)) {
                reads += r.reads();
                resets += r.resets();
                baselined += r.baselined();
                baselinedPorts += r.baselinedPorts();
            }
            return new UsageCollectResult(
                    context.environment(),
                    now,
                    entries.size(),
                    portCount,
                    observedPorts,
                    reads,
                    resets,
                    baselined,
                    baselinedPorts,
                    warnings,
                    new ArrayList<>(unobserved),
                    unreadable);
        } finally {
            for (UsageCollector c : open.values()) {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // closing is best effort; the collection's outcome stands
                }
            }
        }
    }
}

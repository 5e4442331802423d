package dev.meshsdk;

import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.internal.descriptor.DescriptorLoader;
import dev.meshsdk.internal.descriptor.LoadResult;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.CreatedOnFirstWrite;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.Registry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The consumer's view of the mesh in one environment, read from the shared registry: find products,
 * look one up with its owners, ports, schema and quality, follow the lineage, and bind to a port to read
 * it. Obtained from {@link Mesh#catalog()}; reads only, and may be used while others deploy.
 */
public final class MeshCatalog {
    private final Supplier<Registry> registry;
    private final String environment;
    private final Function<CatalogEntry, LoadResult> loader;

    MeshCatalog(Supplier<Registry> registry, String environment, DescriptorLoader descriptors) {
        this.registry = registry;
        this.environment = environment;
        this.loader = e -> descriptors.loadDeployed(e.productId(), e.descriptors());
    }

    /** The registry, checked to exist: a reader never creates it (see {@link CreatedOnFirstWrite}). */
    private Registry registry() {
        Registry r = registry.get();
        if (r instanceof CreatedOnFirstWrite created) created.requireExists();
        return r;
    }

    /** The environment this catalog shows. */
    public String environment() {
        return environment;
    }

    /** Every product deployed to the environment, by id. */
    public List<CatalogEntry> products() {
        return registry().catalog().entries(environment);
    }

    /** The products a query accepts (free text and filters; see {@link CatalogQuery#matches}), by id. */
    public List<CatalogEntry> search(CatalogQuery query) {
        if (!query.environment().equals(environment)) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot search environment '" + query.environment() + "' in the catalog of '" + environment
                            + "'; build a Mesh for that environment");
        }
        return registry().catalog().search(query);
    }

    /** Free-text search: every word must occur in the product's names, descriptions, tags, ports or columns. */
    public List<CatalogEntry> search(String text) {
        return search(CatalogQuery.in(environment).text(text));
    }

    /** One product as deployed, if it is. */
    public Optional<CatalogEntry> product(String productId) {
        return registry().catalog().entry(productId, environment);
    }

    /** The latest quality records of a product's port ({@code port} null: every port), newest first. */
    public List<QualityRecord> quality(String productId, String port, int limit) {
        return registry().quality().latest(productId, port, environment, limit);
    }

    /** Every deployment of a product, oldest first. */
    public List<DeploymentRecord> history(String productId) {
        return registry().deployments().history(productId, environment);
    }

    /**
     * The latest {@code perPort} quality records of every port of each of {@code productIds}, by product id
     * (grouped by port, newest first within a port; products without records absent), read in one call: for
     * views of the whole environment, where a call per product would be thousands of registry reads.
     */
    public Map<String, List<QualityRecord>> quality(Collection<String> productIds, int perPort) {
        return registry().quality().latest(environment, productIds, perPort);
    }

    /**
     * The newest {@code perProduct} deployments of each of {@code productIds}, oldest first, by product id
     * (products never deployed absent), read in one call: for views of the whole environment.
     */
    public Map<String, List<DeploymentRecord>> histories(Collection<String> productIds, int perProduct) {
        return registry().deployments().histories(environment, productIds, perProduct);
    }

    /**
     * Each successful deployment of each of {@code productIds} with the catalog entry it left, oldest first, by
     * product id, read in one call: every run as it was, for a lineage export. Deployments recorded before the
     * registry kept entries (or by a registry that keeps none) are not listed; {@link #histories} has them all.
     */
    public Map<String, List<DeployedEntry>> deployedEntries(Collection<String> productIds) {
        return registry().deployments().deployedEntries(environment, productIds);
    }

    /** Every lineage edge of the environment: one per resolved input port, by consumer. */
    public List<Lineage.Edge> edges() {
        return edges(products());
    }

    /**
     * The consumers that read one contract major version of a producer's output port, as their deployments
     * registered them: what keeps a retired version's table from being dropped. Empty when nobody reads it.
     */
    public List<Lineage.Edge> readers(String productId, String port, int majorVersion) {
        return dev.meshsdk.internal.engine.Retirements.readers(products(), productId, port, majorVersion);
    }

    /** The lineage around a product, upstream and downstream, transitively. */
    public Lineage lineage(String productId) {
        List<Lineage.Edge> all = edges();
        return new Lineage(productId, environment, walk(productId, all, true), walk(productId, all, false));
    }

    /**
     * The binding of a product's output port at its newest live contract major version: where it lives,
     * its contract and server, as a storage adapter or a Spark job needs it.
     *
     * @throws MeshException {@code NOT_FOUND} when the product or port is not deployed to the environment
     */
    public PortBinding binding(String productId, String port) {
        return binding(productId, port, -1);
    }

    /** The binding of a product's output port at one live contract major version ({@code -1}: the newest). */
    public PortBinding binding(String productId, String port, int majorVersion) {
        return binding(product(productId).orElseThrow(() -> notDeployed(productId)), port, majorVersion);
    }

    /**
     * The binding of an output port of an entry already read ({@link #products()}, {@link #search}), without
     * reading the registry again: for work over the whole environment, where a read per port would be thousands.
     *
     * @throws MeshException {@code NOT_FOUND} when the entry has no such port
     */
    public PortBinding binding(CatalogEntry entry, String port, int majorVersion) {
        String productId = entry.productId();
        CatalogEntry.Port p = entry.outputPorts().stream()
                .filter(x -> x.name().equals(port) && (majorVersion < 0 || x.majorVersion() == majorVersion))
                .max(Comparator.comparingInt(CatalogEntry.Port::majorVersion))
                .orElseThrow(() -> notFound(
                        "output port '" + port + "'"
                                + (majorVersion < 0 ? "" : " at major version " + majorVersion) + " of product '"
                                + productId
                                + "' in '" + environment + "': the product has no such output port",
                        "its ports: "
                                + entry.outputPorts().stream()
                                        .map(x -> x.name() + " v" + x.majorVersion())
                                        .distinct()
                                        .toList()));
        return dev.meshsdk.internal.engine.PortBindings.of(source(entry), p.name(), p.contractFile(), environment);
    }

    /**
     * A product as deployed to the environment: its product file and contracts as the registry keeps them (not
     * a build's sources), read the way deployments read them, at the registry's paths ({@code
     * registry/<id>/product.yaml}). What policies judge when they judge deployed data.
     *
     * @throws MeshException {@code NOT_FOUND} when the product is not deployed to the environment,
     *     {@code REGISTRY_FAILURE} when the descriptors the registry keeps do not read
     */
    public ProductSource deployed(String productId) {
        return source(product(productId).orElseThrow(() -> notDeployed(productId)));
    }

    /**
     * The usage report of this environment as of {@code asOf} (a UTC day): per port the reads over 7, 30 and 90
     * days up to it, readers and last read, the ports nobody read in {@code unusedDays} days, and the consumers who
     * stopped reading a port they consume in those days. See
     * {@link Mesh#usage(int)}, which reports as of today.
     *
     * @throws MeshException {@code UNSUPPORTED} when the registry keeps no usage history
     */
    public UsageReport usage(java.time.LocalDate asOf, int unusedDays) {
        return usage(asOf, unusedDays, List.of());
    }

    /**
     * The usage report of {@link #usage(java.time.LocalDate, int)}, of the products {@code productIds} only (every
     * product when empty): their ports, and the consumers where they produce or consume.
     *
     * @throws MeshException {@code NOT_FOUND} when one of {@code productIds} is not deployed to the environment,
     *     {@code UNSUPPORTED} when the registry keeps no usage history
     */
    public UsageReport usage(java.time.LocalDate asOf, int unusedDays, List<String> productIds) {
        List<CatalogEntry> entries = products();
        return dev.meshsdk.internal.usage.UsageReporting.report(
                environment,
                entries,
                registry().usage(),
                asOf,
                unusedDays,
                this::deployed,
                // when each port and consumer's input port was first deployed: a new port is not unused
                deployedEntries(entries.stream().map(CatalogEntry::productId).toList()),
                productIds);
    }

    static List<Lineage.Edge> edges(List<CatalogEntry> entries) {
        List<Lineage.Edge> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            for (CatalogEntry.Input in : e.inputPorts()) {
                if (in.producer() == null) continue;
                out.add(new Lineage.Edge(
                        e.productId(),
                        in.name(),
                        in.producer(),
                        in.producerPort(),
                        in.contractId(),
                        in.majorVersion()));
            }
        }
        return out;
    }

    private static List<Lineage.Edge> walk(String start, List<Lineage.Edge> all, boolean up) {
        List<Lineage.Edge> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(start));
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String at = todo.poll();
            for (Lineage.Edge edge : all) {
                String from = up ? edge.consumer() : edge.producer();
                String to = up ? edge.producer() : edge.consumer();
                if (!from.equals(at)) continue;
                out.add(edge);
                if (seen.add(to)) todo.add(to);
            }
        }
        return out;
    }

    private MeshException notDeployed(String productId) {
        return notFound(
                "product '" + productId + "' in '" + environment + "': it is not deployed there",
                "check the id with mesh:catalog or search()");
    }

    private MeshException notFound(String what, String hint) {
        return new MeshException(ErrorCode.NOT_FOUND, "Cannot find " + what + "; " + hint);
    }

    /** A deployed entry's descriptors, read as a product. */
    private ProductSource source(CatalogEntry entry) {
        LoadResult loaded = loader.apply(entry);
        ValidationReport report = loaded.report();
        if (loaded.products().isEmpty() || report.hasErrors()) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot read the descriptors of product '"
                            + entry.productId() + "' kept in the registry: "
                            + report.errors().stream()
                                    .findFirst()
                                    .map(d -> d.message())
                                    .orElse("no product.yaml") + "; deploy the product again");
        }
        return loaded.products().get(0);
    }
}

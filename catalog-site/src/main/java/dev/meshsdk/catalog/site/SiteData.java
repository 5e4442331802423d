package dev.meshsdk.catalog.site;

import dev.meshsdk.Lineage;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the catalog site shows for one environment, as read from the registry (see
 * {@link CatalogSite#write(dev.meshsdk.MeshCatalog, java.nio.file.Path)}) or built directly by a test or
 * a benchmark. Holds metadata only: the model has no credential and no row value.
 *
 * @param environment the environment the entries are deployed to
 * @param entries     the products, one per id, all of {@code environment}
 * @param quality     by product id: the quality records of its ports (any order; the site shows the
 *                    newest of each port and major version first); a product may be missing
 * @param deployments by product id: its deployments (any order; the site shows the newest first); a
 *                    product may be missing
 * @param edges       the lineage edges of the environment, one per resolved input port (as
 *                    {@link dev.meshsdk.MeshCatalog#edges()} returns them)
 * @param usage       the usage report of the environment, null when the registry keeps no usage (each product
 *                    page then says that usage is not collected)
 */
public record SiteData(
        String environment,
        List<CatalogEntry> entries,
        Map<String, List<QualityRecord>> quality,
        Map<String, List<DeploymentRecord>> deployments,
        List<Lineage.Edge> edges,
        dev.meshsdk.UsageReport usage) {
    /** A catalog without usage figures. */
    public SiteData(
            String environment,
            List<CatalogEntry> entries,
            Map<String, List<QualityRecord>> quality,
            Map<String, List<DeploymentRecord>> deployments,
            List<Lineage.Edge> edges) {
        this(environment, entries, quality, deployments, edges, null);
    }

    /** The days without a read after which the site calls a port unused. */
    public static final int UNUSED_DAYS = 30;

    public SiteData {
        Objects.requireNonNull(environment, "environment");
        entries = entries == null ? List.of() : List.copyOf(entries);
        quality = copy(quality);
        deployments = copy(deployments);
        edges = edges == null ? List.of() : List.copyOf(edges);
        Set<String> ids = new HashSet<>();
        for (CatalogEntry e : entries) {
            if (!environment.equals(e.environment())) {
                throw new IllegalArgumentException("Cannot show product '" + e.productId() + "' in the catalog of '"
                        + environment + "': it is deployed to '" + e.environment() + "'");
            }
            if (!ids.add(e.productId())) {
                throw new IllegalArgumentException("Cannot show product '" + e.productId()
                        + "' twice in the catalog of '" + environment + "'; give each entry once");
            }
        }
    }

    /** A catalog with products and lineage but no quality records and no deployment history yet. */
    public static SiteData of(String environment, List<CatalogEntry> entries, List<Lineage.Edge> edges) {
        return new SiteData(environment, entries, Map.of(), Map.of(), edges);
    }

    /**
     * Reads what the site shows from a catalog: its products, for each output port the latest
     * {@code qualityPerPort} quality records, every product's deployments, and the lineage edges. Quality
     * records and deployments are read in one registry call each, not one per product.
     *
     * @throws dev.meshsdk.MeshException {@code REGISTRY_FAILURE} when the registry cannot be read
     */
    public static SiteData read(MeshCatalog catalog, int qualityPerPort) {
        return read(catalog, qualityPerPort, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /**
     * As {@link #read(MeshCatalog, int)}, with the usage report as of {@code today} (UTC; the unused ports are those
     * not read in {@value #UNUSED_DAYS} days); without usage when the registry keeps none.
     */
    public static SiteData read(MeshCatalog catalog, int qualityPerPort, java.time.LocalDate today) {
        List<CatalogEntry> entries = catalog.products();
        List<String> ids = entries.stream().map(CatalogEntry::productId).toList();
        Map<String, List<QualityRecord>> latest = catalog.quality(ids, qualityPerPort);
        Map<String, List<DeploymentRecord>> histories = catalog.histories(ids, Integer.MAX_VALUE);
        Map<String, List<QualityRecord>> quality = new LinkedHashMap<>();
        Map<String, List<DeploymentRecord>> deployments = new LinkedHashMap<>();
        for (CatalogEntry e : entries) {
            // the ports the entry lists: records of a port it no longer has are not shown
            Set<String> ports = new HashSet<>();
            e.outputPorts().forEach(p -> ports.add(p.name()));
            quality.put(
                    e.productId(),
                    latest.getOrDefault(e.productId(), List.of()).stream()
                            .filter(r -> ports.contains(r.port()))
                            .toList());
            deployments.put(e.productId(), histories.getOrDefault(e.productId(), List.of()));
        }
        dev.meshsdk.UsageReport usage;
        try {
            usage = catalog.usage(today, UNUSED_DAYS);
        } catch (dev.meshsdk.MeshException e) {
            if (e.code() != dev.meshsdk.ErrorCode.UNSUPPORTED) throw e;
            usage = null;
        }
        return new SiteData(catalog.environment(), entries, quality, deployments, catalog.edges(), usage);
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> byProduct) {
        if (byProduct == null || byProduct.isEmpty()) return Map.of();
        Map<String, List<T>> out = new LinkedHashMap<>();
        byProduct.forEach((id, list) ->
                out.put(Objects.requireNonNull(id, "product id"), list == null ? List.of() : List.copyOf(list)));
        return java.util.Collections.unmodifiableMap(out);
    }
}

package dev.meshsdk.spi.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry's part that keeps every deployment of every product, per environment. */
public interface DeploymentHistory {

    /** The last successful deployment of a product to an environment, if any. May run concurrently. */
    Optional<DeploymentRecord> current(String productId, String environment);

    /** Every deployment of a product to an environment, oldest first. May run concurrently. */
    List<DeploymentRecord> history(String productId, String environment);

    /**
     * The newest {@code perProduct} deployments of each of {@code productIds} in an environment, oldest first,
     * in one call: what a view of the whole environment (the catalog site, a lineage export) reads. By product
     * id; each list is the end of what {@link #history} returns for the product. A product without
     * deployments is absent. May run concurrently; fails as {@link #history} does.
     *
     * <p>The default asks {@link #history} once per product; a registry should answer with one read of its
     * store instead.
     */
    default Map<String, List<DeploymentRecord>> histories(
            String environment, Collection<String> productIds, int perProduct) {
        Map<String, List<DeploymentRecord>> out = new LinkedHashMap<>();
        if (perProduct <= 0) return out;
        for (String productId : productIds) {
            List<DeploymentRecord> all = history(productId, environment);
            if (!all.isEmpty()) {
                out.put(productId, List.copyOf(all.subList(Math.max(0, all.size() - perProduct), all.size())));
            }
        }
        return out;
    }

    /**
     * The successful deployments of each of {@code productIds} in an environment whose catalog entry this
     * registry kept, each with the entry as {@link #record} stored it, oldest first, by product id; a product
     * without any is absent. What a lineage export reads to describe every run with the ports, inputs and
     * schema it had then. A deployment recorded before the registry kept entries has none and is not listed
     * (its record is still in {@link #history}). May run concurrently; fails as {@link #history} does.
     *
     * <p>The default keeps no entries and answers an empty map; a registry should keep one per successful
     * deployment and answer with one read of its store.
     */
    default Map<String, List<DeployedEntry>> deployedEntries(String environment, Collection<String> productIds) {
        return Map.of();
    }

    /**
     * Records a deployment: appends {@code record} to the history and, when it succeeded, makes it the
     * current deployment, stores {@code entry} in the catalog and keeps it for {@link #deployedEntries}, as
     * one step where the store allows it. {@code entry} is null for a failed deployment. Called while holding the product's deploy lock.
     */
    void record(DeploymentRecord record, CatalogEntry entry);
}

package dev.meshsdk.spi.registry;

import java.util.List;
import java.util.Optional;

/**
 * The registry's part that answers what is deployed: the catalog consumers search and the lineage is
 * built from. Every method may run concurrently with others and with deployments.
 */
public interface Catalog {

    /** Every product deployed to an environment, sorted by product id. */
    List<CatalogEntry> entries(String environment);

    /** One product as deployed to an environment, if it is. */
    Optional<CatalogEntry> entry(String productId, String environment);

    /**
     * The products of {@code query.environment()} that {@link CatalogQuery#matches} accepts, sorted by
     * product id. The default filters {@link #entries}; a registry with an index may narrow first, but
     * must return exactly what {@code matches} accepts.
     */
    default List<CatalogEntry> search(CatalogQuery query) {
        return entries(query.environment()).stream().filter(query::matches).toList();
    }

    /**
     * The products of an environment with an output port whose contract is {@code contractId}, sorted by
     * product id: the producers an input port consuming that contract resolves to. The default filters
     * {@link #entries}; a registry with an index should answer without reading every entry.
     */
    default List<CatalogEntry> offering(String contractId, String environment) {
        return entries(environment).stream()
                .filter(e -> e.outputPorts().stream().anyMatch(p -> contractId.equals(p.contractId())))
                .toList();
    }
}

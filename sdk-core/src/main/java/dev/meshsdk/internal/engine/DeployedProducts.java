package dev.meshsdk.internal.engine;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.descriptor.Suggestions;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that restricts a goal over deployed products to the ids a user named ({@code -Dmesh.product}), and
 * words an id that is not deployed: {@code Cannot classify product 'signup': it is not deployed to 'dev'; perhaps
 * you meant 'signups'; deployed products: [signups]}.
 */
public final class DeployedProducts {
    private DeployedProducts() {}

    /**
     * The entries of {@code productIds}, in the order of {@code entries}; every entry when {@code productIds} is
     * null or empty.
     *
     * @param verb what the goal does to a product, for the message ({@code classify}, {@code report the usage of})
     * @throws MeshException {@code NOT_FOUND} naming the first id that is not deployed
     */
    public static List<CatalogEntry> select(
            List<CatalogEntry> entries, String environment, Collection<String> productIds, String verb) {
        if (productIds == null || productIds.isEmpty()) return entries;
        Set<String> known =
                new TreeSet<>(entries.stream().map(CatalogEntry::productId).toList());
        for (String id : productIds) {
            if (!known.contains(id)) {
                String near = Suggestions.closest(id, known);
                throw new MeshException(
                        ErrorCode.NOT_FOUND,
                        "Cannot " + verb + " product '" + id + "': it is not deployed to '" + environment + "'; "
                                + (near == null ? "" : "perhaps you meant '" + near + "'; ") + "deployed products: "
                                + known);
            }
        }
        return entries.stream().filter(e -> productIds.contains(e.productId())).toList();
    }
}

package dev.meshsdk.spi.registry;

import java.util.List;
import java.util.Optional;

/** The registry's part that keeps every deployment of every product, per environment. */
public interface DeploymentHistory {

    /** The last successful deployment of a product to an environment, if any. May run concurrently. */
    Optional<DeploymentRecord> current(String productId, String environment);

    /** Every deployment of a product to an environment, oldest first. May run concurrently. */
    List<DeploymentRecord> history(String productId, String environment);

    /**
     * Records a deployment: appends {@code record} to the history and, when it succeeded, makes it the
     * current deployment and stores {@code entry} in the catalog, as one step where the store allows
     * it. {@code entry} is null for a failed deployment. Called while holding the product's deploy lock.
     */
    void record(DeploymentRecord record, CatalogEntry entry);
}

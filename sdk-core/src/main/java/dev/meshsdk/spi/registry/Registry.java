package dev.meshsdk.spi.registry;

import java.util.List;
import java.util.Optional;

/**
 * The central record of what is deployed: the current version of each product per environment, the
 * history of deployments, the catalog consumers browse, and the per-product deploy lock.
 *
 * <p>Implementations are safe for concurrent use by several processes (two builds deploying at once).
 * Failures are thrown as {@link dev.meshsdk.MeshException} with {@code REGISTRY_FAILURE}.
 */
public interface Registry extends AutoCloseable {

    /** The last successful deployment of a product to an environment, if any. */
    Optional<DeploymentRecord> current(String productId, String environment);

    /** Every deployment of a product to an environment, oldest first. */
    List<DeploymentRecord> history(String productId, String environment);

    /** The catalog of products deployed to an environment, sorted by product id. */
    List<CatalogEntry> catalog(String environment);

    /**
     * Takes the deploy lock of one product in one environment, or fails at once with
     * {@code LOCK_HELD} naming the holder. The lock is released when the returned handle closes, or when
     * the holding process dies.
     */
    DeployLock lock(String productId, String environment, String holder);

    /**
     * Records a deployment: appends {@code record} to the history and, when it succeeded, makes it the
     * current deployment and stores {@code entry} in the catalog. Called while holding the lock.
     */
    void record(DeploymentRecord record, CatalogEntry entry);

    @Override
    void close();
}

package dev.meshsdk.spi.registry;

import java.util.Objects;

/**
 * A successful deployment with the catalog entry it stored: the product as that deployment left it, which
 * later deployments do not change. What a registry keeps per deployment so that a lineage export can
 * describe each run as it was, not with today's ports.
 *
 * @param record the deployment, {@link DeploymentRecord.Outcome#SUCCEEDED}
 * @param entry  the catalog entry passed with it to {@link DeploymentHistory#record}, of the same product and
 *               environment
 */
public record DeployedEntry(DeploymentRecord record, CatalogEntry entry) {
    public DeployedEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(entry, "entry");
        if (record.outcome() != DeploymentRecord.Outcome.SUCCEEDED) {
            throw new IllegalArgumentException("Cannot keep a catalog entry for the " + record.outcome()
                    + " deployment of product '" + record.productId() + "': only a successful one stores an entry");
        }
    }
}

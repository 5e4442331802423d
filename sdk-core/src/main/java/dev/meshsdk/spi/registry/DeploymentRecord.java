package dev.meshsdk.spi.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One deployment of a product to an environment, as kept in the history.
 *
 * @param checksum the SHA-256 of the descriptors deployed
 * @param changes  the changes applied, one summary line each
 */
public record DeploymentRecord(
        String productId,
        String productVersion,
        String environment,
        String checksum,
        Instant deployedAt,
        String deployedBy,
        Outcome outcome,
        List<String> changes,
        String message) {
    public DeploymentRecord {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(deployedAt, "deployedAt");
        Objects.requireNonNull(outcome, "outcome");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** How a deployment ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED
    }
}

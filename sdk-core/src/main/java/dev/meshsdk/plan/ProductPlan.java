package dev.meshsdk.plan;

import java.util.List;
import java.util.Objects;

/**
 * The plan for one data product.
 *
 * @param checksum         the SHA-256 of the product's descriptors as planned
 * @param deployedChecksum the checksum the registry held for the product when planning, or null
 * @param consumes         ids of products this one consumes, which are deployed before it
 * @param inputMoves       its input ports that move to another major version of what they read (not changes)
 */
public record ProductPlan(
        String productId,
        String name,
        String version,
        String checksum,
        String deployedChecksum,
        List<String> consumes,
        List<PortPlan> ports,
        List<InputMove> inputMoves) {
    public ProductPlan {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(checksum, "checksum");
        consumes = consumes == null ? List.of() : List.copyOf(consumes);
        ports = List.copyOf(ports);
        inputMoves = inputMoves == null ? List.of() : List.copyOf(inputMoves);
    }

    /** A product plan whose input ports move nowhere. */
    public ProductPlan(
            String productId,
            String name,
            String version,
            String checksum,
            String deployedChecksum,
            List<String> consumes,
            List<PortPlan> ports) {
        this(productId, name, version, checksum, deployedChecksum, consumes, ports, List.of());
    }

    /** This plan with {@code ports} in place of its ports. */
    public ProductPlan withPorts(List<PortPlan> ports) {
        return new ProductPlan(productId, name, version, checksum, deployedChecksum, consumes, ports, inputMoves);
    }

    /** Whether applying this plan changes any store or the registry. */
    public boolean hasChanges() {
        return ports.stream().anyMatch(PortPlan::hasChanges) || !checksum.equals(deployedChecksum);
    }

    public List<Change.Refused> refusals() {
        return ports.stream().flatMap(p -> p.refusals().stream()).toList();
    }
}

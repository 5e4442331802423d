package dev.meshsdk;

import java.util.List;
import java.util.Objects;

/**
 * The lineage around a product in one environment: every edge upstream (what it reads, transitively)
 * and downstream (who reads it, transitively), as recorded by deployments.
 */
public record Lineage(String productId, String environment, List<Edge> upstream, List<Edge> downstream) {
    public Lineage {
        Objects.requireNonNull(productId, "productId");
        upstream = List.copyOf(upstream);
        downstream = List.copyOf(downstream);
    }

    /**
     * An input port of {@code consumer} reading output port {@code producerPort} of {@code producer}.
     *
     * @param majorVersion the contract major version read
     */
    public record Edge(
            String consumer,
            String inputPort,
            String producer,
            String producerPort,
            String contractId,
            int majorVersion) {}
}

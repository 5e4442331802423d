package dev.meshsdk.spi.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A product as the catalog shows it: who owns it, what it offers, where, and what it consumes.
 *
 * @param consumes the contract ids of the input ports (lineage)
 */
public record CatalogEntry(String productId, String name, String version, String status, String domain,
                           String team, String description, String environment, List<Port> outputPorts,
                           List<String> consumes, Instant updatedAt) {
    public CatalogEntry {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(environment, "environment");
        outputPorts = outputPorts == null ? List.of() : List.copyOf(outputPorts);
        consumes = consumes == null ? List.of() : List.copyOf(consumes);
    }

    /** An output port in the catalog. */
    public record Port(String name, String version, String contractId, String contractVersion, String serverType,
                       String address) {
    }
}

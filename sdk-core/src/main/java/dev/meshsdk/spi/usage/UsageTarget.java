package dev.meshsdk.spi.usage;

import dev.meshsdk.spi.PortBinding;
import java.util.Objects;

/**
 * One table whose reads a {@link UsageCollector} is asked to observe: a schema object of an output port in one
 * live contract major version, as the registry's catalog lists it.
 *
 * @param address the table's absolute address from the catalog ({@code postgresql://host:5432/db/schema.table},
 *                {@code file:///...}); observations name the table by it
 * @param binding the port bound to its home, for the collector to connect to the store
 */
public record UsageTarget(
        String productId, String port, int majorVersion, String object, String address, PortBinding binding) {
    public UsageTarget {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(binding, "binding");
    }
}

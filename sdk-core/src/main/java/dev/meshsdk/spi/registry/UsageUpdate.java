package dev.meshsdk.spi.registry;

import dev.meshsdk.spi.usage.UsageObservation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One collection's observations of one product, for {@link UsageHistory#record}.
 *
 * @param collectedAt   when they were taken; counter increases are counted on this day (UTC)
 * @param portByAddress the port of each table address the catalog lists for the product's live ports, observed or
 *                      not: a table first listed after the product's previous collection is new (see
 *                      {@link UsageRollup})
 * @param ports         the ports observed in full: each gets a day row for {@code collectedAt}, zero when unread
 * @param sources       the sources that answered: their counters missing from the observations are dropped
 *                      (the store forgot them), those of other sources are kept for the next collection
 */
public record UsageUpdate(
        String environment,
        String productId,
        Instant collectedAt,
        Map<String, String> portByAddress,
        Set<String> ports,
        Set<String> sources,
        List<UsageObservation> observations) {
    public UsageUpdate {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(collectedAt, "collectedAt");
        portByAddress = portByAddress == null ? Map.of() : Map.copyOf(portByAddress);
        ports = ports == null ? Set.of() : Set.copyOf(ports);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        observations = observations == null ? List.of() : List.copyOf(observations);
    }
}

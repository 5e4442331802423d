package dev.meshsdk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Mesh#collectUsage()} did for the whole mesh of an environment.
 *
 * @param products      the products of the catalog
 * @param ports         the output ports of the catalog (each counted once, whatever its major versions)
 * @param portsObserved the ports a collector observed in full: their day rows now say how often they were read
 * @param reads         the reads this collection counted (nothing is counted twice)
 * @param resets        the counters found reset since the previous collection (counted from zero, not negative)
 * @param baselined     the counters seen for the first time: they set the baseline and count from the next collection
 * @param warnings      what could not be observed and what to do about it (install, grant, add a module)
 * @param unobserved    the ports no collector observed ({@code product/port}); they are not recorded as unread
 */
public record UsageCollectResult(
        String environment,
        Instant collectedAt,
        int products,
        int ports,
        int portsObserved,
        long reads,
        int resets,
        int baselined,
        List<String> warnings,
        List<String> unobserved) {
    public UsageCollectResult {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(collectedAt, "collectedAt");
        warnings = List.copyOf(warnings);
        unobserved = List.copyOf(unobserved);
    }

    /** One line for a person. */
    public String summary() {
        return "Collected usage of " + portsObserved + " of " + ports + " port(s) of " + products + " product(s) in '"
                + environment + "': " + reads + " read(s) counted"
                + (resets > 0 ? ", " + resets + " counter reset(s) detected" : "")
                + (baselined > 0 ? ", " + baselined + " new counter(s) set as" + " baseline" : "")
                + (unobserved.isEmpty() ? "" : "; not observed: " + String.join(", ", unobserved));
    }
}

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
 * @param portsBaselined the ports observed for the first time: this collection set their baseline, and their
 *                      reads of counters and days without reads count from the next collection
 * @param warnings      what could not be observed and what to do about it (install, grant, add a module)
 * @param unobserved    the ports no collector observed ({@code product/port}); they are not recorded as unread
 * @param unreadable    the stores that could not be read at all (a failed login, a server not reachable), each
 *                      saying what to do; the collection failed for them, and the other stores were recorded
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
        int portsBaselined,
        List<String> warnings,
        List<String> unobserved,
        List<String> unreadable) {
    public UsageCollectResult {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(collectedAt, "collectedAt");
        warnings = List.copyOf(warnings);
        unobserved = List.copyOf(unobserved);
        unreadable = List.copyOf(unreadable);
    }

    /** Whether a store could not be read at all: the collection failed for its ports. */
    public boolean failed() {
        return !unreadable.isEmpty();
    }

    /** One line for a person. */
    public String summary() {
        String counted = reads == 0 && portsBaselined > 0 && portsBaselined == portsObserved
                ? "baseline set for " + portsBaselined + " port(s); reads count from the next collection"
                : reads + " read(s) counted"
                        + (resets > 0 ? ", " + resets + " counter reset(s) detected" : "")
                        + (portsBaselined > 0
                                ? "; baseline set for " + portsBaselined + " port(s) observed for the first time;"
                                        + " their counters and days without reads count from the next collection"
                                : "");
        return "Collected usage of " + (portsObserved == ports ? "all " + ports : portsObserved + " of " + ports)
                + " port(s) of " + products + " product(s) in '" + environment + "': " + counted
                + (unobserved.isEmpty() ? "" : "; not observed: " + String.join(", ", unobserved));
    }

    /**
     * Why the collection failed, for a person; empty when it did not ({@link #failed()}): each store that could not
     * be read and what to do, and that the others were recorded.
     */
    public java.util.Optional<String> failure() {
        if (unreadable.isEmpty()) return java.util.Optional.empty();
        return java.util.Optional.of("Cannot collect the usage of " + unreadable.size() + " store(s) in '"
                + environment + "': " + String.join("; and ", unreadable) + ". The usage of the other stores was"
                + " recorded (" + portsObserved + " of " + ports + " port(s) observed); fix the access and collect"
                + " again: nothing is counted twice");
    }
}

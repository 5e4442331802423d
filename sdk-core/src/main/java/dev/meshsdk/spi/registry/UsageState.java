package dev.meshsdk.spi.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the registry keeps of one product between collections so that collecting twice counts nothing twice:
 * the counters' last values, per event source the newest event counted (its watermark), and per port the last
 * day recorded (days between it and the next collection are recorded as zero), and the tables each source has
 * observed ({@code source + " " + address}): a counter that appears for a table already observed counts from zero
 * (a new reader, a new statement), one of a table seen for the first time is the baseline unless the table was
 * deployed after the previous collection (see {@link UsageRollup}).
 *
 * @param collectedAt when the previous collection of the product ran; null before the first (and in a state kept by
 *                    an earlier version, which did not keep it: then every table first seen is a baseline)
 * @param listed      the table addresses the catalog listed for the product at any collection since
 *                    {@code collectedAt} was kept, observed or not
 */
public record UsageState(
        List<UsageCounter> counters,
        Map<String, Instant> watermarks,
        Map<String, LocalDate> lastDays,
        List<String> observed,
        Instant collectedAt,
        List<String> listed) {
    public UsageState {
        observed = observed == null ? List.of() : List.copyOf(observed);
        listed = listed == null ? List.of() : List.copyOf(listed);
        counters = counters == null ? List.of() : List.copyOf(counters);
        watermarks = watermarks == null ? Map.of() : Map.copyOf(watermarks);
        lastDays = lastDays == null ? Map.of() : Map.copyOf(lastDays);
    }

    /** The state of a product never collected. */
    public static UsageState empty() {
        return new UsageState(List.of(), Map.of(), Map.of(), List.of(), null, List.of());
    }
}

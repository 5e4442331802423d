package dev.meshsdk.spi.usage;

import java.util.List;

/**
 * What one collection by one {@link UsageCollector} returned.
 *
 * @param observations what it saw, of the targets it was given only
 * @param warnings     what it could not see and what to do about it ("pg_stat_statements is not installed in
 *                     host:5432/db: ...; install it with ..."), without a credential; collection went on
 * @param uncollected  addresses of targets it could not observe at all (a database it could not reach) or not in
 *                     full (some of their reads hidden from it); their ports are not recorded as unread for this
 *                     collection, and the reads it did observe of them still count
 */
public record UsageBatch(List<UsageObservation> observations, List<String> warnings, List<String> uncollected) {
    public UsageBatch {
        observations = observations == null ? List.of() : List.copyOf(observations);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        uncollected = uncollected == null ? List.of() : List.copyOf(uncollected);
    }
}

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
 * @param unreadable   the stores it could not read at all (a failed login, a server it could not reach), each a
 *                     message "Cannot read ...: reason; what to do" without a credential; their targets are also
 *                     in {@code uncollected}. The collection then fails, after the other stores are recorded. A
 *                     store merely not set up to tell reads (a missing extension, no read log) is a warning.
 */
public record UsageBatch(
        List<UsageObservation> observations, List<String> warnings, List<String> uncollected, List<String> unreadable) {
    public UsageBatch {
        observations = observations == null ? List.of() : List.copyOf(observations);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        uncollected = uncollected == null ? List.of() : List.copyOf(uncollected);
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    /** A batch in which every store could be read. */
    public UsageBatch(List<UsageObservation> observations, List<String> warnings, List<String> uncollected) {
        this(observations, warnings, uncollected, List.of());
    }
}

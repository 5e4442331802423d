package dev.meshsdk.plan;

import java.util.Map;
import java.util.Objects;

/**
 * What an adapter found at a port's home when it inspected it. A plan records it; applying a plan
 * inspects again and refuses to go on if the {@code fingerprint} has moved.
 *
 * @param exists      whether the port's objects exist at all
 * @param fingerprint a digest of everything the adapter's plan depends on (schema, properties, grants)
 * @param facts       a readable summary of what was seen, for plan output and drift reports
 */
public record PortState(boolean exists, String fingerprint, Map<String, String> facts) {
    public PortState {
        Objects.requireNonNull(fingerprint, "fingerprint");
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** The state of a port whose home holds nothing yet. */
    public static PortState absent() {
        return new PortState(false, "absent", Map.of());
    }
}

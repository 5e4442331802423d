package dev.meshsdk.spi.policy;

import java.util.Map;
import java.util.Objects;

/**
 * The input document policies see: {@code {event, product, contracts, deployed, environment}}, plus
 * {@code plan} for a plan and {@code detected} when the data was classified; plain JSON-like values (maps,
 * lists, strings, numbers, booleans, null).
 */
public record PolicyInput(Map<String, Object> document) {
    public PolicyInput {
        Objects.requireNonNull(document, "document");
        document = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(document));
    }
}

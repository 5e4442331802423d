package dev.meshsdk.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ODCS quality rule, at contract, schema-object or property level.
 *
 * @param type      {@code library} (the default), {@code sql}, {@code custom} or {@code text}
 * @param metric    for library rules: {@code nullValues}, {@code missingValues}, {@code invalidValues},
 *                  {@code duplicateValues}, {@code rowCount}; ODCS 3.0's {@code rule} is read into it too
 * @param arguments library rule arguments ({@code validValues}, {@code missingValues}, {@code pattern}, ...)
 * @param threshold the {@code mustBe...} comparison, if any
 * @param query     the query of a {@code sql} rule
 */
public record QualityRule(
        String id,
        String name,
        String description,
        String type,
        String metric,
        Map<String, Object> arguments,
        Optional<Threshold> threshold,
        String unit,
        String query,
        String engine,
        String implementation,
        String severity,
        String dimension,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public QualityRule {
        arguments = Values.map(arguments);
        threshold = threshold == null ? Optional.empty() : threshold;
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }

    /** The rule's type, {@code library} when not written. */
    public String effectiveType() {
        return type == null ? "library" : type;
    }

    /** A short label for messages: name, else id, else metric, else type. */
    public String label() {
        if (name != null) return name;
        if (id != null) return id;
        if (metric != null) return metric;
        return effectiveType();
    }

    /** Whether a failure of this rule blocks publishing: severity {@code error} or unset. */
    public boolean blocking() {
        return severity == null || severity.equalsIgnoreCase("error") || severity.equalsIgnoreCase("critical");
    }
}

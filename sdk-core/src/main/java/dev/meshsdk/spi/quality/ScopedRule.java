package dev.meshsdk.spi.quality;

import dev.meshsdk.model.QualityRule;
import java.util.Objects;

/**
 * A quality rule with the schema object and, for property-level rules, the property it applies to.
 * {@link dev.meshsdk.spi.quality.ScopedRules#of} lists every rule of a contract this way.
 */
public record ScopedRule(String object, String property, QualityRule rule) {
    public ScopedRule {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(rule, "rule");
    }

    /** {@code object.property} or {@code object}. */
    public String scope() {
        return property == null ? object : object + "." + property;
    }
}

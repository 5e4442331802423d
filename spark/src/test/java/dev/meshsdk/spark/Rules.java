package dev.meshsdk.spark;

import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spi.quality.ScopedRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Quality rules on the {@code orders} object, for the tests. */
final class Rules {
    private Rules() {}

    static Threshold threshold(String op, long value) {
        return new Threshold(Threshold.Operator.ofKey(op), List.of(BigDecimal.valueOf(value)));
    }

    static ScopedRule library(String property, String metric, Map<String, Object> args, Threshold t, String unit) {
        return new ScopedRule("orders", property, new QualityRule(null, metric + "-" + property, null, "library",
                metric, args, Optional.ofNullable(t), unit, null, null, null, null, "completeness", List.of(), Map.of()));
    }

    static ScopedRule library(String property, String metric, Threshold t) {
        return library(property, metric, Map.of(), t, null);
    }

    static ScopedRule sql(String name, String query, Threshold t) {
        return new ScopedRule("orders", null, new QualityRule(null, name, null, "sql", null, Map.of(),
                Optional.ofNullable(t), null, query, null, null, null, null, List.of(), Map.of()));
    }

    static ScopedRule custom(String name, String engine, String implementation, Threshold t, String severity) {
        return new ScopedRule("orders", null, new QualityRule(null, name, null, "custom", null, Map.of(),
                Optional.ofNullable(t), null, null, engine, implementation, severity, "accuracy", List.of(), Map.of()));
    }
}

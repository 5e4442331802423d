package dev.meshsdk.testkit;

import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spi.quality.ScopedRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ODCS quality rules on the {@code orders} object of {@link Fixtures#ordersObject()}, for quality engine tests. */
public final class QualityRules {
    private QualityRules() {}

    /** A {@code mustBe...} threshold: {@code op} is the ODCS key ({@code mustBe}, {@code mustBeLessThan}, ...). */
    public static Threshold mustBe(String op, long value) {
        return new Threshold(Threshold.Operator.ofKey(op), List.of(BigDecimal.valueOf(value)));
    }

    /** A library metric on a property, dimension {@code completeness}. */
    public static ScopedRule library(
            String property, String metric, Map<String, Object> args, Threshold t, String unit) {
        return new ScopedRule(
                "orders",
                property,
                new QualityRule(
                        null,
                        metric + "-" + property,
                        null,
                        "library",
                        metric,
                        args,
                        Optional.ofNullable(t),
                        unit,
                        null,
                        null,
                        null,
                        null,
                        "completeness",
                        List.of(),
                        Map.of()));
    }

    public static ScopedRule library(String property, String metric, Threshold t) {
        return library(property, metric, Map.of(), t, null);
    }

    /** A {@code sql} rule on the object. */
    public static ScopedRule sql(String name, String query, Threshold t) {
        return new ScopedRule(
                "orders",
                null,
                new QualityRule(
                        null,
                        name,
                        null,
                        "sql",
                        null,
                        Map.of(),
                        Optional.ofNullable(t),
                        null,
                        query,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        Map.of()));
    }

    /** A {@code custom} rule for {@code engine}, dimension {@code accuracy}. */
    public static ScopedRule custom(String name, String engine, String implementation, Threshold t, String severity) {
        return new ScopedRule(
                "orders",
                null,
                new QualityRule(
                        null,
                        name,
                        null,
                        "custom",
                        null,
                        Map.of(),
                        Optional.ofNullable(t),
                        null,
                        null,
                        engine,
                        implementation,
                        severity,
                        "accuracy",
                        List.of(),
                        Map.of()));
    }

    /** A rule of any {@code type}, with nothing else set: for engines' answers to types they do not evaluate. */
    public static ScopedRule ofType(String type, Threshold t) {
        return new ScopedRule(
                "orders",
                null,
                new QualityRule(
                        null,
                        type + "-rule",
                        null,
                        type,
                        null,
                        Map.of(),
                        Optional.ofNullable(t),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        Map.of()));
    }
}

package dev.meshsdk.spi.quality;

import dev.meshsdk.model.Threshold;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The outcome of one quality rule: the value measured, the threshold it was held to, and whether it
 * passed. {@code severity} and {@code dimension} come from the rule.
 */
public record QualityResult(ScopedRule rule, Status status, BigDecimal measured, Threshold threshold, String message) {
    public QualityResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
    }

    public String severity() {
        return rule.rule().severity();
    }

    public String dimension() {
        return rule.rule().dimension();
    }

    /** Whether this result should stop a publish: a blocking rule that failed or could not be evaluated. */
    public boolean blocks() {
        return status != Status.PASSED && rule.rule().blocking();
    }

    /** Passed, failed, or could not be evaluated. */
    public enum Status {
        PASSED,
        FAILED,
        ERROR
    }
}

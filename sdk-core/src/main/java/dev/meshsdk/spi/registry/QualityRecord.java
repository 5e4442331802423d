package dev.meshsdk.spi.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The quality results of one output port from one check or publish, as the registry keeps them. Holds
 * measured figures only, never row values.
 *
 * @param source what produced it: {@code check} or {@code publish}
 * @param rows   the row count the rules ran over, when known
 */
public record QualityRecord(
        String productId,
        String port,
        String environment,
        int majorVersion,
        Instant checkedAt,
        String source,
        Long rows,
        List<Result> results) {
    public QualityRecord {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(checkedAt, "checkedAt");
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** Whether every result passed. */
    public boolean passed() {
        return results.stream().allMatch(r -> "PASSED".equals(r.status()));
    }

    /**
     * One rule's outcome.
     *
     * @param status {@code PASSED}, {@code FAILED} or {@code ERROR}
     */
    public record Result(
            String rule,
            String scope,
            String metric,
            BigDecimal measured,
            String threshold,
            String severity,
            String status,
            String message) {
        public Result {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(status, "status");
        }
    }
}

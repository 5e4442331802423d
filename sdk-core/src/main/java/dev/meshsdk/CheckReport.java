package dev.meshsdk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Mesh#check} found: per output port and live contract major version, every quality rule's result,
 * the freshness against the contract's SLA and the change of the row count since the previous check. The
 * report decides: {@link #passed()} is false when a rule failed (or could not be evaluated) at a severity that
 * {@link #failOn()} counts.
 */
public record CheckReport(String environment, CheckRequest.FailOn failOn, Instant checkedAt, List<PortCheck> ports) {
    public CheckReport {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(checkedAt, "checkedAt");
        ports = List.copyOf(ports);
    }

    /** Whether no port has a result that fails the check. */
    public boolean passed() {
        return ports.stream().allMatch(p -> p.passed(failOn));
    }

    /** Every result that fails the check, port by port. */
    public List<RuleCheck> failures() {
        return ports.stream().flatMap(p -> p.failing(failOn).stream()).toList();
    }

    /** One line: {@code 3 port(s) checked, 41 result(s): 39 passed, 1 failed, 1 warning}. */
    public String summary() {
        List<RuleCheck> all = ports.stream().flatMap(p -> p.rules().stream()).toList();
        long passed = all.stream().filter(r -> r.verdict() == Verdict.PASSED).count();
        long failing = failures().size();
        long other = all.size() - passed - failing;
        return ports.size() + " port(s) checked, " + all.size() + " result(s): " + passed + " passed, " + failing
                + " failing the check" + (other > 0 ? ", " + other + " failed below the failOn level" : "");
    }

    /**
     * One port at one contract major version.
     *
     * @param engine     the quality engine that evaluated the contract's rules, or null when none did
     * @param rows       the port's row count (every table), or null when unknown
     * @param lastChange when the port's data last changed (the newest of the last recorded publish and the
     *                   store's last change), or null when unknown
     */
    public record PortCheck(
            String productId,
            String port,
            int majorVersion,
            String engine,
            Long rows,
            Instant lastChange,
            List<RuleCheck> rules) {
        public PortCheck {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(port, "port");
            rules = List.copyOf(rules);
        }

        public boolean passed(CheckRequest.FailOn failOn) {
            return failing(failOn).isEmpty();
        }

        public List<RuleCheck> failing(CheckRequest.FailOn failOn) {
            return rules.stream().filter(r -> r.fails(failOn)).toList();
        }
    }

    /**
     * One result.
     *
     * @param kind      a contract quality rule, the freshness SLA, the row count's change, or a governance policy
     *                  that denies the port's data (its rule's name as {@code rule}, the port's name as scope)
     * @param scope     {@code object} or {@code object.column}; the port's name for a port-wide result
     * @param measured  the measured value, or null when it could not be measured
     * @param threshold what it was held to ({@code mustBeLessOrEqualTo 26}), or null
     * @param unit      the unit of {@code measured} when it has one ({@code hours}, {@code rows})
     * @param severity  the rule's severity as written ({@code error} when none was)
     */
    public record RuleCheck(
            Kind kind,
            String rule,
            String scope,
            String metric,
            BigDecimal measured,
            String threshold,
            String unit,
            String severity,
            Verdict verdict,
            String message) {
        public RuleCheck {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(verdict, "verdict");
            severity = severity == null ? "error" : severity;
        }

        /** Whether this result fails a check that fails on {@code failOn}. */
        public boolean fails(CheckRequest.FailOn failOn) {
            if (verdict == Verdict.PASSED) return false;
            String s = severity.toLowerCase(Locale.ROOT);
            if (s.equals("error") || s.equals("critical")) return true;
            return failOn == CheckRequest.FailOn.WARNING && (s.equals("warning") || s.equals("warn"));
        }
    }

    /** What a result is about. */
    public enum Kind {
        QUALITY,
        FRESHNESS,
        ROW_COUNT_CHANGE,
        POLICY
    }

    /** Passed, failed, or could not be evaluated (which fails like a failure of the same severity). */
    public enum Verdict {
        PASSED,
        FAILED,
        ERROR
    }
}

package dev.meshsdk.internal.data;

import dev.meshsdk.CheckReport;
import dev.meshsdk.internal.descriptor.SlaDurations;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.model.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How old a port's data may be, from its contract's {@code slaProperties}: {@code frequency} (how often the data
 * is refreshed) plus {@code latency} (how late a refresh may land), or whichever of the two is declared
 * ({@code ly} and {@code fy} are read as their long names), as {@link SlaDurations} reads them (validation
 * reads them the same way, so a unit the check cannot read fails validation first). The SLA's {@code element} is not used: the age is that of the
 * port's last change, not of a column's values.
 */
final class Freshness {
    static final String RULE = "freshness";

    /** The allowed age, and how the SLA reads ({@code 1 d (frequency) + 4 h (latency)}). */
    record Allowed(Duration duration, String text) {}

    private Freshness() {}

    /**
     * The allowed age, if the contract declares latency or frequency; {@code IllegalArgumentException} with
     * the reason when a value or unit cannot be read.
     */
    static Optional<Allowed> allowed(DataContract c) {
        Duration total = Duration.ZERO;
        List<String> parts = new ArrayList<>();
        for (String property : List.of("frequency", "latency")) {
            Optional<SlaProperty> sla = find(c, property);
            if (sla.isEmpty()) continue;
            total = total.plus(duration(sla.get()));
            parts.add(sla.get().value()
                    + (sla.get().unit() == null ? "" : " " + sla.get().unit()) + " (" + property + ")");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new Allowed(total, String.join(" + ", parts)));
    }

    /** The freshness result of a port whose data last changed at {@code lastChange} (null: unknown). */
    static CheckReport.RuleCheck evaluate(
            String port, Allowed allowed, Instant lastChange, Instant now, String severity) {
        BigDecimal limit = hours(allowed.duration());
        String threshold = new Threshold(Threshold.Operator.MUST_BE_LESS_OR_EQUAL_TO, List.of(limit)).toString();
        if (lastChange == null) {
            return new CheckReport.RuleCheck(
                    CheckReport.Kind.FRESHNESS,
                    RULE,
                    port,
                    RULE,
                    null,
                    threshold,
                    "hours",
                    severity,
                    CheckReport.Verdict.ERROR,
                    "Cannot tell how fresh port '" + port + "' is: no publish is"
                            + " recorded in the registry, and the store holds no rows or does not say when its data last"
                            + " changed; publish"
                            + " through the SDK (mesh:publish) so that the registry knows");
        }
        Duration age = Duration.between(lastChange, now);
        if (age.isNegative()) age = Duration.ZERO;
        boolean fresh = age.compareTo(allowed.duration()) <= 0;
        BigDecimal measured = hours(age);
        return new CheckReport.RuleCheck(
                CheckReport.Kind.FRESHNESS,
                RULE,
                port,
                RULE,
                measured,
                threshold,
                "hours",
                severity,
                fresh ? CheckReport.Verdict.PASSED : CheckReport.Verdict.FAILED,
                "freshness of port '" + port
                        + "': last changed " + lastChange + ", " + measured.toPlainString() + " h ago; the SLA allows "
                        + allowed.text() + " = " + limit.toPlainString() + " h" + (fresh ? "" : "; the data is stale"));
    }

    private static Optional<SlaProperty> find(DataContract c, String property) {
        return c.slaProperties().stream()
                .filter(p -> property.equals(SlaDurations.freshnessProperty(p.property())))
                .findFirst();
    }

    static Duration duration(SlaProperty sla) {
        try {
            return SlaDurations.duration(sla.value(), sla.unit());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + sla.property() + " SLA has value '" + sla.value()
                    + "' and unit '" + sla.unit() + "'; " + SlaDurations.HINT);
        }
    }

    private static BigDecimal hours(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).divide(BigDecimal.valueOf(3_600_000), 2, RoundingMode.HALF_UP);
    }
}

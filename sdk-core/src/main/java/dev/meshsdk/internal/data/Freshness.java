package dev.meshsdk.internal.data;

import dev.meshsdk.CheckReport;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.model.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How old a port's data may be, from its contract's {@code slaProperties}: {@code frequency} (how often the data
 * is refreshed) plus {@code latency} (how late a refresh may land), or whichever of the two is declared
 * ({@code ly} and {@code fy} are read as their long names). A value is a number with a {@code unit}
 * ({@code s}/{@code sec}/{@code seconds}, {@code min}/{@code minutes}, {@code h}/{@code hr}/{@code hours},
 * {@code d}/{@code days} (the default), {@code w}/{@code weeks}, {@code m}/{@code mo}/{@code months} (30 days, as
 * {@code retention} reads them), {@code y}/{@code yr}/{@code years} (365 days)), or an ISO-8601 duration
 * ({@code PT4H}, {@code P1D}) without a unit. The SLA's {@code element} is not used: the age is that of the
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
        String abbreviation = property.equals("latency") ? "ly" : "fy";
        return c.slaProperties().stream()
                .filter(p -> p.property() != null
                        && (p.property().equalsIgnoreCase(property)
                                || p.property().equalsIgnoreCase(abbreviation)))
                .findFirst();
    }

    static Duration duration(SlaProperty sla) {
        String value = sla.value() == null ? "" : String.valueOf(sla.value()).trim();
        String unit = sla.unit() == null ? null : sla.unit().trim().toLowerCase(Locale.ROOT);
        if (unit == null && value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw bad(sla);
            }
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw bad(sla);
        }
        if (amount.signum() < 0) throw bad(sla);
        long seconds =
                switch (unit == null ? "d" : unit) {
                    case "s", "sec", "secs", "second", "seconds" -> 1;
                    case "min", "mins", "minute", "minutes" -> 60;
                    case "h", "hr", "hrs", "hour", "hours" -> 3600;
                    case "d", "day", "days" -> 86_400;
                    case "w", "week", "weeks" -> 7 * 86_400;
                    case "m", "mo", "month", "months" -> 30 * 86_400;
                    case "y", "yr", "yrs", "year", "years" -> 365 * 86_400;
                    default -> throw bad(sla);
                };
        return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(seconds * 1000))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    }

    private static IllegalArgumentException bad(SlaProperty sla) {
        return new IllegalArgumentException("the " + sla.property() + " SLA has value '" + sla.value() + "' and unit '"
                + sla.unit() + "'; write a number with unit s, min, h, d, w, m (months) or y, or an ISO-8601 duration"
                + " such as PT4H without a unit");
    }

    private static BigDecimal hours(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).divide(BigDecimal.valueOf(3_600_000), 2, RoundingMode.HALF_UP);
    }
}

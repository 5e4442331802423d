package dev.meshsdk.internal.descriptor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SLA properties the SDK reads as durations and the units it reads them in: one list, for validation and
 * for the freshness check. {@code latency} and {@code frequency} (or their short forms {@code ly} and
 * {@code fy}, in any case) are a number with a {@code unit} (days when none is written) or an ISO-8601 duration
 * ({@code PT4H}) without one.
 */
public final class SlaDurations {
    /** The freshness properties, by their short form. */
    private static final Map<String, String> PROPERTIES =
            Map.of("latency", "latency", "ly", "latency", "frequency", "frequency", "fy", "frequency");

    /** Every unit the SDK reads, with its length in seconds; months are 30 days, years 365 (as retention reads them). */
    static final Map<String, Long> UNITS = units();

    /** What to write instead of a value or unit the SDK cannot read. */
    public static final String HINT = "write a number with unit s, min, h, d, w, m (months) or y, or an ISO-8601"
            + " duration such as PT4H without a unit";

    private SlaDurations() {}

    /** {@code latency} or {@code frequency} for an SLA property the freshness check reads, else null. */
    public static String freshnessProperty(String property) {
        return property == null ? null : PROPERTIES.get(property.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether the SDK reads {@code unit} (null: days). */
    static boolean knownUnit(String unit) {
        return unit == null || UNITS.containsKey(unit.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The duration of {@code value} in {@code unit}; {@code IllegalArgumentException} saying what is wrong (without
     * the value: "is not a number") when either cannot be read.
     */
    public static Duration duration(Object value, String unit) {
        String v = value == null ? "" : String.valueOf(value).trim();
        if (unit == null && v.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not an ISO-8601 duration");
            }
        }
        Long seconds = UNITS.get(unit == null ? "d" : unit.trim().toLowerCase(Locale.ROOT));
        if (seconds == null) throw new IllegalArgumentException("its unit is not one the SDK reads");
        BigDecimal amount;
        try {
            amount = new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number");
        }
        if (amount.signum() < 0) throw new IllegalArgumentException("is negative");
        try {
            return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(seconds * 1000))
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too large");
        }
    }

    private static Map<String, Long> units() {
        Map<String, Long> m = new LinkedHashMap<>();
        put(m, 1, "s", "sec", "secs", "second", "seconds");
        put(m, 60, "min", "mins", "minute", "minutes");
        put(m, 3600, "h", "hr", "hrs", "hour", "hours");
        put(m, 86_400, "d", "day", "days");
        put(m, 7 * 86_400, "w", "week", "weeks");
        put(m, 30 * 86_400, "m", "mo", "month", "months");
        put(m, 365 * 86_400, "y", "yr", "yrs", "year", "years");
        return java.util.Collections.unmodifiableMap(m); // in this order: the nearest unit is the first found
    }

    private static void put(Map<String, Long> m, long seconds, String... names) {
        for (String n : names) m.put(n, seconds);
    }
}

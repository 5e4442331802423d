package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SlaProperty;
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
 * ({@code PT4H}) without one. {@code retention}, which the Delta adapters turn into VACUUM and time-travel horizons
 * and forget into its "physically gone" date, is a whole number with a unit of hours or longer (days when none is
 * written): {@link #retention}, the one rule validation and the adapters share.
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

    /** The units {@code retention} is read in: those of an hour or longer, in the order of {@link #UNITS}. */
    public static final java.util.Set<String> RETENTION_UNITS = retentionUnits();

    /** What to write instead of a retention the SDK cannot read. */
    public static final String RETENTION_HINT = "write a whole number with unit h, d, w, m (months) or y";

    private SlaDurations() {}

    /** {@code latency} or {@code frequency} for an SLA property the freshness check reads, else null. */
    public static String freshnessProperty(String property) {
        return property == null ? null : PROPERTIES.get(property.trim().toLowerCase(Locale.ROOT));
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

    /**
     * The retention {@code value} in {@code unit} (null: days), months 30 days and years 365;
     * {@code IllegalArgumentException} saying what is wrong (without the value: "is not a whole number") when
     * either cannot be read. A zero retention is read: VACUUM then keeps no removed file.
     */
    public static Duration retention(Object value, String unit) {
        String u = unit == null ? "d" : unit.trim().toLowerCase(Locale.ROOT);
        if (!RETENTION_UNITS.contains(u)) throw new IllegalArgumentException("its unit is not one the SDK reads");
        BigDecimal amount;
        try {
            amount = new BigDecimal(value == null ? "" : String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number");
        }
        if (amount.signum() < 0) throw new IllegalArgumentException("is negative");
        try {
            return Duration.ofSeconds(Math.multiplyExact(amount.longValueExact(), UNITS.get(u)));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    amount.stripTrailingZeros().scale() > 0 ? "is not a whole number" : "is too large");
        }
    }

    /**
     * The contract's retention SLA as {@link #retention(Object, String)} reads it, for the storage adapters;
     * {@code INVALID_DESCRIPTOR} when it cannot be read (validation reports the same at the value's line).
     */
    public static Duration retention(DataContract c, SlaProperty sla) {
        try {
            return retention(sla.value(), sla.unit());
        } catch (IllegalArgumentException e) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot read the retention SLA of contract '" + c.id() + "': value '" + sla.value() + "' unit '"
                            + sla.unit() + "' " + e.getMessage() + "; " + RETENTION_HINT);
        }
    }

    /** Whether {@code unit} (null: days) counts hours, which a Delta table keeps as an interval in hours. */
    public static boolean inHours(String unit) {
        return unit != null && Long.valueOf(3600).equals(UNITS.get(unit.trim().toLowerCase(Locale.ROOT)));
    }

    private static java.util.Set<String> retentionUnits() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>();
        UNITS.forEach((name, seconds) -> {
            if (seconds >= 3600) s.add(name);
        });
        return java.util.Collections.unmodifiableSet(s);
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

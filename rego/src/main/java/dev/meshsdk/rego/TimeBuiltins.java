package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** time.* builtins over nanoseconds since the Unix epoch (int64 range, like Go). */
final class TimeBuiltins {
    private TimeBuiltins() {}

    private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    private static final Pattern DURATION = Pattern.compile("([0-9]*\\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)");

    static void register(BuiltinRegistry r) {
        r.add("time.now_ns", 0, (a, c) -> ns(c.query().now));
        r.add(
                "time.parse_rfc3339_ns",
                1,
                (a, c) -> parse("time.parse_rfc3339_ns", RFC3339, Args.str("time.parse_rfc3339_ns", a, 0)));
        r.add(
                "time.parse_ns",
                2,
                (a, c) -> parse(
                        "time.parse_ns", layout(Args.str("time.parse_ns", a, 0)), Args.str("time.parse_ns", a, 1)));
        r.add("time.parse_duration_ns", 1, (a, c) -> duration(Args.str("time.parse_duration_ns", a, 0)));
        r.add("time.date", 1, (a, c) -> {
            ZonedDateTime t = zoned("time.date", a[0]);
            return arr(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        });
        r.add("time.clock", 1, (a, c) -> {
            ZonedDateTime t = zoned("time.clock", a[0]);
            return arr(t.getHour(), t.getMinute(), t.getSecond());
        });
        r.add(
                "time.weekday",
                1,
                (a, c) ->
                        Args.str(zoned("time.weekday", a[0]).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US)));
        r.add("time.add_date", 4, (a, c) -> {
            ZonedDateTime t = zoned("time.add_date", a[0]);
            long y = Args.integer("time.add_date", a, 1).longValue();
            long m = Args.integer("time.add_date", a, 2).longValue();
            long d = Args.integer("time.add_date", a, 3).longValue();
            try {
                LocalDate base = LocalDate.of(t.getYear(), 1, 1)
                        .plusYears(y)
                        .plusMonths(t.getMonthValue() - 1 + m)
                        .plusDays(t.getDayOfMonth() - 1 + d);
                return ns(ZonedDateTime.of(base, t.toLocalTime(), t.getZone()).toInstant());
            } catch (DateTimeException | ArithmeticException e) {
                throw RegoException.builtin("time.add_date: time outside of valid range");
            }
        });
        r.add("time.diff", 2, (a, c) -> {
            ZonedDateTime x = zoned("time.diff", a[0]);
            ZonedDateTime y = zoned("time.diff", a[1]).withZoneSameInstant(x.getZone());
            if (x.isAfter(y)) {
                ZonedDateTime t = x;
                x = y;
                y = t;
            }
            int years = y.getYear() - x.getYear();
            int months = y.getMonthValue() - x.getMonthValue();
            int days = y.getDayOfMonth() - x.getDayOfMonth();
            int hours = y.getHour() - x.getHour();
            int mins = y.getMinute() - x.getMinute();
            int secs = y.getSecond() - x.getSecond();
            if (secs < 0) {
                secs += 60;
                mins--;
            }
            if (mins < 0) {
                mins += 60;
                hours--;
            }
            if (hours < 0) {
                hours += 24;
                days--;
            }
            if (days < 0) {
                days += x.toLocalDate()
                        .withDayOfMonth(1)
                        .plusMonths(1)
                        .minusDays(1)
                        .getDayOfMonth();
                months--;
            }
            if (months < 0) {
                months += 12;
                years--;
            }
            return arr(years, months, days, hours, mins, secs);
        });
        r.add("time.format", 1, (a, c) -> {
            ZonedDateTime t = zoned("time.format", a[0]);
            String layout = "2006-01-02T15:04:05.999999999Z07:00";
            if (a[0] instanceof RegoValue.Arr arr
                    && arr.items().size() > 2
                    && arr.items().get(2) instanceof RegoValue.Str s) {
                layout = layout(s.value());
            }
            return Args.str(GoTimeLayout.formatter(layout, false).format(t));
        });
    }

    private static String layout(String l) {
        return switch (l) {
            case "ANSIC" -> "Mon Jan _2 15:04:05 2006";
            case "UnixDate" -> "Mon Jan _2 15:04:05 MST 2006";
            case "RubyDate" -> "Mon Jan 02 15:04:05 -0700 2006";
            case "RFC822" -> "02 Jan 06 15:04 MST";
            case "RFC822Z" -> "02 Jan 06 15:04 -0700";
            case "RFC850" -> "Monday, 02-Jan-06 15:04:05 MST";
            case "RFC1123" -> "Mon, 02 Jan 2006 15:04:05 MST";
            case "RFC1123Z" -> "Mon, 02 Jan 2006 15:04:05 -0700";
            case "RFC3339" -> RFC3339;
            case "RFC3339Nano" -> "2006-01-02T15:04:05.999999999Z07:00";
            case "Kitchen" -> "3:04PM";
            case "Stamp" -> "Jan _2 15:04:05";
            case "DateTime" -> "2006-01-02 15:04:05";
            case "DateOnly" -> "2006-01-02";
            case "TimeOnly" -> "15:04:05";
            default -> l;
        };
    }

    private static RegoValue arr(int... xs) {
        RegoValue[] out = new RegoValue[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = RegoValue.of(xs[i]);
        }
        return new RegoValue.Arr(List.of(out));
    }

    static RegoValue ns(Instant t) {
        BigInteger n = BigInteger.valueOf(t.getEpochSecond()).multiply(NANOS).add(BigInteger.valueOf(t.getNano()));
        if (n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0) {
            throw RegoException.builtin("time outside of valid range");
        }
        return new RegoValue.Num(new BigDecimal(n));
    }

    private static RegoValue parse(String fn, String layout, String value) {
        TemporalAccessor ta;
        try {
            DateTimeFormatter f = GoTimeLayout.formatter(layout, true);
            ta = f.parse(value.replace("-00:00", "+00:00"));
        } catch (DateTimeException e) {
            throw RegoException.builtin(fn + ": parsing time " + JsonText.quote(value) + " as " + JsonText.quote(layout)
                    + ": cannot parse " + JsonText.quote(value));
        }
        int year = ta.isSupported(ChronoField.YEAR) ? ta.get(ChronoField.YEAR) : 0;
        int month = ta.isSupported(ChronoField.MONTH_OF_YEAR) ? ta.get(ChronoField.MONTH_OF_YEAR) : 1;
        int day = ta.isSupported(ChronoField.DAY_OF_MONTH) ? ta.get(ChronoField.DAY_OF_MONTH) : 1;
        int hour = ta.isSupported(ChronoField.HOUR_OF_DAY)
                ? ta.get(ChronoField.HOUR_OF_DAY)
                : ta.isSupported(ChronoField.CLOCK_HOUR_OF_AMPM)
                        ? ta.get(ChronoField.CLOCK_HOUR_OF_AMPM) % 12
                                + (ta.isSupported(ChronoField.AMPM_OF_DAY) ? 12 * ta.get(ChronoField.AMPM_OF_DAY) : 0)
                        : 0;
        int min = ta.isSupported(ChronoField.MINUTE_OF_HOUR) ? ta.get(ChronoField.MINUTE_OF_HOUR) : 0;
        int sec = ta.isSupported(ChronoField.SECOND_OF_MINUTE) ? ta.get(ChronoField.SECOND_OF_MINUTE) : 0;
        int nano = ta.isSupported(ChronoField.NANO_OF_SECOND) ? ta.get(ChronoField.NANO_OF_SECOND) : 0;
        ZoneId zone = ta.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(ta.get(ChronoField.OFFSET_SECONDS))
                : ZoneOffset.UTC;
        try {
            return ns(ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, min, sec, nano), zone)
                    .toInstant());
        } catch (DateTimeException e) {
            throw RegoException.builtin(fn + ": parsing time " + JsonText.quote(value) + ": " + e.getMessage());
        } catch (RegoException e) {
            throw RegoException.builtin(fn + ": time outside of valid range");
        }
    }

    private static RegoValue duration(String s) {
        String fn = "time.parse_duration_ns";
        String t = s;
        boolean neg = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            neg = t.startsWith("-");
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return RegoValue.of(0);
        }
        Matcher m = DURATION.matcher(t);
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < t.length()) {
            if (!m.find(pos)
                    || m.start() != pos
                    || m.group(1).isEmpty()
                    || m.group(1).equals(".")) {
                throw RegoException.builtin(fn + ": time: invalid duration " + JsonText.quote(s));
            }
            BigDecimal n = new BigDecimal(m.group(1));
            long unit =
                    switch (m.group(2)) {
                        case "ns" -> 1L;
                        case "us", "µs", "μs" -> 1_000L;
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    };
            total = total.add(n.multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        if (t.isEmpty()) {
            throw RegoException.builtin(fn + ": time: invalid duration " + JsonText.quote(s));
        }
        BigInteger r = total.toBigInteger();
        return new RegoValue.Num(new BigDecimal(neg ? r.negate() : r));
    }

    private static ZonedDateTime zoned(String fn, RegoValue v) {
        RegoValue nsv = v;
        ZoneId zone = ZoneOffset.UTC;
        if (v instanceof RegoValue.Arr a && !a.items().isEmpty()) {
            nsv = a.items().get(0);
            if (a.items().size() > 1 && a.items().get(1) instanceof RegoValue.Str tz) {
                try {
                    zone = tz.value().isEmpty() || tz.value().equals("UTC")
                            ? ZoneOffset.UTC
                            : tz.value().equals("Local") ? ZoneId.systemDefault() : ZoneId.of(tz.value());
                } catch (DateTimeException e) {
                    throw RegoException.builtin(fn + ": unknown time zone " + tz.value());
                }
            }
        }
        if (!(nsv instanceof RegoValue.Num n)) {
            throw Args.typeErr(fn, 0, "one of {number, array}", v);
        }
        BigInteger i = n.value().toBigInteger();
        if (i.compareTo(MIN) < 0 || i.compareTo(MAX) > 0) {
            throw RegoException.builtin(fn + ": timestamp too big");
        }
        long l = i.longValue();
        Instant t = Instant.ofEpochSecond(Math.floorDiv(l, 1_000_000_000L), Math.floorMod(l, 1_000_000_000L));
        return t.atZone(zone);
    }
}

package dev.meshsdk.rego;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Converts Go reference-time layouts ("2006-01-02T15:04:05Z07:00") into Java formatters. */
final class GoTimeLayout {
    private GoTimeLayout() {}

    static DateTimeFormatter formatter(String layout, boolean parsing) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        int i = 0;
        while (i < layout.length()) {
            String rest = layout.substring(i);
            if (rest.startsWith("2006")) {
                b.appendValue(ChronoField.YEAR, 4);
                i += 4;
            } else if (rest.startsWith("January")) {
                b.appendText(ChronoField.MONTH_OF_YEAR, java.time.format.TextStyle.FULL);
                i += 7;
            } else if (rest.startsWith("Jan")) {
                b.appendText(ChronoField.MONTH_OF_YEAR, java.time.format.TextStyle.SHORT);
                i += 3;
            } else if (rest.startsWith("Monday")) {
                b.appendText(ChronoField.DAY_OF_WEEK, java.time.format.TextStyle.FULL);
                i += 6;
            } else if (rest.startsWith("Mon")) {
                b.appendText(ChronoField.DAY_OF_WEEK, java.time.format.TextStyle.SHORT);
                i += 3;
            } else if (rest.startsWith("MST")) {
                b.appendZoneText(java.time.format.TextStyle.SHORT);
                i += 3;
            } else if (rest.startsWith("01")) {
                b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                i += 2;
            } else if (rest.startsWith("02")) {
                b.appendValue(ChronoField.DAY_OF_MONTH, 2);
                i += 2;
            } else if (rest.startsWith("_2")) {
                b.padNext(2).appendValue(ChronoField.DAY_OF_MONTH);
                i += 2;
            } else if (rest.startsWith("06")) {
                b.appendValueReduced(ChronoField.YEAR, 2, 2, 1970);
                i += 2;
            } else if (rest.startsWith("15")) {
                b.appendValue(ChronoField.HOUR_OF_DAY, 2);
                i += 2;
            } else if (rest.startsWith("03")) {
                b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
                i += 2;
            } else if (rest.startsWith("04")) {
                b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                i += 2;
            } else if (rest.startsWith("05")) {
                b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                i += 2;
            } else if (rest.startsWith("Z07:00")) {
                b.appendOffset("+HH:MM", "Z");
                i += 6;
            } else if (rest.startsWith("-07:00")) {
                b.appendOffset("+HH:MM", "+00:00");
                i += 6;
            } else if (rest.startsWith("Z0700")) {
                b.appendOffset("+HHMM", "Z");
                i += 5;
            } else if (rest.startsWith("-0700")) {
                b.appendOffset("+HHMM", "+0000");
                i += 5;
            } else if (rest.startsWith("-07")) {
                b.appendOffset("+HH", "+00");
                i += 3;
            } else if (rest.startsWith("PM")) {
                b.appendText(ChronoField.AMPM_OF_DAY);
                i += 2;
            } else if (rest.matches("^[.,][09]+.*")) {
                int n = 1;
                while (n < rest.length() && (rest.charAt(n) == '0' || rest.charAt(n) == '9')) {
                    n++;
                }
                boolean nines = rest.charAt(1) == '9';
                b.appendFraction(
                        ChronoField.NANO_OF_SECOND, nines || parsing ? 0 : n - 1, nines || parsing ? 9 : n - 1, true);
                i += n;
            } else if (rest.startsWith("1")) {
                b.appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE);
                i += 1;
            } else if (rest.startsWith("2")) {
                b.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE);
                i += 1;
            } else if (rest.startsWith("3")) {
                b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 1, 2, SignStyle.NOT_NEGATIVE);
                i += 1;
            } else if (rest.startsWith("4")) {
                b.appendValue(ChronoField.MINUTE_OF_HOUR, 1, 2, SignStyle.NOT_NEGATIVE);
                i += 1;
            } else if (rest.startsWith("5")) {
                b.appendValue(ChronoField.SECOND_OF_MINUTE, 1, 2, SignStyle.NOT_NEGATIVE);
                i += 1;
            } else {
                b.appendLiteral(layout.charAt(i));
                i += 1;
            }
            if (parsing && rest.startsWith("05") && !layout.substring(i).matches("^[.,][09].*")) {
                b.optionalStart()
                        .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                        .optionalEnd();
            }
        }
        if (parsing) {
            b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1).parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
        }
        return b.toFormatter(Locale.US)
                .withResolverStyle(ResolverStyle.STRICT)
                .withChronology(java.time.chrono.IsoChronology.INSTANCE);
    }
}

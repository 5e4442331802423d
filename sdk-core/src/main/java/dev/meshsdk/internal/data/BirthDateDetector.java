package dev.meshsdk.internal.data;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * A date of birth: a date from 120 years ago up to today, in a column whose name says birth ({@code dob},
 * {@code birth_date}, {@code date_of_birth}, {@code birthday}, {@code born_on}, {@code geburtsdatum}). The
 * name is needed: dates alone (orders, shipments) are not personal data.
 */
final class BirthDateDetector implements Detector {
    private static final List<String> NAME_PARTS = List.of("birth", "born", "geburt", "naissance", "nacimiento");
    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("MM/dd/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT));

    private final Clock clock;

    BirthDateDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "date_of_birth";
    }

    @Override
    public boolean appliesTo(String column) {
        String c = Detector.squash(column);
        boolean named =
                c.startsWith("dob") || c.endsWith("dob") || NAME_PARTS.stream().anyMatch(c::contains);
        return named && !c.contains("place") && !c.contains("country") && !c.contains("city");
    }

    @Override
    public boolean matches(String value) {
        // a timestamp at midnight, as some stores print dates: judge its date part
        String v = value.length() > 10 && (value.charAt(10) == 'T' || value.charAt(10) == ' ')
                ? value.substring(0, 10)
                : value;
        LocalDate today = LocalDate.now(clock);
        for (DateTimeFormatter f : FORMATS) {
            try {
                LocalDate d = LocalDate.parse(v, f);
                return !d.isAfter(today) && d.isAfter(today.minusYears(120));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }
}

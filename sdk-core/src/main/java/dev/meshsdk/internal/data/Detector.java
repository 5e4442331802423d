package dev.meshsdk.internal.data;

import java.time.Clock;
import java.util.List;

/**
 * Tells whether one value, as text, looks like one kind of personal data. Detectors judge whole values
 * (trimmed), strictly, so that a column is reported only when most of its values are of the kind: a check
 * digit where the kind has one (Luhn, mod-97), a column name where the value alone cannot tell (a birth
 * date, a person's name). Pure functions, safe for concurrent use.
 */
sealed interface Detector
        permits EmailDetector,
                PhoneDetector,
                IbanDetector,
                CardNumberDetector,
                IpAddressDetector,
                BirthDateDetector,
                PersonNameDetector {

    /** The detector's name in findings and policies: {@code email}, {@code phone}, {@code iban}, ... */
    String name();

    /** Whether values of the column named {@code column} are judged at all. Every column by default. */
    default boolean appliesTo(String column) {
        return true;
    }

    /** Whether {@code value} (not null, trimmed, not empty) is of this kind. */
    boolean matches(String value);

    /** Every detector, the birth-date one judging years against {@code clock}. */
    static List<Detector> all(Clock clock) {
        return List.of(
                new EmailDetector(),
                new PhoneDetector(),
                new IbanDetector(),
                new CardNumberDetector(),
                new IpAddressDetector(),
                new BirthDateDetector(clock),
                new PersonNameDetector());
    }

    /** A column name lower-cased with every character other than a letter or digit removed: {@code firstname}. */
    static String squash(String column) {
        StringBuilder b = new StringBuilder();
        for (char c : column.toCharArray()) if (Character.isLetterOrDigit(c)) b.append(Character.toLowerCase(c));
        return b.toString();
    }
}

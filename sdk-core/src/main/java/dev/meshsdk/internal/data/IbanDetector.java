package dev.meshsdk.internal.data;

import java.util.Map;

/**
 * An IBAN: a country code with that country's IBAN length, two check digits, and the ISO 13616 mod-97 check
 * passing. Spaces between groups are allowed.
 */
final class IbanDetector implements Detector {
    /** IBAN lengths by country (the SWIFT registry's, for the countries that use IBAN most). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BR", 29),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("SA", 24),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VG", 24),
            Map.entry("XK", 20));

    @Override
    public String name() {
        return "iban";
    }

    @Override
    public boolean matches(String value) {
        if (value.length() < 15 || value.length() > 42) return false;
        String iban = value.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (iban.length() < 15) return false;
        Integer length = LENGTHS.get(iban.substring(0, 2));
        if (length == null || iban.length() != length) return false;
        if (!Character.isDigit(iban.charAt(2)) || !Character.isDigit(iban.charAt(3))) return false;
        return mod97(iban.substring(4) + iban.substring(0, 4)) == 1;
    }

    /** The remainder of the number the text stands for (letters as 10 to 35) divided by 97; -1 for other characters. */
    static int mod97(String text) {
        int r = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                r = (r * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return r;
    }
}

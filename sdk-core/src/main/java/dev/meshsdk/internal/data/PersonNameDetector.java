package dev.meshsdk.internal.data;

import java.util.Set;

/**
 * A person's name, in a column whose name says it holds one ({@code first_name}, {@code surname},
 * {@code full_name}, {@code customer_name}, ...; not a bare {@code name}, which as often names a product or a
 * place): one to four words of letters, with hyphens, apostrophes and dots, no digits.
 */
final class PersonNameDetector implements Detector {
    private static final Set<String> COLUMNS = Set.of(
            "firstname",
            "fname",
            "givenname",
            "forename",
            "forenames",
            "lastname",
            "lname",
            "surname",
            "familyname",
            "fullname",
            "middlename",
            "maidenname",
            "personname",
            "customername",
            "contactname",
            "employeename",
            "patientname",
            "clientname",
            "holdername",
            "cardholdername",
            "accountholder",
            "accountholdername",
            "nachname",
            "vorname",
            "prenom",
            "nom",
            "birthname",
            "displayname",
            "nickname");

    @Override
    public String name() {
        return "person_name";
    }

    @Override
    public boolean appliesTo(String column) {
        return COLUMNS.contains(Detector.squash(column));
    }

    @Override
    public boolean matches(String value) {
        if (value.length() < 2 || value.length() > 80) return false;
        int words = 0;
        boolean inWord = false;
        boolean letter = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
                if (!inWord) words++;
                inWord = true;
            } else if (c == ' ') {
                inWord = false;
            } else if (c != '-' && c != '\'' && c != '.' && c != '\u2019') {
                return false;
            }
        }
        return letter && words >= 1 && words <= 4;
    }
}

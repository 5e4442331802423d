package dev.meshsdk.internal.data;

/**
 * A payment card number: 13 to 19 digits (groups separated by spaces or dashes allowed), starting with a
 * card network's prefix (Visa, Mastercard, American Express, Discover, JCB, Diners, UnionPay, Maestro) and
 * passing the Luhn check. Ids that happen to pass Luhn rarely start with a network's prefix and length.
 */
final class CardNumberDetector implements Detector {
    @Override
    public String name() {
        return "card_number";
    }

    @Override
    public boolean matches(String value) {
        if (value.length() < 13 || value.length() > 23) return false;
        StringBuilder digits = new StringBuilder(19);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
            else if (c != ' ' && c != '-') return false;
        }
        String d = digits.toString();
        return d.length() >= 13 && d.length() <= 19 && network(d) && !sameDigit(d) && luhn(d);
    }

    private static boolean network(String d) {
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        int n = d.length();
        if (d.charAt(0) == '4') return n == 13 || n == 16 || n == 19; // Visa
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return n == 16; // Mastercard
        if (two == 34 || two == 37) return n == 15; // American Express
        if (four == 6011 || two == 65 || (four / 10 >= 644 && four / 10 <= 649)) return n >= 16; // Discover
        if (four >= 3528 && four <= 3589) return n >= 16; // JCB
        if ((four / 10 >= 300 && four / 10 <= 305) || two == 36 || two == 38) return n >= 14; // Diners
        if (two == 62) return n >= 16; // UnionPay
        return (two == 50 || (two >= 56 && two <= 69)) && n >= 12; // Maestro
    }

    private static boolean sameDigit(String d) {
        return d.chars().allMatch(c -> c == d.charAt(0));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int x = digits.charAt(i) - '0';
            if (twice) {
                x *= 2;
                if (x > 9) x -= 9;
            }
            sum += x;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}

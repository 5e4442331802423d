package dev.meshsdk.internal.data;

import java.util.regex.Pattern;

/**
 * A telephone number as people write one, never a bare run of digits (an order id): international with
 * {@code +} or {@code 00} and 8 to 15 digits; North American {@code (555) 123-4567} or {@code 555-123-4567};
 * or national with a leading 0, at least one separator and 9 to 12 digits ({@code 030 1234567}).
 */
final class PhoneDetector implements Detector {
    private static final Pattern INTERNATIONAL = Pattern.compile("(?:\\+|00)[1-9][0-9 ().\\-/]{6,22}[0-9]");
    private static final Pattern NANP = Pattern.compile(
            "(?:\\+?1[ .-]?)?(?:\\([2-9][0-9]{2}\\) ?|[2-9][0-9]{2}[ .-])" + "[2-9][0-9]{2}[ .-][0-9]{4}");
    private static final Pattern NATIONAL = Pattern.compile("\\(?0[1-9][0-9]{0,4}\\)?(?:[ /-][0-9]{2,8}){1,3}");

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public boolean matches(String value) {
        if (value.length() < 9 || value.length() > 25) return false;
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (" +()-./".indexOf(c) < 0) return false;
        }
        if (value.startsWith("+") || value.startsWith("00")) {
            return digits >= 8
                    && digits <= 15
                    && !value.contains("..")
                    && INTERNATIONAL.matcher(value).matches();
        }
        if (NANP.matcher(value).matches()) return true;
        return digits >= 9 && digits <= 12 && NATIONAL.matcher(value).matches();
    }
}

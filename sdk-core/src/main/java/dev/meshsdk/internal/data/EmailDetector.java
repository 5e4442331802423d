package dev.meshsdk.internal.data;

import java.util.regex.Pattern;

/** An e-mail address: {@code local@domain.tld}, the local part in the characters mail systems use. */
final class EmailDetector implements Detector {
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean matches(String value) {
        int at = value.indexOf('@');
        return at > 0
                && at == value.lastIndexOf('@')
                && value.length() <= 254
                && EMAIL.matcher(value).matches();
    }
}

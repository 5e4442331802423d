package dev.meshsdk.internal.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes a subject's value from text a store wrote (an error message that quotes the value it could not
 * use), so that receipts and exceptions never carry it. A match must stand apart from letters and digits,
 * so that the value {@code 42} is removed from {@code "42"} but not from {@code :5432}; the value as SQL
 * and as JSON quote it (quotes doubled, escaped) is removed as well.
 */
final class Scrubber {
    static final String MASK = "<subject>";
    private final List<String> forms;

    Scrubber(String value) {
        Set<String> f = new LinkedHashSet<>();
        f.add(value);
        f.add(value.replace("'", "''"));
        f.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
        f.removeIf(String::isEmpty);
        this.forms = new ArrayList<>(f);
        forms.sort((a, b) -> b.length() - a.length());
    }

    String apply(String text) {
        if (text == null) return null;
        String out = text;
        for (String form : forms) out = replace(out, form);
        return out;
    }

    private static String replace(String text, String form) {
        StringBuilder b = new StringBuilder();
        int from = 0;
        int at;
        while ((at = text.indexOf(form, from)) >= 0) {
            int end = at + form.length();
            boolean apart = (at == 0
                            || !Character.isLetterOrDigit(text.charAt(at - 1))
                            || !Character.isLetterOrDigit(form.charAt(0)))
                    && (end == text.length()
                            || !Character.isLetterOrDigit(text.charAt(end))
                            || !Character.isLetterOrDigit(form.charAt(form.length() - 1)));
            b.append(text, from, at).append(apart ? MASK : form);
            from = end;
        }
        return b.append(text.substring(from)).toString();
    }
}

package dev.meshsdk.model;

import java.util.regex.Pattern;

/**
 * The rule product and contract ids follow, checked once when descriptors are validated: ids become folder
 * names, registry keys and parts of addresses in every registry and store, so they are 1 to
 * {@value #MAX_LENGTH} letters, digits, '.', '_' or '-', start with a letter or digit and hold no "..".
 * Registries may rely on it for any id that passed validation.
 */
public final class IdRule {
    /** The longest id. */
    public static final int MAX_LENGTH = 128;
    /** The rule as a message words it, after "use". */
    public static final String DESCRIPTION = "1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with"
            + " a letter or digit, without '..'";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private IdRule() {}

    /** Whether {@code id} follows the rule; false for null. */
    public static boolean isValid(String id) {
        return id != null && id.length() <= MAX_LENGTH && ID.matcher(id).matches() && !id.contains("..");
    }

    /**
     * An id that follows the rule and stays close to {@code id} (other characters become '-'), or null when
     * nothing of it is left.
     */
    public static String closestValid(String id) {
        if (id == null) return null;
        String s = id.strip()
                .replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("^[^A-Za-z0-9]+", "");
        if (s.length() > MAX_LENGTH) s = s.substring(0, MAX_LENGTH);
        return isValid(s) ? s : null;
    }
}

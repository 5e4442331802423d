package dev.meshsdk.internal.descriptor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0.0. A leading {@code v} is accepted, as the official ODPS examples write
 * {@code version: v1.0.0}.
 */
final class Semver {
    private static final Pattern SEMVER = Pattern.compile("^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    /** Longer texts are not versions; the limit also keeps the pattern's backtracking short. */
    private static final int MAX_LENGTH = 256;

    private Semver() {}

    static boolean valid(String version) {
        return version != null
                && version.length() <= MAX_LENGTH
                && SEMVER.matcher(version).matches();
    }

    /** The major version, or null when not semver. */
    static String major(String version) {
        if (version == null || version.length() > MAX_LENGTH) return null;
        Matcher m = SEMVER.matcher(version);
        return m.matches() ? m.group(1) : null;
    }
}

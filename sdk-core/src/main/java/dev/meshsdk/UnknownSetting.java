package dev.meshsdk;

import java.util.Objects;

/**
 * A {@code mesh.*} setting that neither the SDK nor a loaded plugin reads, so it changes nothing: most often a
 * typo ({@code mesh.check.failon}), or a plugin that is not on the class path. See {@link Mesh#unknownSettings}.
 *
 * @param key     the key as given
 * @param nearest the nearest key the SDK reads, or null when none is near
 */
public record UnknownSetting(String key, String nearest) {
    public UnknownSetting {
        Objects.requireNonNull(key, "key");
    }

    /** What to tell the user; {@code origin} says where the key was given ({@code -D on the command line}). */
    public String message(String origin) {
        return "Setting " + key + " (" + origin + ") is read by neither the SDK nor a loaded plugin, so it is ignored"
                + (nearest != null
                        ? "; perhaps you meant " + nearest
                        : "; remove it, or add the plugin that reads it to the plugin's dependencies");
    }
}

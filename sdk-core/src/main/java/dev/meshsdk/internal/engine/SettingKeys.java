package dev.meshsdk.internal.engine;

import dev.meshsdk.UnknownSetting;
import dev.meshsdk.internal.descriptor.Suggestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every {@code mesh.*} setting key some part of the SDK reads: each module lists the keys it reads in a
 * {@value #RESOURCE} file of its jar, so an adapter declares its own without sdk-core knowing them. A line is a
 * key ({@code mesh.check.maxRowChange}); a segment {@code <name>} stands for any one segment
 * ({@code mesh.s3.teams.<team>.buckets}); a trailing {@code *} for any rest ({@code mesh.spark.conf.*});
 * {@code #} starts a comment.
 */
public final class SettingKeys {
    public static final String RESOURCE = "META-INF/dev.meshsdk/setting-keys";

    private final List<String> declared;
    private final List<Pattern> patterns;

    private SettingKeys(Collection<String> declared) {
        this.declared = List.copyOf(new TreeSet<>(declared));
        this.patterns = this.declared.stream().map(SettingKeys::pattern).toList();
    }

    /** The keys declared by every {@value #RESOURCE} {@code loader} sees, and {@code alsoKnown}. */
    public static SettingKeys load(ClassLoader loader, Collection<String> alsoKnown) {
        List<String> keys = new ArrayList<>(alsoKnown);
        try {
            Enumeration<URL> files = loader.getResources(RESOURCE);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    r.lines().map(SettingKeys::line).filter(l -> !l.isEmpty()).forEach(keys::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the setting keys declared in " + RESOURCE, e);
        }
        return new SettingKeys(keys);
    }

    /** The keys of {@code keys} no part of the SDK reads, each with the nearest declared key when one is near. */
    public List<UnknownSetting> unknown(Collection<String> keys) {
        return new TreeSet<>(keys)
                .stream()
                        .filter(k ->
                                patterns.stream().noneMatch(p -> p.matcher(k).matches()))
                        .map(k -> new UnknownSetting(k, Suggestions.closest(k, declared)))
                        .toList();
    }

    private static String line(String raw) {
        int hash = raw.indexOf('#');
        return (hash >= 0 ? raw.substring(0, hash) : raw).trim();
    }

    private static Pattern pattern(String key) {
        boolean rest = key.endsWith("*");
        String stem = rest ? key.substring(0, key.length() - 1) : key;
        StringBuilder regex = new StringBuilder();
        for (String part : stem.split("(?=<)|(?<=>)")) {
            regex.append(part.startsWith("<") && part.endsWith(">") ? "[^.]+" : Pattern.quote(part));
        }
        if (rest) regex.append(".+");
        return Pattern.compile(regex.toString());
    }
}

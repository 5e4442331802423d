package dev.meshsdk.spi;

import com.codahale.metrics.MetricRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an adapter, registry or engine is created with.
 *
 * @param environment the environment being worked on ({@code dev}, {@code prod}, ...)
 * @param baseDirectory the directory relative paths resolve against (the Maven project's base directory)
 * @param config      settings given by the user, {@code mesh.<name>.<key>} style keys without secrets
 * @param secrets     where credentials come from (Maven {@code settings.xml} servers, the environment)
 * @param metrics     the registry to report metrics to; adapters add their own under their name
 */
public record AdapterContext(
        String environment,
        Path baseDirectory,
        Map<String, String> config,
        Secrets secrets,
        MetricRegistry metrics,
        Clock clock) {
    public AdapterContext {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        config = config == null ? Map.of() : Map.copyOf(config);
        secrets = secrets == null ? Secrets.none() : secrets;
        metrics = metrics == null ? new MetricRegistry() : metrics;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** A configuration value, if set. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(config.get(key));
    }
}

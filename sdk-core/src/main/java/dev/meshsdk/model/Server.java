package dev.meshsdk.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ODCS {@code servers} entry: where a port lives in one environment. {@code type} selects the storage
 * adapter ({@code local}, {@code s3}, {@code postgres}, {@code redshift}, {@code custom}, ...); the
 * type-specific fields ({@code host}, {@code database}, {@code schema}, {@code location}, {@code path},
 * {@code format}, {@code endpointUrl}, ...) are in {@code settings}, typed as written.
 *
 * <p>{@code environment} names the one environment the server serves ({@code dev}, {@code prod}, ...), or
 * is {@value #EVERY_ENVIRONMENT} for a server that serves every environment, written
 * {@code environment: "*"} (quoted: a bare {@code *} starts a YAML alias). A server without it serves
 * none: validation refuses it, so that a mistyped environment never falls back to some other store.
 */
public record Server(
        String server,
        String type,
        String environment,
        String description,
        Map<String, Object> settings,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    /** The {@code environment} of a server that serves every environment. */
    public static final String EVERY_ENVIRONMENT = "*";

    public Server {
        settings = Values.map(settings);
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }

    /**
     * Whether this server serves {@code environment}: its {@code environment} is that one or
     * {@value #EVERY_ENVIRONMENT}. A server without {@code environment} serves none.
     */
    public boolean serves(String environment) {
        return this.environment != null
                && (this.environment.equals(EVERY_ENVIRONMENT) || this.environment.equals(environment));
    }

    /** A type-specific setting as text, if present. */
    public Optional<String> setting(String key) {
        Object v = settings.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** The value of a custom property, if present. */
    public Optional<Object> customProperty(String key) {
        return CustomProperties.find(customProperties, key);
    }
}

package dev.meshsdk.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ODCS {@code servers} entry: where a port lives in one environment. {@code type} selects the storage
 * adapter ({@code local}, {@code s3}, {@code postgres}, {@code redshift}, {@code custom}, ...); the
 * type-specific fields ({@code host}, {@code database}, {@code schema}, {@code location}, {@code path},
 * {@code format}, {@code endpointUrl}, ...) are in {@code settings}, typed as written.
 */
public record Server(String server, String type, String environment, String description,
                     Map<String, Object> settings, List<CustomProperty> customProperties,
                     Map<String, Object> extensions) {
    public Server {
        settings = Values.map(settings);
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
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

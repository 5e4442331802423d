package dev.meshsdk.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ODCS schema property (a column, or a field of a nested object). {@code physicalType}, when given,
 * wins over {@code logicalType} in stores that have one. Nested {@code properties} and array
 * {@code items} are kept for object and array types.
 */
public record SchemaProperty(
        String id,
        String name,
        String physicalName,
        String logicalType,
        String physicalType,
        Map<String, Object> logicalTypeOptions,
        String description,
        String businessName,
        boolean required,
        boolean unique,
        boolean primaryKey,
        Integer primaryKeyPosition,
        boolean partitioned,
        Integer partitionKeyPosition,
        String classification,
        List<String> tags,
        List<QualityRule> quality,
        List<SchemaProperty> properties,
        SchemaProperty items,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public SchemaProperty {
        logicalTypeOptions = Values.map(logicalTypeOptions);
        tags = Values.list(tags);
        quality = Values.list(quality);
        properties = Values.list(properties);
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }

    /** The name in the store: {@code physicalName} if given, else {@code name}. */
    public String storeName() {
        return physicalName != null ? physicalName : name;
    }

    /** The value of a custom property, if present. */
    public Optional<Object> customProperty(String key) {
        return CustomProperties.find(customProperties, key);
    }

    /** The subject type a {@code subjectKey: true} identifies. */
    public static final String DEFAULT_SUBJECT_TYPE = "default";

    /**
     * Whether this property is a data subject key used for erasure: custom property {@code subjectKey}
     * set to {@code true} or to the kind of subject it identifies ({@code subjectKey: customer}).
     */
    public boolean subjectKey() {
        return subjectType().isPresent();
    }

    /**
     * The kind of data subject this key identifies: the {@code subjectKey} custom property's text, or
     * {@link #DEFAULT_SUBJECT_TYPE} for {@code true}; empty when it is not a subject key.
     */
    public Optional<String> subjectType() {
        return customProperty("subjectKey")
                .map(v -> String.valueOf(v).trim())
                .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("false"))
                .map(v -> v.equalsIgnoreCase("true") ? DEFAULT_SUBJECT_TYPE : v);
    }
}

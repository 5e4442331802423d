package dev.meshsdk.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An ODCS schema object: a table, view, topic or file set, with its properties and quality rules. */
public record SchemaObject(
        String id,
        String name,
        String physicalName,
        String physicalType,
        String logicalType,
        String description,
        String businessName,
        String dataGranularityDescription,
        List<String> tags,
        List<SchemaProperty> properties,
        List<QualityRule> quality,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public SchemaObject {
        tags = Values.list(tags);
        properties = Values.list(properties);
        quality = Values.list(quality);
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
}

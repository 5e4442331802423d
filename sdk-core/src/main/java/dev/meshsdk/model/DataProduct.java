package dev.meshsdk.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ODPS v1.0.0 data product ({@code product.yaml}). Fields the SDK does not type (management ports,
 * support channels, authoritative definitions, ...) are kept in {@code extensions} and written back as read.
 */
public record DataProduct(
        String apiVersion,
        String kind,
        String id,
        String name,
        String version,
        String status,
        String domain,
        String tenant,
        Description description,
        List<String> tags,
        List<InputPort> inputPorts,
        List<OutputPort> outputPorts,
        Team team,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public DataProduct {
        tags = Values.list(tags);
        inputPorts = Values.list(inputPorts);
        outputPorts = Values.list(outputPorts);
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }

    /** The value of a custom property, if present. */
    public Optional<Object> customProperty(String key) {
        return CustomProperties.find(customProperties, key);
    }

    /** The product's display name: {@code name} if given, else {@code id}. */
    public String displayName() {
        return name != null ? name : id;
    }
}

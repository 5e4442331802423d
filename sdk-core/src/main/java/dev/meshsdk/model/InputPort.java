package dev.meshsdk.model;

import java.util.List;
import java.util.Map;

/**
 * An ODPS input port: the contract of another product's output port that this product consumes. Input
 * ports are the lineage between products.
 */
public record InputPort(
        String name,
        String version,
        String contractId,
        List<String> tags,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public InputPort {
        tags = Values.list(tags);
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }
}

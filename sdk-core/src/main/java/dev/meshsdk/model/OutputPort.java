package dev.meshsdk.model;

import java.util.List;
import java.util.Map;

/** An ODPS output port. {@code contractId} names the ODCS contract that describes and locates it. */
public record OutputPort(
        String name,
        String description,
        String type,
        String version,
        String contractId,
        List<String> tags,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public OutputPort {
        tags = Values.list(tags);
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }
}

package dev.meshsdk.model;

import java.util.List;
import java.util.Map;

/** An ODCS role: who may access the port and how ({@code access}: {@code read}, {@code write}, ...). */
public record Role(
        String role,
        String description,
        String access,
        String firstLevelApprovers,
        String secondLevelApprovers,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public Role {
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }
}

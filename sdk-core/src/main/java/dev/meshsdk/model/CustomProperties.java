package dev.meshsdk.model;

import java.util.List;
import java.util.Optional;

final class CustomProperties {
    private CustomProperties() {}

    static Optional<Object> find(List<CustomProperty> properties, String key) {
        for (CustomProperty p : properties) {
            if (p.property().equals(key)) {
                return Optional.ofNullable(p.value());
            }
        }
        return Optional.empty();
    }
}

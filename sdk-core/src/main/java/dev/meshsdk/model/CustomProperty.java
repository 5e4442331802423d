package dev.meshsdk.model;

import java.util.Objects;

/**
 * A {@code customProperties} entry of ODPS or ODCS: a key and a value of any JSON type, kept with the
 * type it was written with.
 */
public record CustomProperty(String property, Object value, String description) {
    public CustomProperty {
        Objects.requireNonNull(property, "property");
    }
}

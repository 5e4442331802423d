package dev.meshsdk.plan;

import java.util.Objects;

/**
 * A column as a store will hold it, computed from a contract property by the adapter.
 *
 * @param type        the store's type ({@code bigint}, {@code varchar(18)}, {@code decimal(12,2)}, ...)
 * @param logicalType the ODCS logical type it came from
 */
public record Column(
        String name, String type, String logicalType, boolean nullable, String comment, String classification) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}

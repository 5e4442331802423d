package dev.meshsdk.storage.jdbc;

import dev.meshsdk.plan.Column;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table as the contract wants it, computed from one schema object by {@link TableSpecs}.
 *
 * @param name       the table name, already checked and suffixed {@code _v<major>} from major version 2 on
 * @param unique     columns with a unique constraint of their own (primary key columns excluded)
 * @param properties dialect-specific table options ({@code diststyle}, {@code sortkey}, ...)
 */
public record TableSpec(
        String name,
        List<Column> columns,
        List<String> primaryKey,
        List<String> unique,
        String comment,
        Map<String, String> properties) {
    public TableSpec {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        unique = unique == null ? List.of() : List.copyOf(unique);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}

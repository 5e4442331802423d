package dev.meshsdk.storage.local;

import dev.meshsdk.plan.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Delta table as a port's contract wants it: one per schema object.
 *
 * @param target the table's folder name under the server's path ({@code orders}, {@code orders_v2})
 * @param properties every table property to create the table with
 */
record TableSpec(
        String target,
        Path dir,
        List<Column> columns,
        List<String> partitionBy,
        List<String> primaryKey,
        Map<String, String> properties,
        String comment) {
    TableSpec {
        columns = List.copyOf(columns);
        partitionBy = List.copyOf(partitionBy);
        primaryKey = List.copyOf(primaryKey);
        properties = Map.copyOf(properties);
    }
}

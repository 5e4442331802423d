package dev.meshsdk.storage.s3;

import dev.meshsdk.plan.Column;
import java.util.List;
import java.util.Map;

/**
 * What inspecting one table found: its schema and properties as the Delta log (or, for Parquet, the
 * schema manifest) holds them.
 *
 * @param version the Delta table version, or -1 when there is no table (always 0 for Parquet)
 */
record TableState(
        String target,
        boolean exists,
        long version,
        List<Column> columns,
        List<String> partitionColumns,
        Map<String, String> properties) {
    TableState {
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
        properties = Map.copyOf(properties);
    }

    static TableState absent(String target) {
        return new TableState(target, false, -1, List.of(), List.of(), Map.of());
    }
}

package dev.meshsdk.storage.local;

import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AccessGrant;
import java.util.List;
import java.util.Map;

/**
 * What inspecting one table found: its Delta schema and properties (when the table exists) and the grants
 * recorded beside it.
 *
 * @param version the Delta table version, or -1 when there is no table
 */
record TableState(
        String target,
        boolean tableExists,
        long version,
        List<Column> columns,
        List<String> partitionColumns,
        Map<String, String> properties,
        List<AccessGrant> grants) {
    TableState {
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
        properties = Map.copyOf(properties);
        grants = List.copyOf(grants);
    }
}

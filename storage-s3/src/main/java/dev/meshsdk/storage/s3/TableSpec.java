package dev.meshsdk.storage.s3;

import dev.meshsdk.plan.Column;
import java.util.List;
import java.util.Map;

/**
 * A table as a port's contract wants it: one per schema object, at {@code location} (the server's
 * location plus the target name).
 *
 * @param target     the table's name in the plan and its folder under the server's location ({@code orders},
 *                   {@code orders_v2})
 * @param format     {@code delta} or {@code parquet}
 * @param properties every table property the SDK manages, including {@code delta.constraints.*}
 */
record TableSpec(
        String target,
        S3Location location,
        String format,
        List<Column> columns,
        List<String> partitionBy,
        Map<String, String> properties,
        String comment) {
    TableSpec {
        columns = List.copyOf(columns);
        partitionBy = List.copyOf(partitionBy);
        properties = Map.copyOf(properties);
    }

    boolean delta() {
        return format.equals("delta");
    }
}

package dev.meshsdk.spark;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks data about to be published against the contract's schema object and the Delta table made from it:
 * every contract column must be in the data (and in the table), the data may hold no other column, and each
 * column's type must be the table's or safely widen to it (an {@code int} into a {@code bigint}). Collects
 * every problem before failing. Names match case-insensitively, as in Spark.
 */
final class SchemaCheck {
    private SchemaCheck() {}

    /** The data shaped like the table (contract columns, table types and order), or an error naming every problem. */
    static Dataset<Row> align(
            PortBinding port, SchemaObject object, String tableUri, StructType table, Dataset<Row> data) {
        Map<String, StructField> inData = byName(data.schema());
        Map<String, StructField> inTable = byName(table);
        List<String> problems = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        Map<String, SchemaProperty> inContract = new LinkedHashMap<>();
        for (SchemaProperty p : object.properties()) inContract.put(key(p.storeName()), p);
        for (StructField t : table.fields()) {
            SchemaProperty p = inContract.get(key(t.name()));
            if (p == null) continue; // a column the contract dropped: Delta fills it with nulls
            StructField d = inData.get(key(t.name()));
            if (d == null) {
                problems.add("column '" + p.storeName() + "' (" + t.dataType().simpleString() + " in the contract) is"
                        + " missing from the data");
            } else if (!d.dataType().catalogString().equals(t.dataType().catalogString())) {
                if (Cast.canUpCast(d.dataType(), t.dataType())) {
                    columns.add(data.col(QualityRun.quote(d.name()))
                            .cast(t.dataType())
                            .as(t.name()));
                } else {
                    problems.add(
                            "column '" + p.storeName() + "' is " + d.dataType().simpleString() + " in the data but "
                                    + t.dataType().simpleString() + " in the contract; cast it before publishing");
                }
            } else {
                columns.add(data.col(QualityRun.quote(d.name())).as(t.name()));
            }
        }
        for (SchemaProperty p : object.properties()) {
            if (!inTable.containsKey(key(p.storeName()))) {
                problems.add("the table has no column '" + p.storeName() + "' of the contract; deploy the product"
                        + " before publishing");
            }
        }
        for (StructField d : data.schema().fields()) {
            if (!inContract.containsKey(key(d.name()))) {
                problems.add("column '" + d.name() + "' (" + d.dataType().simpleString() + ") is in the data but not"
                        + " in the contract; drop it, or add it to the contract and deploy");
            }
        }
        if (!problems.isEmpty()) {
            throw new MeshException(
                    ErrorCode.QUALITY_FAILED,
                    "Cannot publish to port '" + port.port().name()
                            + "' object '" + object.storeName() + "' at " + tableUri
                            + ": the data does not match the contract: "
                            + String.join("; ", problems) + "; nothing was published");
        }
        return data.select(columns.toArray(new Column[0]));
    }

    private static Map<String, StructField> byName(StructType schema) {
        Map<String, StructField> m = new LinkedHashMap<>();
        for (StructField f : schema.fields()) m.put(key(f.name()), f);
        return m;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

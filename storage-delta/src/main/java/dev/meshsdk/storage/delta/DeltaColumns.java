package dev.meshsdk.storage.delta;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.schema.ColumnEvolution;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TypeChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns of a Delta table, planned and changed the same way by both Delta adapters ({@code local} and
 * {@code s3}): the SDK's column-evolution rules ({@link ColumnEvolution}) with Delta's widenings
 * ({@link DeltaTypes#isWidening}), case-insensitive names and column-mapping drops; and the new schema each planned
 * column change makes, checked again against the table as it is when applied. Column names compare
 * case-insensitively, as Delta's do.
 */
public final class DeltaColumns {
    /** How Delta evolves columns in place: its widenings, any column may become optional, names ignore case. */
    static final ColumnEvolution.Store DELTA = new ColumnEvolution.Store(
            "Delta",
            (from, to) -> DeltaTypes.isWidening(DeltaTypes.parseRequired(from), DeltaTypes.parseRequired(to)),
            true,
            true,
            true);

    private DeltaColumns() {}

    /**
     * The changes from the table's columns ({@code found}) to the contract's ({@code wanted}), by
     * {@link ColumnEvolution#plan}. {@code cannotDrop} says why the table cannot drop a column, or null when it can.
     */
    public static List<Change> plan(
            String target, List<Column> found, List<Column> wanted, String hint, Function<String, String> cannotDrop) {
        return ColumnEvolution.plan(target, found, wanted, DELTA, hint, cannotDrop);
    }

    /**
     * Why a Delta table cannot drop {@code column} in place, or null when it can: Delta Kernel drops a column only from
     * a table with column mapping, and never a partition column.
     */
    public static String cannotDrop(Map<String, String> properties, List<String> partitionColumns, String column) {
        String mapping = properties.get("delta.columnMapping.mode");
        if (!"name".equals(mapping) && !"id".equals(mapping)) {
            return "the table has no column mapping, so the column cannot be dropped in place: drop it by hand with"
                    + " Spark (ALTER TABLE ... DROP COLUMN, after enabling column mapping)";
        }
        if (partitionColumns.stream().anyMatch(p -> key(p).equals(key(column)))) {
            return "it is a partition column, which cannot be dropped without rewriting the table";
        }
        return null;
    }

    /**
     * The schema {@code change} (an {@link Change.AddColumn}, {@link Change.AlterColumn} or {@link Change.DropColumn})
     * makes of {@code schema}, or empty when the table already is as the change wants (applying again does nothing).
     * Throws {@code STALE_PLAN} when the table has moved so that the change no longer holds; plan again then.
     * {@code properties} and {@code partitionColumns} are the table's, for a drop.
     */
    public static Optional<StructType> apply(
            StructType schema, Map<String, String> properties, List<String> partitionColumns, Change change) {
        if (change instanceof Change.AddColumn c) {
            Optional<StructField> present = field(schema, c.column().name());
            if (present.isPresent()) {
                Column found = DeltaTypes.column(present.get());
                if (found.type().equals(c.column().type())) return Optional.empty();
                throw stale(c, "the table already has the column with type " + found.type());
            }
            List<StructField> fields = new ArrayList<>(schema.fields());
            fields.add(DeltaTypes.field(c.column()));
            return Optional.of(new StructType(fields));
        }
        if (change instanceof Change.AlterColumn c) {
            StructField present =
                    field(schema, c.to().name()).orElseThrow(() -> stale(c, "the table has no such column"));
            Column found = DeltaTypes.column(present);
            if (ColumnEvolution.unchanged(found, c.to(), DELTA)) return Optional.empty();
            List<String> breaking = ColumnEvolution.breakingReasons(found, c.to(), DELTA);
            if (!breaking.isEmpty()) {
                throw stale(c, "from what the table holds now, " + String.join("; ", breaking));
            }
            List<StructField> fields = new ArrayList<>();
            for (StructField f : schema.fields()) fields.add(f == present ? alter(f, c.to()) : f);
            return Optional.of(new StructType(fields));
        }
        if (change instanceof Change.DropColumn c) {
            Optional<StructField> present = field(schema, c.column());
            if (present.isEmpty()) return Optional.empty();
            String why = cannotDrop(properties, partitionColumns, c.column());
            if (why != null) throw stale(c, why);
            List<StructField> fields = new ArrayList<>(schema.fields());
            fields.remove(present.get());
            return Optional.of(new StructType(fields));
        }
        throw new IllegalArgumentException("not a column change: " + change.summary());
    }

    /**
     * {@code existing} changed to match {@code c}, keeping its metadata (column mapping) and its type history. A
     * widening is recorded by whoever writes the commit ({@link #withTypeChanges}), as Delta Kernel does.
     */
    static StructField alter(StructField existing, Column c) {
        StructField typed = existing.withDataType(DeltaTypes.parseRequired(c.type()));
        return new StructField(
                        existing.getName(),
                        typed.getDataType(),
                        c.nullable(),
                        DeltaTypes.metadata(existing.getMetadata(), c))
                .withTypeChanges(typed.getTypeChanges());
    }

    /**
     * {@code updated} with each widened column's change recorded in its {@code delta.typeChanges}, as the Delta
     * protocol's type widening asks of a writer: for a writer of its own commits (Delta Kernel records them itself).
     */
    public static StructType withTypeChanges(StructType current, StructType updated) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : updated.fields()) {
            DataType before =
                    field(current, f.getName()).map(StructField::getDataType).orElse(f.getDataType());
            if (before.equals(f.getDataType())) {
                fields.add(f);
            } else {
                List<TypeChange> changes = new ArrayList<>(f.getTypeChanges());
                changes.add(new TypeChange(before, f.getDataType()));
                fields.add(f.withTypeChanges(changes));
            }
        }
        return new StructType(fields);
    }

    private static Optional<StructField> field(StructType schema, String name) {
        return schema.fields().stream()
                .filter(f -> key(f.getName()).equals(key(name)))
                .findFirst();
    }

    private static MeshException stale(Change change, String why) {
        return new MeshException(ErrorCode.STALE_PLAN, "Cannot " + change.summary() + ": " + why + "; plan again");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

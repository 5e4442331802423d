package dev.meshsdk.storage.local;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import io.delta.kernel.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The additive-versus-breaking rules for the columns of a Delta table, shared by the Delta adapters
 * ({@code local} and {@code s3}): a new optional column, a widening and a comment or classification change are
 * planned; a new required column, a narrowing or other type change, a column becoming required and a column
 * missing from the contract are {@link Change.Refused} with the caller's hint (provision the next major
 * version beside the table). Column names compare case-insensitively, as Delta's do.
 */
public final class DeltaColumnChanges {
    private DeltaColumnChanges() {}

    /**
     * The changes from the table's columns ({@code found}) to the contract's ({@code wanted}), in contract order.
     * A column missing from the contract is refused naming it ({@link Change.Refused#droppedColumn()}), so that the
     * policies may let the engine drop it, only when {@code cannotDrop} gives null for it; else its answer (why the
     * table cannot drop it) ends the refusal's hint.
     */
    public static List<Change> plan(String target, List<Column> found, List<Column> wanted, String hint,
                                    java.util.function.Function<String, String> cannotDrop) {
        List<Change> changes = new ArrayList<>();
        Map<String, Column> actual = new LinkedHashMap<>();
        for (Column c : found) actual.put(key(c.name()), c);
        Set<String> names = new LinkedHashSet<>();
        for (Column c : wanted) {
            names.add(key(c.name()));
            Column a = actual.get(key(c.name()));
            if (a == null) {
                changes.add(c.nullable() ? new Change.AddColumn(target, c) : new Change.Refused(target, "new column '"
                        + c.name() + "' is required, and the rows already in the table have no value for it",
                        "make it optional, or " + hint));
                continue;
            }
            Optional<String> breaking = breaking(a, c);
            if (breaking.isPresent()) {
                changes.add(new Change.Refused(target, breaking.get(), hint));
            } else if (!sameColumn(a, c)) {
                changes.add(new Change.AlterColumn(target, a, c));
            }
        }
        for (Column a : found) {
            if (!names.contains(key(a.name()))) {
                String why = cannotDrop.apply(a.name());
                changes.add(new Change.Refused(target, "column '" + a.name() + "' (" + a.type() + ") is in the table"
                        + " but not in the contract (dropped or renamed in the contract, or added by hand)",
                        why == null ? hint : hint + "; " + why, why == null ? a.name() : null));
            }
        }
        return changes;
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

    /** Why changing column {@code from} to {@code to} breaks readers or data, if it does. */
    public static Optional<String> breaking(Column from, Column to) {
        if (!from.type().equals(to.type())) {
            DataType a = DeltaTypes.parseRequired(from.type());
            DataType b = DeltaTypes.parseRequired(to.type());
            if (!DeltaTypes.isWidening(a, b)) {
                return Optional.of("column '" + to.name() + "' is " + from.type() + " in the table but the contract"
                        + " wants " + to.type() + ", which is not a widening");
            }
        }
        if (from.nullable() && !to.nullable()) {
            return Optional.of("column '" + to.name() + "' would become required, and rows already in the table"
                    + " may hold nulls");
        }
        return Optional.empty();
    }

    /** Whether the table's column already is what the contract wants (type, nullability, comment, classification). */
    public static boolean sameColumn(Column a, Column b) {
        return a.type().equals(b.type()) && a.nullable() == b.nullable() && Objects.equals(a.comment(), b.comment())
                && Objects.equals(a.classification(), b.classification());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

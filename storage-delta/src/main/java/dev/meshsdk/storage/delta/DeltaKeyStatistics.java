package dev.meshsdk.storage.delta;

import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import java.util.List;
import java.util.Map;

/**
 * Keeps data subjects' key values out of a Delta table's log. Delta records each data file's smallest and
 * largest value per column in the commit that adds the file (and in checkpoints and checksums); for a subject
 * key that is often a subject's value, and the commit stays after the rows are erased and purged. Tables with a
 * subject key therefore keep statistics of their other columns only. The {@code local} and {@code s3} adapters both get
 * these properties through {@link DeltaTableSpecs}, which makes their Delta tables the same way.
 */
final class DeltaKeyStatistics {
    /** The columns Delta keeps statistics of. */
    static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";
    /** How many leading columns Delta keeps statistics of; set to 0 where the subject key is the only column. */
    static final String STATS_COLUMN_COUNT = "delta.dataSkippingNumIndexedCols";

    private DeltaKeyStatistics() {}

    /** The table properties for {@code object}: none without a subject key (Delta's default, the first 32 columns). */
    static Map<String, String> properties(SchemaObject object) {
        if (object.properties().stream().noneMatch(SchemaProperty::subjectKey)) return Map.of();
        List<String> others = object.properties().stream()
                .filter(p -> !p.subjectKey())
                .map(p -> p.storeName().matches("[A-Za-z_][A-Za-z0-9_]*")
                        ? p.storeName()
                        : "`" + p.storeName().replace("`", "``") + "`")
                .toList();
        return others.isEmpty() ? Map.of(STATS_COLUMN_COUNT, "0") : Map.of(STATS_COLUMNS, String.join(",", others));
    }
}

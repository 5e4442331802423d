package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;

import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Places in the file the rows that break a publish's failed blocking row-level rules: {@code nullValues},
 * {@code missingValues} and {@code invalidValues} (each row that breaks it) and {@code duplicateValues} (each row
 * repeating a key of an earlier row of the file). The first {@value DataFiles#BAD_VALUES_SHOWN} of each rule, by
 * file, line and column (Parquet: row number), never a value. Runs only when a publish was refused.
 */
final class RuleLocations {
    /** Duplicated keys looked at to find the first rows repeating one. */
    private static final int KEYS = 1_000;

    private RuleLocations() {}

    /**
     * {@code refused} with the offending rows placed, or as it is when none can be; a failure while placing them
     * is attached to it as suppressed, never put in its stead (the refusal is what the user must see).
     */
    static PublishBlockedException placed(PublishBlockedException refused, PublishFiles.Places places) {
        if (places == null) return refused;
        try {
            return place(refused, places);
        } catch (RuntimeException e) {
            refused.addSuppressed(e);
            return refused;
        }
    }

    private static PublishBlockedException place(PublishBlockedException refused, PublishFiles.Places places) {
        List<DataFiles.BadValue> offending = new ArrayList<>();
        long total = 0;
        Dataset<Row> rows = null;
        for (QualityResult q : refused.results()) {
            ScopedRule r = q.rule();
            if (!q.blocks() || r.property() == null) continue;
            if (rows == null) rows = places.rows();
            String metric = Objects.requireNonNullElse(r.rule().metric(), "");
            String what = problem(metric, r.rule().label());
            if (what == null) continue;
            List<Row> first;
            if (metric.equals("duplicateValues") && r.rule().effectiveType().equalsIgnoreCase("library")) {
                Column key = rows.col(QualityRun.quote(r.property()));
                total += rows.agg(count(key).minus(count_distinct(key))).first().getLong(0);
                first = repeats(rows, key, r.property());
            } else {
                Column which;
                try {
                    which = QualityRun.offending(rows, r);
                } catch (IllegalArgumentException notEvaluated) {
                    continue; // the rule is an ERROR result, not a failed one: no row breaks it
                }
                if (which == null) continue;
                Dataset<Row> breaking = rows.filter(which);
                total += breaking.count();
                first = breaking.limit(DataFiles.BAD_VALUES_SHOWN).collectAsList();
            }
            List<String> at = places.locate(first, r.property());
            for (String where : at) offending.add(new DataFiles.BadValue(where, r.property(), what));
        }
        return offending.isEmpty()
                ? refused
                : new PublishBlockedException(refused.getMessage(), refused.results(), offending, total);
    }

    /** What a row breaking the rule has, after the column's name; null for a rule no single row breaks. */
    private static String problem(String metric, String rule) {
        return switch (metric) {
            case "nullValues" -> "has no value (rule '" + rule + "')";
            case "missingValues" -> "holds a missing value (rule '" + rule + "')";
            case "invalidValues" -> "holds a value that is not valid (rule '" + rule + "')";
            case "duplicateValues" -> "repeats the value of an earlier row (rule '" + rule + "')";
            default -> null;
        };
    }

    /** The first rows, in the file's order, whose key an earlier row of the file holds too. */
    private static List<Row> repeats(Dataset<Row> rows, Column key, String column) {
        Object[] keys = rows.groupBy(key).count().filter("count > 1").limit(KEYS).collectAsList().stream()
                .map(k -> k.get(0))
                .filter(Objects::nonNull)
                .toArray();
        if (keys.length == 0) return List.of();
        List<Row> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Row row : rows.filter(key.isin(keys))
                .limit(keys.length + DataFiles.BAD_VALUES_SHOWN)
                .collectAsList()) {
            if (!seen.add(row.getAs(column)) && out.size() < DataFiles.BAD_VALUES_SHOWN) out.add(row);
        }
        return out;
    }
}

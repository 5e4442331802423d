package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import java.util.ArrayList;
import java.util.Comparator;
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
 * repeating a key of an earlier row of the file and, when appending, each row whose key the table already holds).
 * The first {@value DataFiles#BAD_VALUES_SHOWN} of each rule, in the file's order, by file, line and column
 * (Parquet: row number), never a value. Runs only when a publish was refused.
 */
final class RuleLocations {
    /** Duplicated keys looked at to find the first rows repeating one. */
    private static final int KEYS = 1_000;

    private static final String INDEX = "_mesh_index";
    private static final String KEY = "_mesh_key";

    private RuleLocations() {}

    /**
     * {@code refused} with the offending rows placed, or as it is when none can be; a failure while placing them
     * is attached to it as suppressed, never put in its stead (the refusal is what the user must see).
     *
     * @param table the table's rows at the version the publish read when the file's rows were to be appended to
     *     them, else null
     */
    static PublishBlockedException placed(
            PublishBlockedException refused, PublishFiles.Places places, Dataset<Row> table) {
        if (places == null) return refused;
        try {
            return place(refused, places, table);
        } catch (RuntimeException e) {
            refused.addSuppressed(e);
            return refused;
        }
    }

    private static PublishBlockedException place(
            PublishBlockedException refused, PublishFiles.Places places, Dataset<Row> table) {
        List<DataFiles.BadValue> offending = new ArrayList<>();
        long total = 0;
        Dataset<Row> rows = null;
        for (QualityResult q : refused.results()) {
            ScopedRule r = q.rule();
            if (!q.blocks() || r.property() == null) continue;
            if (rows == null) rows = places.rows();
            String metric = Objects.requireNonNullElse(r.rule().metric(), "");
            String what = DataFiles.ruleProblem(metric, r.rule().label());
            if (what == null) continue;
            if (metric.equals("duplicateValues") && r.rule().effectiveType().equalsIgnoreCase("library")) {
                Repeats repeats = repeats(rows, table, r.property());
                total += repeats.total();
                List<String> at = places.locate(repeats.first(), r.property());
                for (int i = 0; i < at.size(); i++) {
                    String problem = repeats.inTable().get(i)
                            ? DataFiles.repeatsTableKey(r.rule().label())
                            : what;
                    offending.add(new DataFiles.BadValue(at.get(i), r.property(), problem));
                }
                continue;
            }
            Column which;
            try {
                which = QualityRun.offending(rows, r);
            } catch (IllegalArgumentException notEvaluated) {
                continue; // the rule is an ERROR result, not a failed one: no row breaks it
            }
            if (which == null) continue;
            Dataset<Row> breaking = rows.filter(which);
            total += breaking.count();
            List<Row> first = breaking.limit(DataFiles.BAD_VALUES_SHOWN).collectAsList();
            List<String> at = places.locate(first, r.property());
            for (String where : at) offending.add(new DataFiles.BadValue(where, r.property(), what));
        }
        return offending.isEmpty()
                ? refused
                : new PublishBlockedException(refused.getMessage(), refused.results(), offending, total);
    }

    /**
     * The file's rows that repeat a key: the first, in the file's order, with whether the key is the table's, and
     * how many there are in all.
     */
    private record Repeats(List<Row> first, List<Boolean> inTable, long total) {}

    /**
     * The file's rows whose key an earlier row of the file holds too and, when {@code table} is given, those whose
     * key the table holds (a semi-join with the table's key column). A row repeating a key of the table is counted
     * once, as such, not also as repeating an earlier row of the file.
     */
    private static Repeats repeats(Dataset<Row> rows, Dataset<Row> table, String column) {
        Column key = col(QualityRun.quote(column));
        Dataset<Row> indexed = rows.withColumn(INDEX, monotonically_increasing_id()); // the file's order
        Dataset<Row> fresh = indexed;
        List<Row> old = List.of();
        long total = 0;
        if (table != null) {
            Dataset<Row> keys = table.select(key.as(KEY)).distinct();
            Column match = indexed.col(QualityRun.quote(column)).equalTo(keys.col(KEY));
            Dataset<Row> inTable = indexed.join(keys, match, "left_semi");
            total += inTable.count();
            old = inTable.orderBy(INDEX).limit(DataFiles.BAD_VALUES_SHOWN).collectAsList();
            fresh = indexed.join(keys, match, "left_anti");
        }
        total += fresh.agg(count(key).minus(count_distinct(key))).first().getLong(0);
        List<Row> again = inFile(fresh, key, column);
        List<Row> first = new ArrayList<>(old);
        first.addAll(again);
        first.sort(Comparator.comparingLong(row -> row.<Long>getAs(INDEX)));
        if (first.size() > DataFiles.BAD_VALUES_SHOWN) first = first.subList(0, DataFiles.BAD_VALUES_SHOWN);
        List<Boolean> isOld = first.stream().map(old::contains).toList();
        return new Repeats(first, isOld, total);
    }

    /** The first rows, in the file's order, whose key an earlier row of the file holds too. */
    private static List<Row> inFile(Dataset<Row> rows, Column key, String column) {
        Object[] keys = rows.groupBy(key).count().filter("count > 1").limit(KEYS).collectAsList().stream()
                .map(k -> k.get(0))
                .filter(Objects::nonNull)
                .toArray();
        if (keys.length == 0) return List.of();
        List<Row> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Row row : rows.filter(key.isin(keys))
                .orderBy(INDEX)
                .limit(keys.length + DataFiles.BAD_VALUES_SHOWN)
                .collectAsList()) {
            if (!seen.add(row.getAs(column)) && out.size() < DataFiles.BAD_VALUES_SHOWN) out.add(row);
        }
        return out;
    }
}

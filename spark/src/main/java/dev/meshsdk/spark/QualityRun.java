package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * Evaluates the rules of one table on a {@link Dataset}: the row count, the library metrics
 * {@code rowCount}, {@code nullValues}, {@code missingValues}, {@code invalidValues} and every custom rule of
 * engine {@code spark} (an aggregate Spark SQL expression in {@code implementation}) in ONE aggregate pass
 * over the data; the {@code duplicateValues} columns in a second pass over those columns alone, without a
 * shuffle where the partitions' value ranges do not overlap ({@link DuplicateCounts}), else by shuffling one
 * 64-bit key per value in blocks and resolving colliding hashes exactly ({@link HashedDuplicates}), else (a type
 * not hashed there, or too many colliding hashes) each in a pass of its own ({@code count - count(distinct)}: a
 * distinct aggregate shuffles by the column, and put in the shared pass it makes Spark carry every other
 * aggregate through that shuffle, measured 1.5 to 2 times slower on 10 million rows than the two passes);
 * then each {@code sql} rule as its own query,
 * with {@code {object}} ({@code ${object}}, {@code {table}}, {@code ${table}}) naming the data and
 * {@code {property}} the rule's column. Values from the contract (valid values, missing values, patterns)
 * are literals, never SQL text. A rule that cannot be evaluated (a missing column, a bad expression) is an
 * {@code ERROR} result and does not stop the others.
 */
final class QualityRun {
    /** Every rule's result in order, and the number of rows measured. */
    record Outcome(List<QualityResult> results, long rowCount) {
        Outcome {
            results = List.copyOf(results);
        }
    }

    private QualityRun() {}

    static Outcome evaluate(SparkSession spark, Dataset<Row> data, List<ScopedRule> rules) {
        return evaluate(spark, data, rules, column -> true);
    }

    /**
     * As {@link #evaluate(SparkSession, Dataset, List)}; {@code mayBeDisjoint} says, per column, whether counting
     * its duplicates without a shuffle is worth a try ({@code false}: the data's layout shows it is not).
     */
    static Outcome evaluate(
            SparkSession spark,
            Dataset<Row> data,
            List<ScopedRule> rules,
            java.util.function.Predicate<String> mayBeDisjoint) {
        return evaluate(spark, data, rules, mayBeDisjoint, HashedDuplicates.Hashing.DEFAULT);
    }

    /**
     * As {@link #evaluate(SparkSession, Dataset, List, java.util.function.Predicate)}; the duplicates that cannot
     * be counted file by file are counted by shuffling 64-bit keys with {@code hashing} ({@link HashedDuplicates}),
     * or, when it is {@code null} or the column's type is not hashed there, with a distinct aggregate.
     */
    static Outcome evaluate(
            SparkSession spark,
            Dataset<Row> data,
            List<ScopedRule> rules,
            java.util.function.Predicate<String> mayBeDisjoint,
            HashedDuplicates.Hashing hashing) {
        QualityResult[] results = new QualityResult[rules.size()];
        List<Column> aggregates = new ArrayList<>();
        List<Integer> shared = new ArrayList<>();
        List<Integer> distinct = new ArrayList<>();
        List<Column> distinctColumns = new ArrayList<>();
        List<Column> distinctValues = new ArrayList<>();
        aggregates.add(count(lit(1)));
        for (int i = 0; i < rules.size(); i++) {
            ScopedRule r = rules.get(i);
            QualityRule rule = r.rule();
            String type = rule.effectiveType().toLowerCase(Locale.ROOT);
            if (rule.threshold().isEmpty()) {
                results[i] = error(r, "it has no mustBe... threshold to compare with; add one");
                continue;
            }
            if (type.equals("sql")) continue;
            Column c;
            try {
                c = switch (type) {
                    case "library" -> metric(data, r);
                    case "custom" -> custom(r);
                    default ->
                        throw new IllegalArgumentException("the spark engine evaluates library, sql and"
                                + " custom (engine: spark) rules, not '" + type + "' rules");
                };
                checkAnalyzes(data, c);
            } catch (Exception e) {
                results[i] = error(r, reason(e));
                continue;
            }
            if ("duplicateValues".equals(rule.metric()) && type.equals("library")) {
                distinct.add(i);
                distinctColumns.add(c);
                distinctValues.add(column(data, r.property()));
            } else {
                shared.add(i);
                aggregates.add(c);
            }
        }
        Row row = data.agg(
                        aggregates.get(0),
                        aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .first();
        List<Column> tryWithoutShuffle = new ArrayList<>();
        for (int k = 0; k < distinct.size(); k++) {
            tryWithoutShuffle.add(
                    mayBeDisjoint.test(rules.get(distinct.get(k)).property()) ? distinctValues.get(k) : null);
        }
        Long[] withoutShuffle = duplicatesWithoutShuffle(data, tryWithoutShuffle);
        if (hashing != null) byHash(spark, data, distinctValues, withoutShuffle, row.getLong(0), hashing);
        for (int k = 0; k < distinct.size(); k++) {
            int i = distinct.get(k);
            BigDecimal duplicates = withoutShuffle[k] != null
                    ? BigDecimal.valueOf(withoutShuffle[k])
                    : number(data.agg(distinctColumns.get(k)).first().get(0));
            results[i] = compare(rules.get(i), measured(rules.get(i), duplicates, row.getLong(0)));
        }
        long rowCount = row.getLong(0);
        for (int k = 0; k < shared.size(); k++) {
            int i = shared.get(k);
            ScopedRule r = rules.get(i);
            BigDecimal value = number(row.get(k + 1));
            results[i] = value == null
                    ? error(r, "the measured value is NULL (no rows, or an expression that" + " yields NULL)")
                    : compare(r, measured(r, value, rowCount));
        }
        boolean anySql = false;
        for (QualityResult q : results) anySql |= q == null;
        if (anySql) {
            String view = "mesh_quality_" + UUID.randomUUID().toString().replace("-", "");
            data.createOrReplaceTempView(view);
            try {
                for (int i = 0; i < rules.size(); i++) {
                    if (results[i] == null) results[i] = sqlRule(spark, view, rules.get(i));
                }
            } finally {
                spark.catalog().dropTempView(view);
            }
        }
        return new Outcome(List.of(results), rowCount);
    }

    /**
     * The duplicate counts that {@link DuplicateCounts} finds in one pass without a shuffle, {@code null} where it
     * cannot or the column is {@code null} (not to be tried); the caller then counts with a distinct aggregate.
     */
    private static Long[] duplicatesWithoutShuffle(Dataset<Row> data, List<Column> columns) {
        Long[] out = new Long[columns.size()];
        List<Integer> supported = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            if (columns.get(k) != null
                    && DuplicateCounts.supports(
                            data.select(columns.get(k)).schema().fields()[0].dataType())) supported.add(k);
        }
        if (supported.isEmpty()) return out;
        Long[] counted =
                DuplicateCounts.count(data, supported.stream().map(columns::get).toList());
        for (int j = 0; j < supported.size(); j++) out[supported.get(j)] = counted[j];
        return out;
    }

    /**
     * Fills the {@code null} places of {@code counts} whose column {@link HashedDuplicates} supports, in one pass
     * for all of them; a place it cannot count (too many colliding hashes) stays {@code null}.
     */
    private static void byHash(
            SparkSession spark,
            Dataset<Row> data,
            List<Column> columns,
            Long[] counts,
            long rowCount,
            HashedDuplicates.Hashing hashing) {
        List<Integer> supported = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            if (counts[k] == null
                    && HashedDuplicates.supports(
                            data.select(columns.get(k)).schema().fields()[0].dataType())) {
                supported.add(k);
            }
        }
        if (supported.isEmpty()) return;
        Long[] counted = HashedDuplicates.count(
                spark, data, supported.stream().map(columns::get).toList(), rowCount, hashing);
        for (int j = 0; j < supported.size(); j++) counts[supported.get(j)] = counted[j];
    }

    /** The aggregate column of a library rule. */
    private static Column metric(Dataset<Row> data, ScopedRule r) {
        QualityRule rule = r.rule();
        String metric = rule.metric() == null ? "" : rule.metric();
        if (metric.equals("rowCount")) return count(lit(1));
        if (!List.of("nullValues", "missingValues", "invalidValues", "duplicateValues")
                .contains(metric)) {
            throw new IllegalArgumentException("metric '" + metric + "' is not one of rowCount, nullValues,"
                    + " missingValues, invalidValues, duplicateValues");
        }
        if (r.property() == null) {
            throw new IllegalArgumentException("metric '" + metric + "' needs a property; put the rule on one");
        }
        if (metric.equals("duplicateValues")) {
            Column col = column(data, r.property());
            return count(col).minus(count_distinct(col));
        }
        return count_if(offending(data, r));
    }

    /**
     * Whether a row breaks row-level rule {@code r} on its own ({@code nullValues}, {@code missingValues},
     * {@code invalidValues}, on a property); null for any other rule. {@code IllegalArgumentException} when the
     * rule lacks what it needs.
     */
    static Column offending(Dataset<Row> data, ScopedRule r) {
        QualityRule rule = r.rule();
        String metric = rule.metric() == null ? "" : rule.metric();
        if (r.property() == null
                || !rule.effectiveType().equalsIgnoreCase("library")
                || !List.of("nullValues", "missingValues", "invalidValues").contains(metric)) {
            return null;
        }
        Column col = column(data, r.property());
        Map<String, Object> args = rule.arguments();
        switch (metric) {
            case "nullValues":
                return col.isNull();
            case "missingValues": {
                Collection<?> missing = list(args.get("missingValues"));
                Column condition = col.isNull();
                if (!missing.isEmpty())
                    condition = condition.or(col.cast("string").isin(texts(missing)));
                return condition;
            }
            default: { // invalidValues
                Collection<?> valid = list(args.get("validValues"));
                Object pattern = args.get("pattern");
                if (valid.isEmpty() && pattern == null) {
                    throw new IllegalArgumentException("invalidValues needs arguments validValues or pattern");
                }
                Column ok = lit(true);
                if (!valid.isEmpty()) ok = ok.and(col.cast("string").isin(texts(valid)));
                if (pattern != null) ok = ok.and(col.cast("string").rlike(String.valueOf(pattern)));
                return col.isNotNull().and(not(ok));
            }
        }
    }

    /** A custom rule of engine {@code spark}: its implementation is an aggregate Spark SQL expression. */
    private static Column custom(ScopedRule r) {
        String engine = r.rule().engine();
        if (engine == null || !engine.equalsIgnoreCase("spark")) {
            throw new IllegalArgumentException("it is a custom rule for engine '" + engine + "'; the spark engine"
                    + " evaluates custom rules with engine: spark");
        }
        String implementation = r.rule().implementation();
        if (implementation == null || implementation.isBlank()) {
            throw new IllegalArgumentException("the custom rule has no implementation; write an aggregate Spark SQL"
                    + " expression such as max(amount)");
        }
        String text = implementation.trim();
        if (r.property() != null)
            text = text.replace("${property}", quote(r.property())).replace("{property}", quote(r.property()));
        return expr(text);
    }

    /** Fails (with Spark's message) when the column does not analyze against the data or is not a number. */
    private static void checkAnalyzes(Dataset<Row> data, Column c) {
        DataType type = data.agg(c).schema().fields()[0].dataType();
        if (!(type instanceof NumericType) && !(type instanceof BooleanType)) {
            throw new IllegalArgumentException("the expression yields " + type.simpleString() + ", not a number");
        }
    }

    private static Column column(Dataset<Row> data, String name) {
        return data.col(quote(name));
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static QualityResult sqlRule(SparkSession spark, String view, ScopedRule r) {
        String query = r.rule().query();
        if (query == null || query.isBlank()) return error(r, "the sql rule has no query; add one");
        String sql = query.replace("${object}", view)
                .replace("{object}", view)
                .replace("${table}", view)
                .replace("{table}", view);
        if (r.property() != null) {
            sql = sql.replace("${property}", quote(r.property())).replace("{property}", quote(r.property()));
        }
        try {
            List<Row> rows = spark.sql(sql).limit(1).collectAsList();
            if (rows.isEmpty()) return error(r, "the query returned no row");
            BigDecimal measured = number(rows.get(0).get(0));
            if (measured == null) return error(r, "the query returned NULL");
            return compare(r, measured);
        } catch (Exception e) {
            return error(r, "the query failed: " + reason(e));
        }
    }

    static BigDecimal number(Object v) {
        if (v == null) return null;
        if (v instanceof BigDecimal b) return b;
        if (v instanceof Boolean b) return b ? BigDecimal.ONE : BigDecimal.ZERO;
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) return null;
        if (v instanceof Float f && (f.isNaN() || f.isInfinite())) return null;
        if (v instanceof Number n) return new BigDecimal(n.toString());
        throw new IllegalArgumentException("the measured value " + v.getClass().getSimpleName() + " is not a number");
    }

    /** The count, or its share of the rows in percent when the rule's unit is percent. */
    private static BigDecimal measured(ScopedRule r, BigDecimal count, long rowCount) {
        boolean percent = r.rule().unit() != null
                && r.rule().unit().toLowerCase(Locale.ROOT).startsWith("percent");
        if (!percent || "rowCount".equals(r.rule().metric())) return count;
        if (rowCount == 0) return BigDecimal.ZERO;
        return count.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(rowCount), 4, RoundingMode.HALF_UP);
    }

    private static Object[] texts(Collection<?> values) {
        return values.stream().map(String::valueOf).toArray();
    }

    private static Collection<?> list(Object v) {
        if (v == null) return List.of();
        if (v instanceof Collection<?> c) return c;
        return List.of(v);
    }

    static QualityResult compare(ScopedRule r, BigDecimal measured) {
        Threshold t = r.rule().threshold().orElseThrow();
        boolean ok = t.test(measured);
        return new QualityResult(
                r,
                ok ? QualityResult.Status.PASSED : QualityResult.Status.FAILED,
                measured,
                t,
                "rule '" + r.rule().label() + "' on " + r.scope() + ": measured " + measured.toPlainString()
                        + (ok ? ", " : ", expected ") + t);
    }

    static QualityResult error(ScopedRule r, String why) {
        return new QualityResult(
                r,
                QualityResult.Status.ERROR,
                null,
                r.rule().threshold().orElse(null),
                "Cannot evaluate rule '" + r.rule().label() + "' on " + r.scope() + ": " + why);
    }

    /** The first line of an exception's message: Spark appends query plans that say nothing to a reader. */
    static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}

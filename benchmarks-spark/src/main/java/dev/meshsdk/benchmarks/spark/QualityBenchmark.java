package dev.meshsdk.benchmarks.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spark.SparkQualityEngine;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.testkit.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * Quality checks on the benchmark table (8 rules: row count, completeness of {@code name}, {@code amount} and
 * {@code customer}, uniqueness of {@code id}, min and max of {@code amount}, the {@code code} pattern): the
 * {@code spark} quality engine vs one hand-written Spark aggregate computing the same values, on the same Parquet
 * files and on the Delta table, in two key layouts: "by file" (ids increase with the files, as ids written in
 * order do) and "spread" (the same ids permuted over every file). Interleaved, median of {@code bench.reps} runs
 * after one warm-up. Also the engine counting duplicates as it did before hashing (a distinct aggregate,
 * {@code duplicatesByHash=false}) on the spread Delta table. Writes {@code <dir>/<rows>/spark-quality.json} for
 * benchmarks-deequ to print the Deequ ratios beside these figures.
 */
public final class QualityBenchmark {
    private QualityBenchmark() {}

    /** What is timed: name, in run order. */
    private static final List<String> MEASURES = List.of(
            "engine-parquet",
            "hand-parquet",
            "engine-delta",
            "hand-delta",
            "engine-parquet-spread",
            "hand-parquet-spread",
            "engine-delta-spread",
            "hand-delta-spread",
            "engine-distinct-delta-spread");

    public static void main(String[] args) throws Exception {
        BenchData data = new BenchData();
        Map<String, String> dv = Map.of("delta.enableDeletionVectors", "true");
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("parquet", data.table("parquet", "parquet", Map.of()));
        tables.put("delta", data.table("delta", "delta", dv));
        tables.put("parquet-spread", data.table("parquet-spread", "parquet", Map.of(), true));
        tables.put("delta-spread", data.table("delta-spread", "delta", dv, true));
        List<ScopedRule> rules = rules();
        Path root = data.dir.resolve(Long.toString(data.rows));
        AdapterContext context = new AdapterContext("bench", root.resolve("results"), Map.of(), null, null, null);
        SparkQualityEngine engine = new SparkQualityEngine(data.spark, context);
        // the same engine counting duplicates with a distinct aggregate (Spark's row shuffle), as before hashing
        SparkQualityEngine distinct = new SparkQualityEngine(
                data.spark,
                new AdapterContext(
                        "bench",
                        root.resolve("results"),
                        Map.of(
                                SparkQualityEngine.DUPLICATES_BY_FILE,
                                "false",
                                SparkQualityEngine.DUPLICATES_BY_HASH,
                                "false"),
                        null,
                        null,
                        null));

        Map<String, double[]> times = new LinkedHashMap<>();
        for (String k : MEASURES) times.put(k, new double[data.reps]);
        List<QualityResult> last = null;
        Map<String, Object[]> expected = new LinkedHashMap<>(); // per table, the hand-written aggregate's values
        for (int rep = -1; rep < data.reps; rep++) {
            StringBuilder line = new StringBuilder(rep < 0 ? "warm-up:" : "run " + (rep + 1) + ":");
            for (String k : MEASURES) {
                String table = k.replaceFirst("^(engine-distinct|engine|hand)-", "");
                String format = table.startsWith("delta") ? "delta" : "parquet";
                List<QualityResult>[] holder = new List[1];
                double t;
                if (k.startsWith("hand")) {
                    Object[][] values = new Object[1][];
                    t = BenchData.seconds(() -> values[0] = handWritten(data, tables.get(table), format));
                    expected.put(table, values[0]);
                } else {
                    Object[] hand = expected.computeIfAbsent(table, x -> handWritten(data, tables.get(table), format));
                    SparkQualityEngine e = k.startsWith("engine-distinct") ? distinct : engine;
                    PortBinding port = port(root, table, format);
                    t = BenchData.seconds(() -> holder[0] = e.evaluate(port, rules));
                    check(holder[0], hand);
                    last = holder[0];
                }
                if (rep >= 0) times.get(k)[rep] = t;
                line.append(String.format(" %s %.2f s,", k, t));
            }
            System.out.println(line.substring(0, line.length() - 1));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", data.rows);
        out.put("reps", data.reps);
        times.forEach((k, v) -> out.put(k, BenchData.median(v)));
        Files.writeString(
                root.resolve("spark-quality.json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
        System.out.printf(
                "%nQuality, 8 rules, %,d rows, median of %d (goal: engine <= 1.1x the hand-written aggregate)%n",
                data.rows, data.reps);
        for (String layout : List.of("", "-spread")) {
            for (String format : List.of("parquet", "delta")) {
                double e = (double) out.get("engine-" + format + layout);
                double h = (double) out.get("hand-" + format + layout);
                System.out.printf(
                        "  %-8s keys %-8s engine %6.2f s, hand-written one aggregate %6.2f s, ratio %.2fx%n",
                        format, layout.isEmpty() ? "by file" : "spread", e, h, e / h);
            }
        }
        double before = (double) out.get("engine-distinct-delta-spread");
        double now = (double) out.get("engine-delta-spread");
        System.out.printf(
                "  delta    keys spread  engine counting duplicates with a distinct aggregate (as before"
                        + " hashing) %.2f s; by hashed keys %.2f s, ratio %.2fx%n",
                before, now, now / before);
        for (QualityResult r : last) System.out.println("  " + r.status() + " " + r.message());
        System.out.println("Now run benchmarks-deequ with the same -Dbench.dir and -Dbench.rows for the Deequ ratios.");
        data.spark.stop();
    }

    /** The same values as the engine computes, in one aggregate written by hand. */
    static Object[] handWritten(BenchData data, String path, String format) {
        Row r = data.spark
                .read()
                .format(format)
                .load(path)
                .agg(
                        count(lit(1)),
                        count_if(col("name").isNull()),
                        count_if(col("amount").isNull()),
                        count_if(col("customer").isNull()),
                        count(col("id")).minus(count_distinct(col("id"))),
                        min(col("amount")),
                        max(col("amount")),
                        count_if(col("code").isNotNull().and(not(col("code").rlike(BenchData.PATTERN)))))
                .first();
        Object[] values = new Object[r.size()];
        for (int i = 0; i < values.length; i++) values[i] = r.get(i);
        return values;
    }

    /** The engine and the hand-written aggregate must agree, or the timing compares different work. */
    private static void check(List<QualityResult> engine, Object[] hand) {
        for (int i = 0; i < engine.size(); i++) {
            BigDecimal e = engine.get(i).measured();
            BigDecimal h = new BigDecimal(String.valueOf(hand[i]));
            if (e == null || e.compareTo(h) != 0) {
                throw new IllegalStateException("engine and hand-written aggregate disagree on "
                        + engine.get(i).message() + ": hand-written " + h);
            }
        }
    }

    static List<ScopedRule> rules() {
        return List.of(
                rule(null, "rows", "library", "rowCount", Map.of(), null, t("mustBeGreaterThan", 0)),
                rule("name", "name complete", "library", "nullValues", Map.of(), null, t("mustBe", 0)),
                rule("amount", "amount complete", "library", "nullValues", Map.of(), null, t("mustBe", 0)),
                rule("customer", "customer complete", "library", "nullValues", Map.of(), null, t("mustBe", 0)),
                rule("id", "id unique", "library", "duplicateValues", Map.of(), null, t("mustBe", 0)),
                rule(null, "min amount", "custom", null, Map.of(), "min(amount)", t("mustBeGreaterOrEqualTo", 0)),
                rule(null, "max amount", "custom", null, Map.of(), "max(amount)", t("mustBeLessOrEqualTo", 100000)),
                rule(
                        "code",
                        "code pattern",
                        "library",
                        "invalidValues",
                        Map.of("pattern", BenchData.PATTERN),
                        null,
                        t("mustBe", 0)));
    }

    private static ScopedRule rule(
            String property,
            String name,
            String type,
            String metric,
            Map<String, Object> args,
            String implementation,
            Threshold t) {
        return new ScopedRule(
                "orders",
                property,
                new QualityRule(
                        null,
                        name,
                        null,
                        type,
                        metric,
                        args,
                        Optional.of(t),
                        null,
                        null,
                        implementation == null ? null : "spark",
                        implementation,
                        "error",
                        null,
                        List.of(),
                        Map.of()));
    }

    private static Threshold t(String op, long v) {
        return new Threshold(Threshold.Operator.ofKey(op), List.of(BigDecimal.valueOf(v)));
    }

    private static PortBinding port(Path root, String path, String format) {
        return Fixtures.binding(
                Fixtures.ordersContract(),
                Fixtures.server(path, "local", Map.of("path", root.resolve(path).toString(), "format", format)));
    }
}

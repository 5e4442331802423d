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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Quality checks on the benchmark table (completeness of {@code name}, uniqueness of {@code id}, min and max of
 * {@code amount}, row count, the {@code code} pattern): the {@code spark} quality engine vs one hand-written
 * Spark aggregate computing the same values, on the same Parquet files and on the Delta table, interleaved,
 * median of {@code bench.reps} runs after one warm-up. Writes {@code <dir>/<rows>/spark-quality.json} for
 * benchmarks-deequ to print the Deequ ratio beside these figures.
 */
public final class QualityBenchmark {
    private QualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchData data = new BenchData();
        String parquet = data.table("parquet", "parquet", Map.of());
        String delta = data.table("delta", "delta", Map.of("delta.enableDeletionVectors", "true"));
        List<ScopedRule> rules = rules();
        Path root = data.dir.resolve(Long.toString(data.rows));
        AdapterContext context = new AdapterContext("bench", root.resolve("results"), Map.of(), null, null, null);
        SparkQualityEngine engine = new SparkQualityEngine(data.spark, context);
        // the same engine counting duplicates with a distinct aggregate (a shuffle), as it must when keys are not
        // laid out by file
        SparkQualityEngine shuffling = new SparkQualityEngine(data.spark, new AdapterContext("bench",
                root.resolve("results"), Map.of(SparkQualityEngine.DUPLICATES_BY_FILE, "false"), null, null, null));
        PortBinding parquetPort = port(root, "parquet", "parquet");
        PortBinding deltaPort = port(root, "delta", "delta");

        Map<String, double[]> times = new LinkedHashMap<>();
        for (String k : List.of("engine-parquet", "engine-shuffle-parquet", "hand-parquet", "hand-split-parquet",
                "engine-delta", "hand-delta")) {
            times.put(k, new double[data.reps]);
        }
        List<QualityResult> last = null;
        for (int rep = -1; rep < data.reps; rep++) {
            List<QualityResult>[] holder = new List[1];
            double a = BenchData.seconds(() -> holder[0] = engine.evaluate(parquetPort, rules));
            List<QualityResult>[] shuffled = new List[1];
            double f = BenchData.seconds(() -> shuffled[0] = shuffling.evaluate(parquetPort, rules));
            Object[][] hand = new Object[2][];
            double b = BenchData.seconds(() -> hand[0] = handWritten(data, parquet, "parquet"));
            double e = BenchData.seconds(() -> hand[1] = handWrittenSplit(data, parquet));
            double c = BenchData.seconds(() -> engine.evaluate(deltaPort, rules));
            double d = BenchData.seconds(() -> handWritten(data, delta, "delta"));
            if (rep >= 0) {
                times.get("engine-parquet")[rep] = a;
                times.get("engine-shuffle-parquet")[rep] = f;
                times.get("hand-parquet")[rep] = b;
                times.get("hand-split-parquet")[rep] = e;
                times.get("engine-delta")[rep] = c;
                times.get("hand-delta")[rep] = d;
            }
            last = holder[0];
            check(last, hand[0]);
            check(shuffled[0], hand[0]);
            check(last, hand[1]);
            System.out.printf("%s: engine parquet %.2f s, engine with shuffle parquet %.2f s, hand parquet %.2f s, hand"
                    + " split parquet %.2f s, engine delta %.2f s, hand delta %.2f s%n",
                    rep < 0 ? "warm-up" : "run " + (rep + 1), a, f, b, e, c, d);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", data.rows);
        out.put("reps", data.reps);
        times.forEach((k, v) -> out.put(k, BenchData.median(v)));
        Files.writeString(root.resolve("spark-quality.json"), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(out));
        double ep = BenchData.median(times.get("engine-parquet"));
        double hp = BenchData.median(times.get("hand-parquet"));
        double hs = BenchData.median(times.get("hand-split-parquet"));
        double es = BenchData.median(times.get("engine-shuffle-parquet"));
        double ed = BenchData.median(times.get("engine-delta"));
        double hd = BenchData.median(times.get("hand-delta"));
        System.out.printf("%nQuality, %,d rows, median of %d (goal: engine <= 1.1x the hand-written pass)%n", data.rows, data.reps);
        System.out.printf("  Parquet: engine %.2f s, hand-written one aggregate %.2f s, ratio %.2fx%n", ep, hp, ep / hp);
        System.out.printf("  Parquet: engine %.2f s, hand-written as two passes (shared aggregate + distinct count) %.2f s,"
                + " ratio %.2fx%n", ep, hs, ep / hs);
        System.out.printf("  Parquet: engine counting duplicates with a shuffle (%s=false, what it does when keys are"
                + " not laid out by file) %.2f s, ratio to hand-written one aggregate %.2fx, to two passes %.2fx%n",
                SparkQualityEngine.DUPLICATES_BY_FILE, es, es / hp, es / hs);
        System.out.printf("  Delta:   engine %.2f s, hand-written one aggregate %.2f s, ratio %.2fx%n", ed, hd, ed / hd);
        for (QualityResult r : last) System.out.println("  " + r.status() + " " + r.message());
        System.out.println("Now run benchmarks-deequ with the same -Dbench.dir and -Dbench.rows for the Deequ ratio.");
        data.spark.stop();
    }

    /** The same values as the engine computes, in one aggregate written by hand. */
    static Object[] handWritten(BenchData data, String path, String format) {
        Row r = data.spark.read().format(format).load(path).agg(count(lit(1)), count_if(col("name").isNull()),
                count(col("id")).minus(count_distinct(col("id"))), min(col("amount")), max(col("amount")),
                count_if(col("code").isNotNull().and(not(col("code").rlike(BenchData.PATTERN))))).first();
        return new Object[] {r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)};
    }

    /** The same values by hand in two passes: one shared aggregate, one distinct count. */
    static Object[] handWrittenSplit(BenchData data, String path) {
        Dataset<Row> d = data.spark.read().parquet(path);
        Row r = d.agg(count(lit(1)), count_if(col("name").isNull()), min(col("amount")), max(col("amount")),
                count_if(col("code").isNotNull().and(not(col("code").rlike(BenchData.PATTERN))))).first();
        Row u = d.agg(count(col("id")).minus(count_distinct(col("id")))).first();
        return new Object[] {r.get(0), r.get(1), u.get(0), r.get(2), r.get(3), r.get(4)};
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
                rule("id", "id unique", "library", "duplicateValues", Map.of(), null, t("mustBe", 0)),
                rule(null, "min amount", "custom", null, Map.of(), "min(amount)", t("mustBeGreaterOrEqualTo", 0)),
                rule(null, "max amount", "custom", null, Map.of(), "max(amount)", t("mustBeLessOrEqualTo", 100000)),
                rule("code", "code pattern", "library", "invalidValues", Map.of("pattern", BenchData.PATTERN), null,
                        t("mustBe", 0)));
    }

    private static ScopedRule rule(String property, String name, String type, String metric, Map<String, Object> args,
                                   String implementation, Threshold t) {
        return new ScopedRule("orders", property, new QualityRule(null, name, null, type, metric, args, Optional.of(t),
                null, null, implementation == null ? null : "spark", implementation, "error", null, List.of(), Map.of()));
    }

    private static Threshold t(String op, long v) {
        return new Threshold(Threshold.Operator.ofKey(op), List.of(BigDecimal.valueOf(v)));
    }

    private static PortBinding port(Path root, String path, String format) {
        return Fixtures.binding(Fixtures.ordersContract(), Fixtures.server(path, "local",
                Map.of("path", root.resolve(path).toString(), "format", format)));
    }
}

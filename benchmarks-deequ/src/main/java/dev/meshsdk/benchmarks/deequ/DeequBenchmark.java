package dev.meshsdk.benchmarks.deequ;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.constraints.Constraint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Option;
import scala.collection.Seq;
import scala.util.matching.Regex;

/**
 * Amazon Deequ 2.1.0 (Spark 3.5.9) running the checks of benchmarks-spark's QualityBenchmark (size,
 * completeness of {@code name}, {@code amount} and {@code customer}, uniqueness of {@code id}, min and max of
 * {@code amount}, the {@code code} pattern) on the same Parquet files, in both key layouts (ids by file, ids
 * spread over every file), median of {@code bench.reps} runs after one warm-up, and the ratios against the figures
 * benchmarks-spark wrote to {@code <dir>/<rows>/spark-quality.json}.
 */
public final class DeequBenchmark {
    private static final String PATTERN = "^[A-Z]{2}-[0-9]{4}$";
    /** The Parquet copies benchmarks-spark wrote: ids laid out by file, and spread over every file. */
    private static final List<String> LAYOUTS = List.of("parquet", "parquet-spread");

    private DeequBenchmark() {}

    @SuppressWarnings("unchecked")
    private static <T> Seq<T> empty() {
        return (Seq<T>) scala.collection.immutable.Nil$.MODULE$;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir") + "/mesh-bench"));
        long rows = Long.getLong("bench.rows", 10_000_000L);
        int reps = Integer.getInteger("bench.reps", 3);
        Path root = dir.resolve(Long.toString(rows));
        Path sparkFigures = root.resolve("spark-quality.json");
        for (String layout : LAYOUTS) {
            if (!Files.isDirectory(root.resolve(layout + "/orders")) || !Files.exists(sparkFigures)) {
                throw new IllegalStateException(
                        "Cannot find " + root.resolve(layout + "/orders") + " and " + sparkFigures
                                + ": run benchmarks-spark (QualityBenchmark) first with the same -Dbench.dir and -Dbench.rows");
            }
        }
        SparkSession spark = SparkSession.builder()
                .master(System.getProperty("bench.master", "local[2]"))
                .appName("deequ-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
        Function1<Object, Object> positive = v -> ((Number) v).longValue() > 0;
        Function1<Object, Object> nonNegative = v -> ((Number) v).doubleValue() >= 0;
        Function1<Object, Object> atMost100k = v -> ((Number) v).doubleValue() <= 100_000;
        Function1<Object, Object> allMatch = v -> ((Number) v).doubleValue() == 1.0;
        Check check = new Check(CheckLevel.Error(), "benchmark checks", DeequBenchmark.<Constraint>empty())
                .hasSize(positive, Option.empty())
                .isComplete("name", Option.empty(), Option.empty())
                .isComplete("amount", Option.empty(), Option.empty())
                .isComplete("customer", Option.empty(), Option.empty())
                .isUnique("id", Option.empty(), Option.empty())
                .hasMin("amount", nonNegative, Option.empty(), Option.empty())
                .hasMax("amount", atMost100k, Option.empty(), Option.empty())
                .hasPattern(
                        "code",
                        new Regex(PATTERN, DeequBenchmark.<String>empty()),
                        allMatch,
                        Option.empty(),
                        Option.empty(),
                        Option.empty());
        double[][] times = new double[LAYOUTS.size()][reps];
        for (int rep = -1; rep < reps; rep++) { // the layouts interleaved, as benchmarks-spark runs them
            for (int l = 0; l < LAYOUTS.size(); l++) {
                Dataset<Row> data = spark.read()
                        .parquet(root.resolve(LAYOUTS.get(l) + "/orders").toString());
                long t = System.nanoTime();
                VerificationResult result =
                        new VerificationSuite().onData(data).addCheck(check).run();
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf(
                        "%s: Deequ on %s %.2f s, status %s%n",
                        rep < 0 ? "warm-up" : "run " + (rep + 1), LAYOUTS.get(l), s, result.status());
                if (rep >= 0) times[l][rep] = s;
            }
        }
        JsonNode figures = new ObjectMapper().readTree(sparkFigures.toFile());
        System.out.printf(
                "%nQuality checks (8), %,d rows, median of %d here and of %d in benchmarks-spark (goals: engine"
                        + " <= 1.1x hand-written, <= 0.5x Deequ, whatever the key layout)%n",
                rows, reps, figures.get("reps").asInt());
        System.out.printf(
                "  %-18s %-8s %9s %9s %9s %9s %12s %12s%n",
                "key layout", "", "engine", "hand", "Deequ", "eng/hand", "eng/Deequ", "hand/Deequ");
        for (int l = 0; l < LAYOUTS.size(); l++) {
            double deequ = median(times[l]);
            String suffix = LAYOUTS.get(l).endsWith("-spread") ? "-spread" : "";
            for (String format : List.of("parquet", "delta")) {
                double engine = figures.get("engine-" + format + suffix).asDouble();
                double hand = figures.get("hand-" + format + suffix).asDouble();
                System.out.printf(
                        "  %-18s %-8s %8.2fs %8.2fs %8.2fs %8.2fx %11.2fx %11.2fx%n",
                        suffix.isEmpty() ? "by file" : "spread over files",
                        format,
                        engine,
                        hand,
                        deequ,
                        engine / hand,
                        engine / deequ,
                        hand / deequ);
            }
        }
        if (figures.has("engine-distinct-delta-spread")) {
            double before = figures.get("engine-distinct-delta-spread").asDouble();
            System.out.printf(
                    "  spread, delta: the engine counting duplicates with a distinct aggregate (before hashing)"
                            + " %.2f s: engine/Deequ %.2fx%n",
                    before, before / median(times[1]));
        }
        System.out.println("  (Deequ reads the Parquet copy of each layout: Delta Lake 4.4's tables need Spark 4)");
        spark.stop();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

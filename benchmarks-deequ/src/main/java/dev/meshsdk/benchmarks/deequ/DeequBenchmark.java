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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Option;
import scala.collection.Seq;
import scala.util.matching.Regex;

/**
 * Amazon Deequ 2.1.0 (Spark 3.5.9) running the checks of benchmarks-spark's QualityBenchmark (size,
 * completeness of {@code name}, uniqueness of {@code id}, min and max of {@code amount}, the {@code code}
 * pattern) on the same Parquet files, median of {@code bench.reps} runs after one warm-up, and the ratios
 * against the figures benchmarks-spark wrote to {@code <dir>/<rows>/spark-quality.json}.
 */
public final class DeequBenchmark {
    private static final String PATTERN = "^[A-Z]{2}-[0-9]{4}$";

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
        Path parquet = root.resolve("parquet/orders");
        Path sparkFigures = root.resolve("spark-quality.json");
        if (!Files.isDirectory(parquet) || !Files.exists(sparkFigures)) {
            throw new IllegalStateException("Cannot find " + parquet + " and " + sparkFigures + ": run benchmarks-spark"
                    + " (QualityBenchmark) first with the same -Dbench.dir and -Dbench.rows");
        }
        SparkSession spark = SparkSession.builder().master(System.getProperty("bench.master", "local[2]"))
                .appName("deequ-bench").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8").getOrCreate();
        Function1<Object, Object> positive = v -> ((Number) v).longValue() > 0;
        Function1<Object, Object> nonNegative = v -> ((Number) v).doubleValue() >= 0;
        Function1<Object, Object> atMost100k = v -> ((Number) v).doubleValue() <= 100_000;
        Function1<Object, Object> allMatch = v -> ((Number) v).doubleValue() == 1.0;
        Check check = new Check(CheckLevel.Error(), "benchmark checks", DeequBenchmark.<Constraint>empty())
                .hasSize(positive, Option.empty())
                .isComplete("name", Option.empty(), Option.empty())
                .isUnique("id", Option.empty(), Option.empty())
                .hasMin("amount", nonNegative, Option.empty(), Option.empty())
                .hasMax("amount", atMost100k, Option.empty(), Option.empty())
                .hasPattern("code", new Regex(PATTERN, DeequBenchmark.<String>empty()), allMatch, Option.empty(),
                        Option.empty(), Option.empty());
        double[] times = new double[reps];
        for (int rep = -1; rep < reps; rep++) {
            Dataset<Row> data = spark.read().parquet(parquet.toString());
            long t = System.nanoTime();
            VerificationResult result = new VerificationSuite().onData(data).addCheck(check).run();
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("%s: Deequ %.2f s, status %s%n", rep < 0 ? "warm-up" : "run " + (rep + 1), s, result.status());
            if (rep >= 0) times[rep] = s;
        }
        java.util.Arrays.sort(times);
        double deequ = reps % 2 == 1 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
        JsonNode figures = new ObjectMapper().readTree(sparkFigures.toFile());
        double engine = figures.get("engine-parquet").asDouble();
        double hand = figures.get("hand-parquet").asDouble();
        System.out.printf("%nQuality checks, %,d rows, Parquet, median of %d (goals: engine <= 1.1x hand-written,"
                + " <= 0.5x Deequ)%n", rows, reps);
        System.out.printf("  spark engine      %7.2f s%n", engine);
        System.out.printf("  hand-written pass %7.2f s   engine/hand  %.2fx%n", hand, engine / hand);
        System.out.printf("  Amazon Deequ      %7.2f s   engine/Deequ %.2fx%n", deequ, engine / deequ);
        if (figures.has("engine-shuffle-parquet")) {
            double shuffle = figures.get("engine-shuffle-parquet").asDouble();
            System.out.printf("  spark engine, duplicates counted with a shuffle (keys not laid out by file) %.2f s:"
                    + " engine/Deequ %.2fx%n", shuffle, shuffle / deequ);
        }
        spark.stop();
    }
}

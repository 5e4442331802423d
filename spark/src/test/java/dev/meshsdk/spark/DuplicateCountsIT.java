package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.testkit.QualityRules;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Duplicate counts without a shuffle, against Spark's own {@code count - count(DISTINCT)} on the same data: exact
 * where partitions' value ranges are disjoint, and "unknown" (never a wrong number) where they overlap or a
 * partition outgrows its memory budget.
 */
class DuplicateCountsIT {
    private final SparkSession spark = TestSpark.session();

    /** 4 partitions of 250 rows each, values clustered per partition with repeats inside; some nulls. */
    private Dataset<Row> clustered() {
        return spark.range(0, 1000, 1, 4)
                .selectExpr(
                        "CASE WHEN id % 97 = 0 THEN NULL ELSE id DIV 5 END AS k",
                        "CAST(id DIV 2 AS INT) AS i",
                        "CASE WHEN id % 50 = 0 THEN NULL ELSE concat('key-', lpad(CAST(id DIV 10 AS STRING), 5, '0')) END AS s",
                        "date_add(DATE'2026-01-01', CAST(id DIV 5 AS INT)) AS d");
    }

    private static long spark(Dataset<Row> data, String column) {
        return data.agg(count(col(column)).minus(count_distinct(col(column))))
                .first()
                .getLong(0);
    }

    @Test
    void clusteredColumnsAreCountedExactlyWithoutAShuffle() {
        Dataset<Row> data = clustered();
        List<String> columns = List.of("k", "i", "s", "d");

        Long[] counted =
                DuplicateCounts.count(data, columns.stream().map(data::col).toList());

        for (int c = 0; c < columns.size(); c++) {
            assertThat(counted[c]).as(columns.get(c)).isNotNull().isEqualTo(spark(data, columns.get(c)));
        }
        assertThat(counted[0]).as("k: 1000 ids in fives, nulls excluded").isPositive();
    }

    @Test
    void filesPackedIntoOnePartitionAreCountedFileByFile() {
        String dir = TestSpark.newDir("dup-files").resolve("t").toString();
        // 6 files, each a range of ids with repeats; shuffled within each file
        spark.range(0, 6000, 1, 6)
                .selectExpr("id DIV 2 AS k", "rand(1) AS r")
                .sortWithinPartitions("r")
                .write()
                .parquet(dir);
        SparkSession packing = spark.newSession();
        packing.conf().set("spark.sql.files.minPartitionNum", "2"); // Spark packs the 6 small files into 2 partitions
        Dataset<Row> data = packing.read().parquet(dir);

        Long[] counted = DuplicateCounts.count(data, List.of(data.col("k")));

        assertThat(data.rdd().getNumPartitions()).isLessThan(6);
        assertThat(counted[0]).isEqualTo(3000L).isEqualTo(spark(data, "k"));
    }

    @Test
    void overlappingPartitionsAreUnknownNotGuessed() {
        // round-robin over 4 partitions: every partition spans nearly the whole range
        Dataset<Row> data =
                spark.range(0, 1000, 1, 1).selectExpr("id % 300 AS k").repartition(4);

        Long[] counted = DuplicateCounts.count(data, List.of(data.col("k")));

        assertThat(counted[0]).isNull();
        assertThat(spark(data, "k")).isEqualTo(700); // what the engine then counts with a distinct aggregate
    }

    @Test
    void aPartitionOverItsMemoryBudgetGivesUp() {
        Dataset<Row> data = clustered();
        Column[] both = {data.col("k"), data.col("s")};

        Long[] counted = DuplicateCounts.count(data, List.of(both), 1024);

        assertThat(counted).containsOnlyNulls();
    }

    /**
     * Where partitions' ranges overlap the shuffle-free count gives up and the hashed count takes over; without
     * hashing, the distinct aggregate does; where the layout says the ranges overlap, the shuffle-free count is not
     * even tried. All of them measure the same; which one ran is read from the Spark jobs and queries it started.
     */
    @Test
    void theQualityRunFallsBackFromTheShuffleFreeCountToHashingAndThenToTheDistinctAggregate() {
        Dataset<Row> data = spark.range(0, 1000, 1, 1)
                .selectExpr("id % 300 AS k", "id AS u")
                .repartition(4);
        var rules = List.of(
                QualityRules.library("k", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library("u", "duplicateValues", QualityRules.mustBe("mustBe", 0)));

        Ran tried = ran(() -> QualityRun.evaluate(spark, data, rules));
        Ran statsSayOverlap = ran(() -> QualityRun.evaluate(spark, data, rules, column -> false));
        Ran withoutHashing = ran(() -> QualityRun.evaluate(spark, data, rules, column -> true, null));

        for (Ran r : List.of(tried, statsSayOverlap, withoutHashing)) {
            assertThat(r.outcome().results())
                    .extracting(q -> q.measured().longValue())
                    .containsExactly(700L, 0L);
        }
        assertThat(tried.code()).as("jobs of the first try").contains("DuplicateCounts", "HashedDuplicates");
        assertThat(tried.distinctAggregates())
                .as("distinct aggregates of the first try")
                .isEmpty();
        assertThat(statsSayOverlap.code())
                .as("jobs when the layout says the ranges overlap")
                .doesNotContain("DuplicateCounts")
                .contains("HashedDuplicates");
        assertThat(statsSayOverlap.distinctAggregates()).isEmpty();
        assertThat(withoutHashing.code())
                .as("jobs without hashing")
                .contains("DuplicateCounts")
                .doesNotContain("HashedDuplicates");
        assertThat(withoutHashing.distinctAggregates())
                .as("distinct aggregates without hashing")
                .containsExactlyInAnyOrder("k", "u");
    }

    /**
     * A quality run's outcome, the classes of this module that started Spark jobs (from its stages' call stacks) and the
     * columns of {@code k} and {@code u} counted by a distinct aggregate (from each query's plan).
     */
    private record Ran(QualityRun.Outcome outcome, java.util.Set<String> code, List<String> distinctAggregates) {}

    private Ran ran(java.util.function.Supplier<QualityRun.Outcome> run) {
        java.util.Set<String> code = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> distinct = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.spark.scheduler.SparkListener jobs = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                for (var stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageInfos())) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("dev\\.meshsdk\\.spark\\.(\\w+)\\.")
                            .matcher(stage.details());
                    while (m.find()) code.add(m.group(1));
                }
            }
        };
        org.apache.spark.sql.util.QueryExecutionListener queries =
                new org.apache.spark.sql.util.QueryExecutionListener() {
                    @Override
                    public void onSuccess(String action, org.apache.spark.sql.execution.QueryExecution qe, long nanos) {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("count\\(distinct ([ku])#")
                                .matcher(qe.analyzed().toString());
                        while (m.find()) distinct.add(m.group(1));
                    }

                    @Override
                    public void onFailure(
                            String action, org.apache.spark.sql.execution.QueryExecution qe, Exception e) {}
                };
        spark.sparkContext().addSparkListener(jobs);
        spark.listenerManager().register(queries);
        try {
            QualityRun.Outcome outcome = run.get();
            spark.sparkContext().listenerBus().waitUntilEmpty();
            return new Ran(outcome, code, distinct);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot tell which counts ran: Spark's listener bus did not drain", e);
        } finally {
            spark.listenerManager().unregister(queries);
            spark.sparkContext().removeSparkListener(jobs);
        }
    }

    @Test
    void deltaStatisticsTellClusteredFromOverlappingColumns() {
        String table = TestSpark.newDir("dup-stats").resolve("t").toString();
        spark.range(0, 1000, 1, 4)
                .selectExpr("id", "id % 7 AS m")
                .write()
                .format("delta")
                .save(table);

        var mayBeDisjoint = DuplicateCounts.deltaFilesMayBeDisjoint(spark, table, Map.of());

        assertThat(mayBeDisjoint.test("id"))
                .as("ids are written in order, one range per file")
                .isTrue();
        assertThat(mayBeDisjoint.test("m")).as("every file holds 0..6").isFalse();
        assertThat(mayBeDisjoint.test("no_such_column"))
                .as("no statistics: try")
                .isTrue();
    }
}

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
        return spark.range(0, 1000, 1, 4).selectExpr(
                "CASE WHEN id % 97 = 0 THEN NULL ELSE id DIV 5 END AS k",
                "CAST(id DIV 2 AS INT) AS i",
                "CASE WHEN id % 50 = 0 THEN NULL ELSE concat('key-', lpad(CAST(id DIV 10 AS STRING), 5, '0')) END AS s",
                "date_add(DATE'2026-01-01', CAST(id DIV 5 AS INT)) AS d");
    }

    private static long spark(Dataset<Row> data, String column) {
        return data.agg(count(col(column)).minus(count_distinct(col(column)))).first().getLong(0);
    }

    @Test
    void clusteredColumnsAreCountedExactlyWithoutAShuffle() {
        Dataset<Row> data = clustered();
        List<String> columns = List.of("k", "i", "s", "d");

        Long[] counted = DuplicateCounts.count(data, columns.stream().map(data::col).toList());

        for (int c = 0; c < columns.size(); c++) {
            assertThat(counted[c]).as(columns.get(c)).isNotNull().isEqualTo(spark(data, columns.get(c)));
        }
        assertThat(counted[0]).as("k: 1000 ids in fives, nulls excluded").isPositive();
    }

    @Test
    void filesPackedIntoOnePartitionAreCountedFileByFile() {
        String dir = TestSpark.newDir("dup-files").resolve("t").toString();
        // 6 files, each a range of ids with repeats; shuffled within each file
        spark.range(0, 6000, 1, 6).selectExpr("id DIV 2 AS k", "rand(1) AS r").sortWithinPartitions("r")
                .write().parquet(dir);
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
        Dataset<Row> data = spark.range(0, 1000, 1, 1).selectExpr("id % 300 AS k").repartition(4);

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

    @Test
    void theQualityRunFallsBackToTheDistinctAggregateWhenRangesOverlap() {
        Dataset<Row> data = spark.range(0, 1000, 1, 1).selectExpr("id % 300 AS k", "id AS u").repartition(4);
        var rules = List.of(QualityRules.library("k", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library("u", "duplicateValues", QualityRules.mustBe("mustBe", 0)));

        QualityRun.Outcome tried = QualityRun.evaluate(spark, data, rules);
        QualityRun.Outcome statsSayOverlap = QualityRun.evaluate(spark, data, rules, column -> false);

        assertThat(tried.results()).extracting(r -> r.measured().longValue()).containsExactly(700L, 0L);
        assertThat(statsSayOverlap.results()).extracting(r -> r.measured().longValue()).containsExactly(700L, 0L);
    }

    @Test
    void deltaStatisticsTellClusteredFromOverlappingColumns() {
        String table = TestSpark.newDir("dup-stats").resolve("t").toString();
        spark.range(0, 1000, 1, 4).selectExpr("id", "id % 7 AS m").write().format("delta").save(table);

        var mayBeDisjoint = DuplicateCounts.deltaFilesMayBeDisjoint(spark, table, Map.of());

        assertThat(mayBeDisjoint.test("id")).as("ids are written in order, one range per file").isTrue();
        assertThat(mayBeDisjoint.test("m")).as("every file holds 0..6").isFalse();
        assertThat(mayBeDisjoint.test("no_such_column")).as("no statistics: try").isTrue();
    }
}

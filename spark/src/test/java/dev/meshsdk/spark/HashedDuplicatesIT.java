package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.testkit.QualityRules;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Duplicate counts by shuffled 64-bit keys, against Spark's own {@code count - count(DISTINCT)} on the same data:
 * exact with the real hash, and still exact with hashes forced to collide between different values (a test
 * hash, {@code pmod(xxhash64(v), 3)}, injected because real 64-bit collisions cannot be produced on demand).
 */
class HashedDuplicatesIT {
    private final SparkSession spark = TestSpark.session();

    /** 3 partitions, every column's values spread over all of them, with repeats and nulls. */
    private Dataset<Row> spread() {
        return spark.range(0, 3000, 1, 3)
                .selectExpr(
                        "id AS u",
                        "CASE WHEN id % 97 = 0 THEN NULL ELSE id % 700 END AS k",
                        "CAST(id % 300 AS INT) AS i",
                        "CASE WHEN id % 50 = 0 THEN NULL ELSE concat('key-', CAST(id % 1234 AS STRING)) END AS s",
                        "concat('unique-', CAST(id AS STRING)) AS su",
                        "CAST((id % 400) / 4.0 AS DECIMAL(12,2)) AS dec",
                        "date_add(DATE'2026-01-01', CAST(id % 365 AS INT)) AS d",
                        "CASE WHEN id % 2 = 0 THEN NULL ELSE id % 3 = 0 END AS b");
    }

    private static final List<String> COLUMNS = List.of("u", "k", "i", "s", "su", "dec", "d", "b");

    private static long spark(Dataset<Row> data, String column) {
        return data.agg(functions.count(col(column)).minus(count_distinct(col(column))))
                .first()
                .getLong(0);
    }

    private Long[] count(Dataset<Row> data, HashedDuplicates.Hashing hashing) {
        return HashedDuplicates.count(
                spark, data, COLUMNS.stream().map(data::col).toList(), data.count(), hashing);
    }

    @Test
    void everySupportedTypeIsCountedExactly() {
        Dataset<Row> data = spread();

        Long[] counted = count(data, HashedDuplicates.Hashing.DEFAULT);

        for (int c = 0; c < COLUMNS.size(); c++) {
            assertThat(counted[c]).as(COLUMNS.get(c)).isNotNull().isEqualTo(spark(data, COLUMNS.get(c)));
        }
        assertThat(counted[0]).as("u is unique").isZero();
        assertThat(counted[4]).as("su is unique").isZero();
        assertThat(counted[1]).as("k: 700 values over 3000 rows minus nulls").isPositive();
    }

    @Test
    void hashesThatCollideBetweenDifferentValuesAreNotCountedAsDuplicates() {
        Dataset<Row> data = spread();
        // every value's hash is 0, 1 or 2: almost every pair of different values collides
        HashedDuplicates.Hashing colliding =
                new HashedDuplicates.Hashing(v -> pmod(xxhash64(v), lit(3L)), false, 1 << 20);

        Long[] counted = count(data, colliding);

        for (int c = 0; c < COLUMNS.size(); c++) {
            assertThat(counted[c]).as(COLUMNS.get(c)).isNotNull().isEqualTo(spark(data, COLUMNS.get(c)));
        }
        assertThat(counted[0])
                .as("3000 unique ids on 3 hashes: still no duplicate")
                .isZero();
        assertThat(counted[4])
                .as("3000 unique strings on 3 hashes: still no duplicate")
                .isZero();
    }

    @Test
    void moreCollidingHashesThanMayBeResolvedAreUnknownNotGuessed() {
        Dataset<Row> data = spread();
        HashedDuplicates.Hashing tooMany = new HashedDuplicates.Hashing(v -> pmod(xxhash64(v), lit(100L)), false, 2);

        Long[] counted = count(data, tooMany);

        assertThat(counted).containsOnlyNulls();
    }

    @Test
    void integralKeysAreTheirOwnKeysAndNeedNoResolving() {
        Dataset<Row> data = spread();
        // the test hash would collide, but integral, date and timestamp values are used as keys themselves
        HashedDuplicates.Hashing colliding = new HashedDuplicates.Hashing(v -> pmod(xxhash64(v), lit(3L)), true, 0);

        Long[] counted = count(data, colliding);

        assertThat(counted[0]).isZero();
        assertThat(counted[1]).isEqualTo(spark(data, "k"));
        assertThat(counted[2]).isEqualTo(spark(data, "i"));
        assertThat(counted[6]).isEqualTo(spark(data, "d"));
        assertThat(counted[3])
                .as("s: strings are hashed; colliding, beyond a limit of 0: unknown")
                .isNull();
    }

    @Test
    void theQualityRunCountsSpreadKeysByHashWithTheSameResultsAsTheDistinctAggregate() {
        Dataset<Row> data = spread().repartition(4);
        var rules = List.of(
                QualityRules.library("k", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library("u", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library("s", "duplicateValues", QualityRules.mustBe("mustBe", 0)),
                QualityRules.library("su", "duplicateValues", QualityRules.mustBe("mustBe", 0)));
        HashedDuplicates.Hashing colliding =
                new HashedDuplicates.Hashing(v -> pmod(xxhash64(v), lit(3L)), false, 1 << 20);

        QualityRun.Outcome byHash = QualityRun.evaluate(spark, data, rules, column -> false);
        QualityRun.Outcome collidingHashes = QualityRun.evaluate(spark, data, rules, column -> false, colliding);
        QualityRun.Outcome distinct = QualityRun.evaluate(spark, data, rules, column -> false, null);

        List<Long> expected = List.of(spark(data, "k"), 0L, spark(data, "s"), 0L);
        assertThat(byHash.results()).extracting(r -> r.measured().longValue()).isEqualTo(expected);
        assertThat(collidingHashes.results())
                .extracting(r -> r.measured().longValue())
                .isEqualTo(expected);
        assertThat(distinct.results()).extracting(r -> r.measured().longValue()).isEqualTo(expected);
    }
}

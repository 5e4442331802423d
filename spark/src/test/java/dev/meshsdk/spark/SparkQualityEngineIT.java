package dev.meshsdk.spark;

import static dev.meshsdk.testkit.QualityRules.library;
import static dev.meshsdk.testkit.QualityRules.mustBe;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.QualityResult.Status;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.QualityEngineContract;
import dev.meshsdk.testkit.QualityRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quality engine contract, every metric, the one-pass guarantee, and where results go, on a local Delta
 * table made by the {@code local} adapter and holding (1, Ann, 10), (2, NULL, 20), (3, Bob, 20), (4, n/a, NULL),
 * (5, Ann, 5); and on a Parquet port.
 */
class SparkQualityEngineIT extends QualityEngineContract {
    // One table for the whole class (no test changes its rows): Spark tests must stay few and quick.
    private static Path base;
    private static PortBinding shared;
    private AdapterContext context;

    @Override
    protected QualityEngine createEngine() {
        if (base == null) base = TestSpark.newDir("quality");
        context = TestSpark.context(base);
        return new SparkQualityEngine(TestSpark.session(), context);
    }

    @Override
    protected PortBinding portWithData() {
        if (shared == null) shared = withFiveOrders(base);
        return shared;
    }

    private static PortBinding withFiveOrders(Path dir) {
        PortBinding b = TestSpark.deployedLocalPort(dir, Fixtures.ordersContract());
        TestSpark.fiveOrders()
                .write()
                .format("delta")
                .mode("append")
                .save(dir.resolve("data/orders").toString());
        return b;
    }

    @Override
    protected ScopedRule passingRule() {
        return library(null, "rowCount", mustBe("mustBe", 5));
    }

    @Override
    protected ScopedRule failingRule() {
        return library("name", "nullValues", mustBe("mustBe", 0));
    }

    @Override
    protected BigDecimal failingRuleMeasuredValue() {
        return BigDecimal.ONE;
    }

    @Override
    protected Optional<ScopedRule> unsupportedRule() {
        return Optional.of(QualityRules.custom(
                "soda check", "soda", "checks for orders: [row_count > 0]", mustBe("mustBe", 0), null));
    }

    private QualityResult one(ScopedRule rule) {
        QualityResult r = engine.evaluate(port, List.of(rule)).get(0);
        assertThat(r.status()).as(r.message()).isNotEqualTo(Status.ERROR);
        return r;
    }

    @Test
    void measuresEveryLibraryMetricSqlAndCustomRules() {
        List<QualityResult> results = engine.evaluate(
                port,
                List.of(
                        library(
                                "name",
                                "missingValues",
                                Map.of("missingValues", List.of("n/a")),
                                mustBe("mustBe", 0),
                                null),
                        library(
                                "name",
                                "invalidValues",
                                Map.of("validValues", List.of("Ann", "Bob")),
                                mustBe("mustBe", 0),
                                null),
                        library("name", "invalidValues", Map.of("pattern", "^[A-Z][a-z]+$"), mustBe("mustBe", 0), null),
                        library("name", "duplicateValues", mustBe("mustBe", 0)),
                        library("amount", "duplicateValues", mustBe("mustBe", 0)),
                        library("amount", "nullValues", Map.of(), mustBe("mustBeLessThan", 50), "percent"),
                        QualityRules.sql(
                                "big orders", "SELECT count(*) FROM {object} WHERE amount >= 20", mustBe("mustBe", 2)),
                        QualityRules.sql(
                                "big orders, dollar form",
                                "SELECT count(*) FROM ${table} WHERE amount >= 20",
                                mustBe("mustBeGreaterThan", 2)),
                        QualityRules.custom(
                                "max amount", "spark", "max(amount)", mustBe("mustBeLessOrEqualTo", 20), "warning")));

        assertThat(results)
                .allSatisfy(r -> assertThat(r.status()).as(r.message()).isNotEqualTo(Status.ERROR));
        assertThat(results)
                .extracting(QualityResult::measured)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal(2),
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        new BigDecimal(20),
                        new BigDecimal(2),
                        new BigDecimal(2),
                        new BigDecimal(20));
        assertThat(results)
                .extracting(QualityResult::status)
                .containsExactly(
                        Status.FAILED,
                        Status.FAILED,
                        Status.FAILED,
                        Status.FAILED,
                        Status.FAILED,
                        Status.PASSED,
                        Status.PASSED,
                        Status.FAILED,
                        Status.PASSED);
        QualityResult custom = results.get(8);
        assertThat(custom.severity()).isEqualTo("warning");
        assertThat(custom.dimension()).isEqualTo("accuracy");
        assertThat(custom.threshold()).isEqualTo(mustBe("mustBeLessOrEqualTo", 20));
    }

    @Test
    void allScanShareableRulesTakeOnePassOverTheData() {
        // Its own table: 2,005 rows, so that each further pass shows as 2,005 more records read.
        Path own = TestSpark.newDir("one-pass");
        PortBinding port = withFiveOrders(own);
        QualityEngine engine = new SparkQualityEngine(TestSpark.session(), TestSpark.context(own));
        TestSpark.session()
                .range(2000)
                .selectExpr(
                        "id + 100 AS id",
                        "CASE WHEN id % 10 = 0 THEN NULL ELSE" + " concat('n', id % 7) END AS name",
                        "CAST(id % 50 AS DECIMAL(12,2)) AS amount")
                .repartition(2)
                .write()
                .format("delta")
                .mode("append")
                .save(own.resolve("data/orders").toString());
        List<ScopedRule> shareable = List.of(
                passingRule(),
                failingRule(),
                library("amount", "nullValues", Map.of(), mustBe("mustBeLessThan", 5), "percent"),
                library("name", "missingValues", Map.of("missingValues", List.of("n/a")), mustBe("mustBe", 0), null),
                library("name", "invalidValues", Map.of("pattern", "^n[0-6]$"), mustBe("mustBe", 0), null),
                QualityRules.custom("min amount", "spark", "min(amount)", mustBe("mustBeGreaterOrEqualTo", 0), null),
                QualityRules.custom("distinct names", "spark", "count(DISTINCT name)", mustBe("mustBe", 7), null));
        ScopedRule duplicates = library("name", "duplicateValues", mustBe("mustBe", 0));
        engine.evaluate(port, List.of(passingRule())); // warm the Delta log cache: count only the data

        // (rowCount alone is answered from Delta's statistics without reading data: use a rule that reads it)
        long single = TestSpark.recordsReadBy(() -> engine.evaluate(port, List.of(failingRule())));
        List<List<QualityResult>> results = new java.util.ArrayList<>();
        long all = TestSpark.recordsReadBy(() -> results.add(engine.evaluate(port, shareable)));
        long withDuplicates = TestSpark.recordsReadBy(() -> results.add(engine.evaluate(
                port,
                java.util.stream.Stream.concat(shareable.stream(), java.util.stream.Stream.of(duplicates))
                        .toList())));

        assertThat(results.get(0).get(0).measured()).isEqualByComparingTo("2005");
        assertThat(results.get(0).get(1).measured()).isEqualByComparingTo("201"); // 200 generated + row 2
        assertThat(results.get(0).get(6).measured()).isEqualByComparingTo("10"); // n0..n6, Ann, Bob, n/a
        assertThat(results.get(1).get(7).measured()).isEqualByComparingTo(String.valueOf(1800 + 4 - 10));
        assertThat(results).allSatisfy(list -> assertThat(list)
                .allSatisfy(r -> assertThat(r.status()).as(r.message()).isNotEqualTo(Status.ERROR)));
        // Reading the Delta log adds a few records either way; each further pass over the data adds 2,005.
        assertThat(single).as("records read for one rule").isBetween(2005L, 2200L);
        assertThat(all)
                .as("records read for seven scan-shareable rules: still one pass")
                .isBetween(2005L, 2200L);
        // duplicateValues of name: a pass over its hashed values, and (names repeat, so hashes repeat) one that
        // resolves the repeated hashes exactly against the values
        assertThat(withDuplicates)
                .as("duplicateValues: hashed, then repeated hashes resolved")
                .isBetween(3 * 2005L, 3 * 2005L + 200);
    }

    @Test
    void resultsGoToMetricsAndAreKeptBesideTheTable() throws IOException {
        Path dir = base.resolve("data/_mesh_quality/orders");
        List<Path> before = jsonFiles(dir);

        engine.evaluate(port, List.of(passingRule(), failingRule()));

        Gauge<?> gauge = context.metrics()
                .getGauges()
                .get("mesh.quality.spark.orders.orders.orders.name.nullValues-name.measured");
        assertThat(gauge)
                .as("gauges: %s", context.metrics().getGauges().keySet())
                .isNotNull();
        assertThat((BigDecimal) gauge.getValue()).isEqualByComparingTo("1");
        assertThat(context.metrics().counter("mesh.quality.spark.failed").getCount())
                .isEqualTo(1);
        assertThat(context.metrics().counter("mesh.quality.spark.passed").getCount())
                .isEqualTo(1);

        List<Path> files = jsonFiles(dir);
        files.removeAll(before);
        assertThat(files).as("one results document per evaluation").hasSize(1);
        JsonNode doc = new ObjectMapper().readTree(files.get(0).toFile());
        assertThat(doc.get("product").asText()).isEqualTo("orders");
        assertThat(doc.get("rowCount").asLong()).isEqualTo(5);
        JsonNode failed = doc.get("results").get(1);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("measured").decimalValue()).isEqualByComparingTo("1");
        assertThat(failed.get("threshold").asText()).isEqualTo("mustBe 0");
        assertThat(failed.get("severity").asText()).isEqualTo("error");
        assertThat(failed.get("dimension").asText()).isEqualTo("completeness");
        assertThat(TestSpark.session()
                        .read()
                        .format("delta")
                        .load(base.resolve("data/orders").toString())
                        .count())
                .as("the table itself is untouched")
                .isEqualTo(5);
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            return new java.util.ArrayList<>(
                    s.filter(p -> p.toString().endsWith(".json")).toList());
        }
    }

    @Test
    void badRulesAreErrorsAndTheOthersStillRun() {
        List<QualityResult> results = engine.evaluate(
                port,
                List.of(
                        library("nope", "nullValues", mustBe("mustBe", 0)),
                        QualityRules.sql("broken", "SELECT oops FROM {object}", mustBe("mustBe", 0)),
                        QualityRules.custom("not an aggregate", "spark", "amount + 1", mustBe("mustBe", 0), null),
                        library("name", "completeness", mustBe("mustBe", 0)),
                        passingRule()));

        assertThat(results)
                .extracting(QualityResult::status)
                .containsExactly(Status.ERROR, Status.ERROR, Status.ERROR, Status.ERROR, Status.PASSED);
        assertThat(results.get(0).message()).contains("Cannot evaluate rule 'nullValues-nope'", "nope");
        assertThat(results.get(1).message()).contains("Cannot evaluate rule 'broken'", "oops");
        assertThat(results.get(3).message()).contains("'completeness' is not one of");
    }

    @Test
    void readsParquetPortsToo() {
        Path dir = base.resolve("lake/orders");
        TestSpark.fiveOrders().write().parquet(dir.toString());
        PortBinding parquet = Fixtures.binding(
                Fixtures.ordersContract(),
                Fixtures.server("lake", "local", Map.of("path", "lake", "format", "parquet")));

        assertThat(engine.supports(parquet)).isTrue();
        assertThat(engine.evaluate(parquet, List.of(failingRule())).get(0).measured())
                .isEqualByComparingTo("1");
        assertThat(one(library("amount", "nullValues", mustBe("mustBe", 1))).status())
                .isEqualTo(Status.PASSED);
    }
}

package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.QualityRules;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Reading back the kept quality results of a local Delta port: two real evaluations by the
 * {@link SparkQualityEngine}, listed newest first with the values the engine returned; a limit; a port without
 * results; a corrupt document named in the error.
 */
class QualityResultsIT {
    @Test
    void evaluationsAreListedNewestFirstWithTheValuesTheEngineReturned() throws Exception {
        Path base = TestSpark.newDir("results");
        PortBinding port = TestSpark.deployedLocalPort(base, Fixtures.ordersContract());
        AdapterContext context = TestSpark.context(base);
        QualityResults reader = new QualityResults(context);
        assertThat(reader.list(new Configuration(), port))
                .as("no results folder yet")
                .isEmpty();

        TestSpark.fiveOrders()
                .write()
                .format("delta")
                .mode("append")
                .save(base.resolve("data/orders").toString());
        SparkQualityEngine engine = new SparkQualityEngine(TestSpark.session(), context);
        List<QualityResult> first = engine.evaluate(
                port, List.of(QualityRules.library(null, "rowCount", QualityRules.mustBe("mustBe", 5))));
        List<QualityResult> second = engine.evaluate(
                port,
                List.of(
                        QualityRules.library(null, "rowCount", QualityRules.mustBe("mustBeGreaterThan", 9)),
                        QualityRules.library(
                                "name",
                                "missingValues",
                                Map.of("missingValues", List.of("n/a")),
                                QualityRules.mustBe("mustBeLessOrEqualTo", 10),
                                "percent"),
                        QualityRules.sql("bad sql", "SELECT nope FROM {object}", QualityRules.mustBe("mustBe", 0))));

        List<QualityResults.Evaluation> all = reader.list(new Configuration(), port);

        assertThat(all).hasSize(2);
        assertThat(all.get(0).evaluatedAt()).isAfter(all.get(1).evaluatedAt());
        assertMatches(all.get(0), second);
        assertMatches(all.get(1), first);
        QualityResults.Evaluation newest = all.get(0);
        assertThat(newest.product()).isEqualTo(port.product().id());
        assertThat(newest.port()).isEqualTo("orders");
        assertThat(newest.environment()).isEqualTo("dev");
        assertThat(newest.contract()).isEqualTo(port.contract().id());
        assertThat(newest.contractVersion()).isEqualTo("1.0.0");
        assertThat(newest.object()).isEqualTo("orders");
        assertThat(newest.table()).endsWith("/data/orders");
        assertThat(newest.phase()).isEqualTo("scan");
        assertThat(newest.engine()).isEqualTo("spark");
        assertThat(newest.rowCount()).isEqualTo(5);
        assertThat(newest.results())
                .extracting(QualityResults.RuleResult::status)
                .containsExactly(QualityResult.Status.FAILED, QualityResult.Status.FAILED, QualityResult.Status.ERROR);
        assertThat(newest.results().get(1).measured()).isEqualTo(new BigDecimal("40.0000"));
        assertThat(newest.results().get(1).unit()).isEqualTo("percent");
        assertThat(newest.results().get(1).scope()).isEqualTo("orders.name");
        assertThat(newest.results().get(2).measured()).isNull();

        assertThat(reader.list(new Configuration(), port, 1))
                .as("limit 1: the newest only")
                .extracting(QualityResults.Evaluation::file)
                .containsExactly(newest.file());

        // A damaged document is an error naming it, not a silent gap in the history.
        Path dir = base.resolve("data/_mesh_quality/orders");
        Path damaged = dir.resolve("20990101T000000000Z-damaged1.json");
        Files.writeString(damaged, "{\"product\": \"x\", \"results\": [");
        MeshException e = catchThrowableOfType(MeshException.class, () -> reader.list(new Configuration(), port, 1));
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(e.getMessage())
                .contains(
                        "Cannot read the quality results of port 'orders'",
                        "20990101T000000000Z-damaged1.json",
                        "repair or remove that file");
        Files.delete(damaged);
        assertThat(reader.list(new Configuration(), port)).hasSize(2);
    }

    private static void assertMatches(QualityResults.Evaluation kept, List<QualityResult> returned) {
        assertThat(kept.results()).hasSameSizeAs(returned);
        for (int i = 0; i < returned.size(); i++) {
            QualityResult r = returned.get(i);
            QualityResults.RuleResult k = kept.results().get(i);
            assertThat(k.rule()).isEqualTo(r.rule().rule().label());
            assertThat(k.scope()).isEqualTo(r.rule().scope());
            assertThat(k.type()).isEqualTo(r.rule().rule().effectiveType());
            assertThat(k.metric()).isEqualTo(r.rule().rule().metric());
            assertThat(k.status()).isEqualTo(r.status());
            if (r.measured() == null) {
                assertThat(k.measured()).isNull();
            } else {
                assertThat(k.measured()).isEqualTo(r.measured()); // same scale too
            }
            assertThat(k.threshold())
                    .isEqualTo(r.threshold() == null ? null : r.threshold().toString());
            assertThat(k.severity()).isEqualTo(r.severity() == null ? "error" : r.severity());
            assertThat(k.dimension()).isEqualTo(r.dimension());
            assertThat(k.blocking()).isEqualTo(r.rule().rule().blocking());
            assertThat(k.message()).isEqualTo(r.message());
        }
    }
}

package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.CheckReport;
import dev.meshsdk.CheckRequest;
import dev.meshsdk.Mesh;
import dev.meshsdk.spi.data.PublishRequest.Mode;
import dev.meshsdk.spi.registry.QualityRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Mesh.check} on a local Delta port: the contract's rules through the {@code spark} quality engine, freshness
 * from the Delta log's last commit and the registry's last publish against the SLA, and the row count against the
 * previous check, every result recorded in the file registry and read back through the catalog.
 */
class SparkCheckIT {
    @Test
    void aCheckPassesThenAnErrorRuleFailsItAndAWarningOnlyWithFailOnWarning() {
        ShopProduct shop = new ShopProduct().deploy();
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("a.csv", "id,name,amount\n1,Ann,1\n2,Bob,2\n"), Mode.REPLACE);
            CheckReport passed = mesh.check(CheckRequest.of("shop"));
            assertThat(passed.passed()).isTrue();
            CheckReport.PortCheck port = passed.ports().get(0);
            assertThat(port.engine()).isEqualTo("spark");
            assertThat(port.rows()).isEqualTo(2);
            assertThat(port.rules())
                    .extracting(CheckReport.RuleCheck::rule)
                    .containsExactly("names unique", "amounts present", "freshness", "row count change");
            assertThat(port.rules())
                    .extracting(CheckReport.RuleCheck::verdict)
                    .containsOnly(CheckReport.Verdict.PASSED);

            // rows written past the SDK: a duplicate name (a warning) and a missing amount (an error)
            TestSpark.session()
                    .sql("SELECT CAST(3 AS BIGINT) AS id, 'Ann' AS name, CAST(NULL AS DECIMAL(12,2)) AS" + " amount")
                    .write()
                    .format("delta")
                    .mode("append")
                    .save(shop.table);
            CheckReport failed = mesh.check(CheckRequest.all());
            assertThat(failed.passed()).isFalse();
            assertThat(failed.failures()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("amounts present");
                assertThat(f.scope()).isEqualTo("orders.amount");
                assertThat(f.measured()).isEqualByComparingTo("1");
                assertThat(f.threshold()).isEqualTo("mustBe 0");
            });

            TestSpark.session().sql("DELETE FROM delta.`" + shop.table + "` WHERE amount IS NULL");
            TestSpark.session()
                    .sql("SELECT CAST(4 AS BIGINT) AS id, 'Bob' AS name, CAST(4 AS DECIMAL(12,2)) AS" + " amount")
                    .write()
                    .format("delta")
                    .mode("append")
                    .save(shop.table);
            assertThat(mesh.check(CheckRequest.all()).passed())
                    .as("a failed warning, failOn ERROR")
                    .isTrue();
            CheckReport strict = mesh.check(CheckRequest.all().failingOn(CheckRequest.FailOn.WARNING));
            assertThat(strict.passed()).isFalse();
            assertThat(strict.failures())
                    .extracting(CheckReport.RuleCheck::rule)
                    .containsExactly("names unique");

            List<QualityRecord> kept = mesh.catalog().quality("shop", "orders", 10);
            assertThat(kept)
                    .extracting(QualityRecord::source)
                    .containsExactly("check", "check", "check", "check", "publish");
            assertThat(kept.get(0).results())
                    .extracting(QualityRecord.Result::rule)
                    .contains("names unique", "freshness", "row count change");
            assertThat(mesh.metrics().getGauges())
                    .containsKeys("mesh.check.shop.orders.orders.name.names_unique", "mesh.check.shop.orders.rows");
        }
    }

    @Test
    void staleDataAndARowCountDropAreFlagged() {
        ShopProduct shop = new ShopProduct().deploy();
        StringBuilder many = new StringBuilder("id,name,amount\n");
        for (int i = 1; i <= 100; i++)
            many.append(i).append(",n").append(i).append(',').append(i).append('\n');
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("many.csv", many.toString()), Mode.REPLACE);
            CheckReport first = mesh.check(CheckRequest.all());
            assertThat(rowChange(first).message())
                    .isEqualTo("row count of orders: 100; the first check: later checks" + " compare with this count");
            mesh.publish("shop", "orders", shop.file("few.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            CheckReport second = mesh.check(CheckRequest.all().failingOn(CheckRequest.FailOn.WARNING));
            assertThat(rowChange(second).verdict()).isEqualTo(CheckReport.Verdict.FAILED);
            assertThat(rowChange(second).message())
                    .startsWith("row count of orders: 1, 99.0% fewer than the 100 of" + " the previous check");
            assertThat(second.passed()).isFalse();
        }
        // two hours later: the SLA allows 1 h + 30 min since the last change
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        try (Mesh mesh = shop.mesh(later, Map.of())) {
            CheckReport stale = mesh.check(CheckRequest.all());
            CheckReport.RuleCheck freshness = stale.ports().get(0).rules().stream()
                    .filter(r -> r.kind() == CheckReport.Kind.FRESHNESS)
                    .findFirst()
                    .orElseThrow();
            assertThat(freshness.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
            assertThat(freshness.threshold()).isEqualTo("mustBeLessOrEqualTo 1.50");
            assertThat(freshness.message())
                    .contains("the SLA allows 1 h (frequency) + 30 min (latency) = 1.50 h;" + " the data is stale");
            assertThat(stale.passed()).isFalse();
        }
    }

    private static CheckReport.RuleCheck rowChange(CheckReport r) {
        return r.ports().get(0).rules().stream()
                .filter(x -> x.kind() == CheckReport.Kind.ROW_COUNT_CHANGE)
                .findFirst()
                .orElseThrow();
    }
}

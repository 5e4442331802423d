package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.CheckReport;
import dev.meshsdk.CheckRequest;
import dev.meshsdk.Mesh;
import dev.meshsdk.spi.data.PublishRequest.Mode;
import dev.meshsdk.spi.registry.QualityRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Mesh.check} on a real PostgreSQL port: the rules pushed down by the {@code postgres} quality engine, the
 * exact row count from the data module, freshness from the last publish in the postgres registry, every result
 * recorded there and read back through the catalog.
 */
class PostgresCheckIT {
    @TempDir
    Path dir;

    @Test
    void theJdbcEngineResultsAreReportedAndRecordedAndFailOnDecides() {
        ShopMesh shop = new ShopMesh(dir).deploy();
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("a.csv", "id,name,amount\n1,Ann,1\n2,Bob,2\n"), Mode.REPLACE);
            CheckReport passed = mesh.check(CheckRequest.of("shop"));
            assertThat(passed.passed()).isTrue();
            CheckReport.PortCheck port = passed.ports().get(0);
            assertThat(port.engine()).isEqualTo("postgres");
            assertThat(port.rows()).isEqualTo(2);
            assertThat(port.rules())
                    .extracting(CheckReport.RuleCheck::rule)
                    .containsExactly("names unique", "amounts present", "freshness", "row count change");

            shop.pg.exec("INSERT INTO " + shop.schema + ".orders VALUES (3, 'Ann', NULL)");
            CheckReport failed = mesh.check(CheckRequest.all());
            assertThat(failed.passed()).isFalse();
            assertThat(failed.failures())
                    .extracting(CheckReport.RuleCheck::rule)
                    .containsExactly("amounts present");

            shop.pg.exec("UPDATE " + shop.schema + ".orders SET amount = 3 WHERE id = 3");
            assertThat(mesh.check(CheckRequest.all()).passed())
                    .as("a failed warning, failOn ERROR")
                    .isTrue();
            CheckReport strict = mesh.check(CheckRequest.all().failingOn(CheckRequest.FailOn.WARNING));
            assertThat(strict.failures())
                    .extracting(CheckReport.RuleCheck::rule)
                    .containsExactly("names unique");

            List<QualityRecord> kept = mesh.catalog().quality("shop", "orders", 10);
            assertThat(kept)
                    .extracting(QualityRecord::source)
                    .containsExactly("check", "check", "check", "check", "publish");
            assertThat(kept.get(1).results())
                    .filteredOn(r -> r.rule().equals("amounts present"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.status()).isEqualTo("PASSED");
                        assertThat(r.scope()).isEqualTo("orders.amount");
                    });
            assertThat(kept.get(2).rows()).isEqualTo(3);
            assertThat(kept.get(3).rows()).isEqualTo(2);
        }
    }

    @Test
    void aRowCountDropOnTheSecondCheckAndStaleData() {
        ShopMesh shop = new ShopMesh(dir).deploy();
        StringBuilder many = new StringBuilder("id,name,amount\n");
        for (int i = 1; i <= 100; i++)
            many.append(i).append(",n").append(i).append(',').append(i).append('\n');
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("many.csv", many.toString()), Mode.REPLACE);
            mesh.check(CheckRequest.all());
            shop.pg.exec("DELETE FROM " + shop.schema + ".orders WHERE id > 30");
            CheckReport second = mesh.check(CheckRequest.all().failingOn(CheckRequest.FailOn.WARNING));
            CheckReport.RuleCheck change = second.ports().get(0).rules().stream()
                    .filter(r -> r.kind() == CheckReport.Kind.ROW_COUNT_CHANGE)
                    .findFirst()
                    .orElseThrow();
            assertThat(change.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
            assertThat(change.message())
                    .startsWith("row count of orders: 30, 70.0% fewer than the 100 of the previous" + " check");
        }
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(3)), ZoneOffset.UTC);
        try (Mesh mesh = shop.mesh(later, Map.of("mesh.check.maxRowChange", "none"))) {
            CheckReport stale = mesh.check(CheckRequest.all());
            CheckReport.RuleCheck freshness = stale.ports().get(0).rules().stream()
                    .filter(r -> r.kind() == CheckReport.Kind.FRESHNESS)
                    .findFirst()
                    .orElseThrow();
            assertThat(freshness.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
            assertThat(freshness.message()).contains("the data is stale");
            assertThat(stale.passed()).isFalse();
        }
    }
}

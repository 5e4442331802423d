package dev.meshsdk.storage.postgres;

import static dev.meshsdk.testkit.QualityRules.library;
import static dev.meshsdk.testkit.QualityRules.mustBe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.QualityEngineContract;
import dev.meshsdk.testkit.QualityRules;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The quality engine contract and the library metrics against a real PostgreSQL table holding
 * (1, 'Ann', 10.00), (2, NULL, 20.00), (3, 'Bob', 20.00), (4, 'n/a', NULL), (5, 'Ann', 5.00).
 */
class PostgresQualityEngineIT extends QualityEngineContract {
    private final TestPostgres pg = TestPostgres.get();

    @Override
    protected QualityEngine createEngine() {
        return new PostgresQualityEngineFactory().create(pg.context());
    }

    @Override
    protected PortBinding portWithData() {
        String schema = TestPostgres.freshName("qa");
        PortBinding b = Fixtures.binding(Fixtures.ordersContract(), pg.server(schema));
        try (StorageAdapter adapter = new PostgresStorageAdapterFactory().create(pg.context())) {
            for (Change c : adapter.plan(b, adapter.inspect(b))) adapter.apply(b, c);
        }
        pg.exec("INSERT INTO " + schema + ".orders VALUES (1, 'Ann', 10), (2, NULL, 20), (3, 'Bob', 20),"
                + " (4, 'n/a', NULL), (5, 'Ann', 5)");
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
        return Optional.of(QualityRules.ofType("custom", mustBe("mustBe", 0)));
    }

    private BigDecimal measure(ScopedRule rule) {
        QualityResult r = engine.evaluate(port, List.of(rule)).get(0);
        assertThat(r.status()).as(r.message()).isNotEqualTo(QualityResult.Status.ERROR);
        return r.measured();
    }

    @Test
    void measuresEveryLibraryMetric() {
        assertThat(measure(library(
                        "name", "missingValues", Map.of("missingValues", List.of("n/a")), mustBe("mustBe", 0), null)))
                .isEqualByComparingTo("2");
        assertThat(measure(library(
                        "name",
                        "invalidValues",
                        Map.of("validValues", List.of("Ann", "Bob")),
                        mustBe("mustBe", 0),
                        null)))
                .isEqualByComparingTo("1");
        assertThat(measure(library(
                        "name", "invalidValues", Map.of("pattern", "^[A-Z][a-z]+$"), mustBe("mustBe", 0), null)))
                .isEqualByComparingTo("1");
        assertThat(measure(library("name", "duplicateValues", mustBe("mustBe", 0))))
                .isEqualByComparingTo("1");
        assertThat(measure(library("amount", "duplicateValues", mustBe("mustBe", 0))))
                .isEqualByComparingTo("1");
        assertThat(measure(library("amount", "nullValues", Map.of(), mustBe("mustBeLessThan", 50), "percent")))
                .isEqualByComparingTo("20");
        assertThat(measure(QualityRules.sql(
                        "big orders", "SELECT count(*) FROM {object} WHERE amount >= 20", mustBe("mustBe", 2))))
                .isEqualByComparingTo("2");
    }

    @Test
    void hostileRuleValuesAreParametersNotSql() {
        String hostile = "x') OR 1=1; DROP TABLE orders; --";

        BigDecimal invalid = measure(
                library("name", "invalidValues", Map.of("validValues", List.of(hostile)), mustBe("mustBe", 0), null));

        assertThat(invalid).as("every non-null name is invalid").isEqualByComparingTo("4");
        assertThat(measure(passingRule())).as("table still there").isEqualByComparingTo("5");
    }

    @Test
    void aRuleOnAMissingColumnIsAnErrorAndOthersStillRun() {
        List<QualityResult> results = engine.evaluate(
                port,
                List.of(
                        library("nope", "nullValues", mustBe("mustBe", 0)),
                        QualityRules.sql("broken", "SELECT oops FROM {object}", mustBe("mustBe", 0)),
                        passingRule()));

        assertThat(results)
                .extracting(QualityResult::status)
                .containsExactly(QualityResult.Status.ERROR, QualityResult.Status.ERROR, QualityResult.Status.PASSED);
        assertThat(results.get(1).message()).contains("Cannot evaluate rule 'broken'", "oops");
    }

    @Test
    void measuresAllLibraryRulesOfATableInOneQuery() throws Exception {
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        dev.meshsdk.storage.jdbc.ConnectionSource real =
                dev.meshsdk.storage.postgres.Postgres.connections(pg.context(), Postgres.PREFIX);
        dev.meshsdk.storage.jdbc.ConnectionSource counting = new dev.meshsdk.storage.jdbc.ConnectionSource() {
            @Override
            public java.sql.Connection open(dev.meshsdk.model.Server server) throws java.sql.SQLException {
                java.sql.Connection c = real.open(server);
                return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {java.sql.Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare")
                                    || method.getName().equals("createStatement")) {
                                queries.incrementAndGet();
                            }
                            try {
                                return method.invoke(c, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public String describe(dev.meshsdk.model.Server server) {
                return real.describe(server);
            }
        };
        try (QualityEngine counted = new PostgresQualityEngine(counting)) {
            List<QualityResult> results = counted.evaluate(
                    port,
                    List.of(
                            passingRule(),
                            failingRule(),
                            library("name", "duplicateValues", mustBe("mustBe", 0)),
                            library("amount", "nullValues", mustBe("mustBe", 1)),
                            library(
                                    "name",
                                    "missingValues",
                                    Map.of("missingValues", List.of("n/a")),
                                    mustBe("mustBe", 2),
                                    null)));

            assertThat(results)
                    .extracting(QualityResult::status)
                    .containsExactly(
                            QualityResult.Status.PASSED,
                            QualityResult.Status.FAILED,
                            QualityResult.Status.FAILED,
                            QualityResult.Status.PASSED,
                            QualityResult.Status.PASSED);
        }
        assertThat(queries.get())
                .as("statements for five library rules on one table")
                .isEqualTo(1);
    }
}

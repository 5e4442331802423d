package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.PortAddresses;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.testkit.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableSpecsTest {
    private static SchemaProperty withRules(QualityRule... rules) {
        return new SchemaProperty(
                null,
                "code",
                null,
                "string",
                null,
                Map.of(),
                null,
                null,
                false,
                false,
                false,
                null,
                false,
                null,
                null,
                List.of(),
                List.of(rules),
                List.of(),
                null,
                List.of(),
                Map.of());
    }

    private static QualityRule rule(
            String metric, Map<String, Object> args, Threshold.Operator op, int value, String severity) {
        return new QualityRule(
                null,
                null,
                null,
                null,
                metric,
                args,
                Optional.of(new Threshold(op, List.of(BigDecimal.valueOf(value)))),
                null,
                null,
                null,
                null,
                severity,
                null,
                List.of(),
                Map.of());
    }

    @Test
    void rowRulesWithZeroToleranceBecomeCheckConstraints() {
        Map<String, String> c = TableSpecs.constraints(withRules(
                rule("invalidValues", Map.of("pattern", "^[A-Z]{3}$"), Threshold.Operator.MUST_BE_LESS_THAN, 1, null),
                rule(
                        "missingValues",
                        Map.of("missingValues", List.of("", "n/a")),
                        Threshold.Operator.MUST_BE,
                        0,
                        "error")));

        assertThat(c)
                .containsEntry(
                        "delta.constraints.mesh_code_invalidvalues", "`code` IS NULL OR `code` RLIKE '^[A-Z]{3}$'")
                .containsEntry(
                        "delta.constraints.mesh_code_missingvalues",
                        "`code` IS NOT NULL AND `code` NOT IN ('', 'n/a')");
    }

    @Test
    void aggregateToleranceWarningsAndOtherMetricsAreLeftToTheQualityEngine() {
        Map<String, String> c = TableSpecs.constraints(withRules(
                rule("nullValues", Map.of(), Threshold.Operator.MUST_BE_LESS_THAN, 5, null),
                rule("nullValues", Map.of(), Threshold.Operator.MUST_BE, 0, "warning"),
                rule("duplicateValues", Map.of(), Threshold.Operator.MUST_BE, 0, null)));

        assertThat(c).isEmpty();
    }

    @Test
    void literalsAreEscaped() {
        Map<String, String> c = TableSpecs.constraints(withRules(
                rule("invalidValues", Map.of("validValues", List.of("it's", 3)), Threshold.Operator.MUST_BE, 0, null)));

        assertThat(c.values()).containsExactly("`code` IS NULL OR `code` IN ('it\\'s', 3)");
    }

    @Test
    void problemsAreToldWithoutConnectingEachAtItsPlaceInTheContract() {
        Server server = Fixtures.server("lake", "s3", Map.of("location", "https://team-bucket/x", "format", "parket"));
        DataContract c = Fixtures.withSla(
                Fixtures.contract(
                        "orders-contract",
                        "1.0.0",
                        List.of(server),
                        Fixtures.ordersContract().schema()),
                "retention",
                "soon",
                "d");
        List<PortProblems.Problem> problems = TableSpecs.problems(Fixtures.binding(c, server));
        assertThat(problems)
                .extracting(PortProblems.Problem::pointer)
                .containsExactly("/servers/0/location", "/servers/0/format", "/slaProperties/0/value");
        assertThat(problems.get(1).message())
                .isEqualTo("Cannot place output port 'orders': server 'lake' has format"
                        + " 'parket', which the s3 adapter does not write");
        assertThat(problems.get(1).hint()).isEqualTo("use delta (the default) or parquet; perhaps you meant 'parquet'");

        Server good = Fixtures.server("lake", "s3", Map.of("location", "s3://team-bucket/sales/orders"));
        assertThat(TableSpecs.problems(Fixtures.binding(
                        Fixtures.contract(
                                "orders-contract",
                                "1.0.0",
                                List.of(good),
                                Fixtures.ordersContract().schema()),
                        good)))
                .isEmpty();
    }

    @Test
    void retentionIsReadInDays() {
        DataContract c = Fixtures.withSla(Fixtures.ordersContract(), "retention", 2, "y");
        assertThat(TableSpecs.retentionDays(c)).contains(730L);
        assertThat(TableSpecs.retentionDays(Fixtures.ordersContract())).isEmpty();
        assertThatThrownBy(() ->
                        TableSpecs.retentionDays(Fixtures.withSla(Fixtures.ordersContract(), "retention", "soon", "d")))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("retention SLA");
    }

    @Test
    void addressesAreTheTablePrefixesInTheServersLocationWithoutEndpointOrKeys() {
        PortAddresses adapter = (PortAddresses) new S3StorageAdapterFactory()
                .create(new AdapterContext("dev", Path.of("."), Map.of(), null, null, null));
        PortBinding binding = Fixtures.binding(
                Fixtures.ordersContract(),
                Fixtures.server(
                        "s3",
                        "s3",
                        Map.of(
                                "location",
                                "s3a://team-bucket/sales/orders/",
                                "endpointUrl",
                                "http://minio.internal:9000")));

        assertThat(adapter.addresses(binding))
                .containsExactly(Map.entry("orders", "s3://team-bucket/sales/orders/orders"));
        assertThat(adapter.addresses(Fixtures.withContract(binding, Fixtures.withVersion(binding.contract(), "2.0.0"))))
                .containsExactly(Map.entry("orders", "s3://team-bucket/sales/orders/orders_v2"));
    }
}

package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.CheckReport;
import dev.meshsdk.CheckRequest;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.model.QualityRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values the SDK acts on (the freshness SLA, a column's subject key, a quality rule's severity) are read at
 * validation as the SDK reads them later: a value it cannot read is an error at its line, with the near value.
 */
class ActedOnValuesTest {
    private static final String SERVER = Fixtures.LOCAL_SERVER;

    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local"));

    @TempDir
    Path tmp;

    private ValidationReport load(String rest) {
        return Fixtures.loadProduct(loader, tmp, Fixtures.contract("c", SERVER + rest))
                .report();
    }

    private static String text(Diagnostic d) {
        return d.message() + " | " + d.hint();
    }

    @Test
    void freshnessUnitTheCheckCannotReadIsAnErrorAtTheUnitWithTheNearUnit() {
        ValidationReport r = load("""
                slaProperties:
                  - property: latency
                    value: 4
                    unit: hourz
                """);
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:15:11 ERROR MESH-SLA");
        assertThat(text(r.errors().get(0)))
                .isEqualTo("Cannot check the freshness of contract 'c': latency has unit 'hourz', which the SDK does"
                        + " not read | perhaps you meant 'hour'; " + SlaDurations.HINT);
    }

    @Test
    void freshnessValueTheCheckCannotReadIsAnErrorAtTheValueShortFormsIncluded() {
        ValidationReport r = load("""
                slaProperties:
                  - property: FY
                    value: soon
                    unit: d
                  - property: ly
                    value: PT4X
                """);
        assertThat(where(r, tmp))
                .containsExactly("p/contracts/c.yaml:14:12 ERROR MESH-SLA", "p/contracts/c.yaml:17:12 ERROR MESH-SLA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot check the freshness of contract 'c': frequency value 'soon' is not a number");
        assertThat(r.errors().get(1).message()).endsWith("latency value 'PT4X' is not an ISO-8601 duration");
    }

    @Test
    void everyUnitAndFormTheCheckReadsPassesValidation() {
        for (String unit : SlaDurations.UNITS.keySet()) {
            assertThat(load("slaProperties:\n  - property: Latency\n    value: 1.5\n    unit: "
                                    + unit.toUpperCase(java.util.Locale.ROOT) + "\n")
                            .diagnostics())
                    .as(unit)
                    .isEmpty();
        }
        assertThat(load("slaProperties:\n  - property: latency\n    value: PT4H\n  - property: fy\n    value: 2\n")
                        .diagnostics())
                .isEmpty();
    }

    @Test
    void aFreshnessPropertyDeclaredTwiceIsAnErrorTheCheckWouldIgnoreOne() {
        ValidationReport r = load("""
                slaProperties:
                  - property: frequency
                    value: 1
                    unit: d
                  - property: fy
                    value: 4
                    unit: h
                """);
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:16:15 ERROR MESH-SLA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot check the freshness of contract 'c': frequency is declared twice (also at"
                        + " slaProperties index 0), and the check would read only the first");
    }

    @Test
    void aPropertyNamedLikeOneTheSdkReadsIsAWarningOthersAreLeftAlone() {
        ValidationReport r = load("""
                slaProperties:
                  - property: latncy
                    value: 4
                  - property: Retention
                    value: 1
                    unit: y
                  - property: timeOfAvailability
                    value: 09:00-08:00
                  - property: generalAvailability
                    value: "2024-01-01"
                """);
        assertThat(where(r, tmp))
                .containsExactly(
                        "p/contracts/c.yaml:13:15 WARNING MESH-SLA", "p/contracts/c.yaml:15:15 WARNING MESH-SLA");
        assertThat(text(r.warnings().get(0)))
                .isEqualTo("SLA property 'latncy' is not one the SDK reads, so nothing checks or applies it"
                        + " | perhaps you meant 'latency'");
        assertThat(r.warnings().get(1).hint()).isEqualTo("perhaps you meant 'retention'");
    }

    @Test
    void retentionUnitTheStoresCannotReadIsAnErrorAtTheUnitWithTheNearUnit() {
        ValidationReport r = load("""
                slaProperties:
                  - property: retention
                    value: 90
                    unit: dayz
                """);
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:15:11 ERROR MESH-SLA");
        assertThat(text(r.errors().get(0)))
                .isEqualTo("Cannot read the retention SLA of contract 'c': retention has unit 'dayz', which the SDK"
                        + " does not read | perhaps you meant 'day'; " + SlaDurations.RETENTION_HINT);
        // Seconds are a freshness unit, not a retention one: VACUUM horizons are hours or longer.
        assertThat(load("slaProperties:\n  - property: retention\n    value: 90\n    unit: s\n")
                        .errors())
                .singleElement()
                .satisfies(
                        d -> assertThat(d.message()).endsWith("retention has unit 's', which the SDK does not read"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-1", "1.5", "99999999999999999999"})
    void retentionValueTheStoresCannotReadIsAnErrorAtTheValue(String value) {
        ValidationReport r = load("slaProperties:\n  - property: retention\n    value: " + value + "\n    unit: y\n");
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:14:12 ERROR MESH-SLA");
        assertThat(r.errors().get(0).message())
                .startsWith("Cannot read the retention SLA of contract 'c': retention value '" + value + "' is ");
        assertThat(r.errors().get(0).hint()).isEqualTo(SlaDurations.RETENTION_HINT);
    }

    @Test
    void everyRetentionUnitTheStoresReadPassesValidationAndADuplicateIsAnError() {
        for (String unit : SlaDurations.RETENTION_UNITS) {
            assertThat(load("slaProperties:\n  - property: retention\n    value: 2\n    unit: "
                                    + unit.toUpperCase(java.util.Locale.ROOT) + "\n")
                            .diagnostics())
                    .as(unit)
                    .isEmpty();
        }
        assertThat(SlaDurations.retention(2, "Y")).isEqualTo(java.time.Duration.ofDays(730));
        assertThat(SlaDurations.retention(0, null)).isZero();
        ValidationReport r = load("""
                slaProperties:
                  - property: retention
                    value: 1
                  - property: retention
                    value: 2
                    unit: y
                """);
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:15:15 ERROR MESH-SLA");
    }

    /** A contract whose one schema object {@code orders} holds {@code block}. */
    private ValidationReport orders(String block) {
        return load("schema:\n  - name: orders\n" + block.indent(4));
    }

    private ValidationReport subjectKey(String value) {
        return orders("""
                properties:
                  - name: customer_id
                    logicalType: string
                    customProperties:
                      - property: subjectKey
                        value: %s
                """.formatted(value));
    }

    @Test
    void subjectKeyWithSpacesOrANumberIsAnErrorAtTheValue() {
        ValidationReport r = subjectKey("\"true \"");
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:19:20 ERROR MESH-ERASURE");
        assertThat(text(r.errors().get(0)))
                .isEqualTo("Cannot mark column 'customer_id' as a subject key: subjectKey has 'true ', not true, false"
                        + " or the name of a kind of data subject | perhaps you meant 'true'; write 'subjectKey: true',"
                        + " or a name of letters, digits, '_' or '-' starting with a letter, such as 'customer'");
        assertThat(subjectKey("42").errors()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("subjectKey has 42, not true"));
        assertThat(subjectKey("\" customer\"").errors()).singleElement().satisfies(d -> assertThat(d.hint())
                .startsWith("perhaps you meant 'customer'; "));
        assertThat(subjectKey("[customer]").errors()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "\"true\"", "customer", "Employee", "b2b-contact", "legal_person"})
    void subjectKeyTrueFalseOrATeamsOwnTypeNamePasses(String value) {
        assertThat(subjectKey(value).diagnostics()).isEmpty();
    }

    private ValidationReport readers(String value) {
        String product = Fixtures.product("p", "c") + """
                inputPorts:
                  - name: orders
                    version: 1.0.0
                    contractId: c
                    customProperties:
                      - property: readers
                        value: %s
                """.formatted(value);
        return loader.load(List.of(Fixtures.folder(
                        tmp.resolve("p"),
                        Map.of("product.yaml", product, "contracts/c.yaml", Fixtures.contract("c", SERVER)))))
                .report();
    }

    @Test
    void readersThatAreNotNamesAreAnErrorAtTheEntry() {
        ValidationReport r = readers("[analyst, {team: sales}]");
        assertThat(r.errors().stream().filter(d -> d.code().equals("MESH-USAGE")))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.location().pointer()).isEqualTo("/inputPorts/0/customProperties/0/value/1");
                    assertThat(d.location().line()).isEqualTo(16);
                    assertThat(text(d))
                            .isEqualTo("Cannot read the readers of input port 'orders': an entry is not a name"
                                    + " | write the principals the consumer reads with, e.g. 'value: [analyst,"
                                    + " etl_user]' or 'value: analyst, etl_user'");
                });
        assertThat(readers("{team: sales}").errors().stream()
                        .filter(d -> d.code().equals("MESH-USAGE")))
                .hasSize(1);
        assertThat(readers("[analyst, etl_user]").errors().stream()
                        .filter(d -> d.code().equals("MESH-USAGE")))
                .isEmpty();
        assertThat(readers("analyst, etl_user").errors().stream()
                        .filter(d -> d.code().equals("MESH-USAGE")))
                .isEmpty();
    }

    private ValidationReport severity(String severity) {
        return orders("""
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 0
                    severity: %s
                """.formatted(severity));
    }

    @Test
    void aSeverityTheSdkDoesNotActOnIsAnErrorAtTheSeverityWithTheNearValue() {
        ValidationReport r = severity("warnig");
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:17:19 ERROR MESH-QUALITY");
        assertThat(text(r.errors().get(0)))
                .isEqualTo("Cannot run quality rule 'rowCount': severity 'warnig' is not one the SDK acts on"
                        + " | perhaps you meant 'warning'; use error (a failure blocks publishing), warning or info");
        assertThat(severity("\"error \"").errors()).singleElement().satisfies(d -> assertThat(d.hint())
                .startsWith("perhaps you meant 'error'"));
        assertThat(severity("fatal").errors()).singleElement().satisfies(d -> assertThat(d.hint())
                .isEqualTo("use error (a failure blocks publishing), warning or info"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"error", "Error", "critical", "warning", "warn", "WARNING", "info"})
    void everySeverityTheSdkActsOnPasses(String s) {
        assertThat(severity(s).diagnostics()).isEmpty();
    }

    /** The list validation accepts is the one publishing and checking act on: each value means what it says. */
    @Test
    void acceptedSeveritiesAreTheOnesPublishAndCheckActOn() throws Exception {
        for (String s : QualityChecks.SEVERITIES) {
            QualityRule rule = SchemaMapper.rule((ObjectNode)
                    new ObjectMapper().readTree("{\"metric\": \"rowCount\", \"severity\": \"" + s + "\"}"));
            CheckReport.RuleCheck failed = new CheckReport.RuleCheck(
                    CheckReport.Kind.QUALITY,
                    "r",
                    "o",
                    "rowCount",
                    null,
                    null,
                    null,
                    s,
                    CheckReport.Verdict.FAILED,
                    "failed");
            boolean error = s.equals("error") || s.equals("critical");
            boolean warning = s.startsWith("warn");
            assertThat(rule.blocking()).as(s).isEqualTo(error);
            assertThat(failed.fails(CheckRequest.FailOn.ERROR)).as(s).isEqualTo(error);
            assertThat(failed.fails(CheckRequest.FailOn.WARNING)).as(s).isEqualTo(error || warning);
        }
    }
}

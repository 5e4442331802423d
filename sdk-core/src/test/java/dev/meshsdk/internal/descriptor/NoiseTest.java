package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One mistake, one diagnostic: no error per branch of a oneOf, no error caused by another one. */
class NoiseTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local"));

    @TempDir
    Path tmp;

    /** A valid contract whose {@code orders.id} column has the quality rule {@code rule} (indented as a list item). */
    private static String contract(String rule) {
        return Fixtures.contract("c", Fixtures.LOCAL_SERVER + """
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                """) + rule;
    }

    private ValidationReport load(String contract) {
        return Fixtures.loadProduct(loader, tmp, contract).report();
    }

    @Test
    void mistypedComparisonIsOneErrorWithTheKeyItMeant() {
        ValidationReport r = load(contract("""
                          - metric: nullValues
                            mustbe: 0
                """));
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:19:13 ERROR MESH-SCHEMA");
        Diagnostic d = r.errors().get(0);
        assertThat(d.message())
                .isEqualTo(
                        "Cannot read contract: property 'schema[0].properties[0].quality[0]' has unknown field 'mustbe'");
        assertThat(d.hint()).isEqualTo("perhaps you meant 'mustBe'");
    }

    @Test
    void missingComparisonIsOneErrorListingTheChoices() {
        ValidationReport r = load(contract("""
                          - metric: nullValues
                """));
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:18:13 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot read contract: 'schema[0].properties[0].quality[0]' needs"
                        + " one of the fields mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan,"
                        + " mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween");
        assertThat(r.errors().get(0).hint()).isEqualTo("add exactly one of them");
    }

    @Test
    void comparisonWithATextIsOneErrorFromTheBranchItChose() {
        ValidationReport r = load(contract("""
                          - metric: nullValues
                            mustBeGreaterThan: "5"
                """));
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:19:32 ERROR MESH-QUALITY");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot run quality rule 'nullValues': mustBeGreaterThan has '5', not a number");
    }

    @Test
    void twoComparisonsAreOneError() {
        ValidationReport r = load(contract("""
                          - metric: nullValues
                            mustBe: 0
                            mustNotBe: 1
                """));
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:18:13 ERROR MESH-QUALITY");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot run quality rule 'nullValues': it has 2 comparisons (mustBe, mustNotBe)");
    }

    @Test
    void valueOfAWrongTypeIsOneErrorNamingTheTypesAllowed() {
        ValidationReport r = load(contract("""
                          - metric: nullValues
                            mustBe: 0
                """) + """
                slaProperties:
                  - property: latency
                    value: {hours: 4}
                """);
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:22:5 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot read contract: 'slaProperties[0].value' is a mapping, not"
                        + " string, number, integer, boolean or null");
    }

    @Test
    void teamObjectWithABadMemberReportsTheMemberNotTheArrayForm() {
        ValidationReport r = load(contract("""
                          - metric: nullValues
                            mustBe: 0
                """) + """
                team:
                  name: sales
                  members:
                    - name: Ada
                """);
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:23:7 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot read contract: 'team.members[0]' is missing required field 'username'");
    }

    @Test
    void contractThatIsNotValidYamlIsNotAlsoAMissingContract() {
        ValidationReport r = load("""
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: "1.0.0
                """);
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.code())
                .isEqualTo("MESH-YAML"));
    }

    @Test
    void contractOfAnotherKindIsNotAlsoAMissingContract() {
        ValidationReport r = load("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: c
                """);
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("expected a DataContract here"));
    }

    @Test
    void whenNoIdCanBeToldFromABrokenFileNoPortIsReportedMissingItsContract() {
        Path dir = Fixtures.folder(
                tmp.resolve("p"),
                Map.of("product.yaml", Fixtures.product("p", "c"), "contracts/orders.yaml", "{[: broken"));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.code())
                .isEqualTo("MESH-YAML"));
    }

    @Test
    void aPortNamingAContractThatDoesNotExistIsStillReported() {
        Path dir = Fixtures.folder(
                tmp.resolve("p"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("p", "c"),
                        "contracts/orders.yaml",
                        "apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: \"1\n"));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("MESH-YAML", "MESH-REF");
    }

    @Test
    void warningsSayWhatIsSoNotWhatCannotBeDone() {
        ValidationReport r = loader.load(
                        List.of(
                                Fixtures.folder(
                                        tmp.resolve("p"),
                                        Map.of(
                                                "product.yaml",
                                                        Fixtures.product("p", "c")
                                                                .replace(
                                                                        "    contractId: c\n",
                                                                        "  - name: orphan\n    version: 1.0.0\n"
                                                                                + "    contractId: c\n"),
                                                "contracts/c.yaml",
                                                        contract("""
                          - rule: nullCount
                            mustBe: 0
                """)
                                                                .replace("apiVersion: v3.1.0", "apiVersion: v3.0.2")
                                                                .replace("type: local", "type: kafka")
                                                                .replace(
                                                                        "    path: data/c\n    format: delta\n",
                                                                        "    host: broker:9092\n"),
                                                "contracts/unused.yaml",
                                                        "apiVersion: v3.1.0\nkind: DataContract\nid: unused\nversion: 1.0.0\nstatus: active\n"))))
                .report();
        assertThat(r.warnings()).extracting(Diagnostic::code).contains("MESH-ADAPTER", "MESH-QUALITY", "MESH-REF");
        assertThat(r.warnings()).allSatisfy(w -> assertThat(w.message()).doesNotStartWith("Cannot"));
    }
}

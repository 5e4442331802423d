package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static dev.meshsdk.internal.descriptor.Fixtures.withApiVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each document is validated against the official schema of its own {@code apiVersion} (fixtures under
 * {@code descriptors/versions}); a version without a vendored schema is a located error.
 */
class SchemaVersionTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "s3", "postgres", "redshift"));

    @TempDir
    Path tmp;

    private ValidationReport report(Path file) {
        return loader.loadDocument(file).report();
    }

    private static Path fixture(String name) {
        return Fixtures.path("versions/" + name);
    }

    private static Path base() {
        return fixture("team-list-v3.0.0.odcs.yaml").getParent();
    }

    /** Asserts the fixture is valid under its own apiVersion; returns its report when it declares {@code other}. */
    private ValidationReport validOnlyUnderItsOwnVersion(String name, String other) {
        Path file = fixture(name);
        assertThat(report(file).diagnostics()).isEmpty();
        return report(withApiVersion(file, other, tmp));
    }

    @Test
    void v300ContractWithATeamListWhoseMemberHasNoUsernamePasses() {
        // v3.1.0 requires each member's username
        ValidationReport asV310 = validOnlyUnderItsOwnVersion("team-list-v3.0.0.odcs.yaml", "v3.1.0");
        assertThat(where(asV310, tmp)).contains("team-list-v3.0.0.odcs.yaml:7:5 ERROR MESH-SCHEMA");
        assertThat(asV310.errors())
                .extracting(Diagnostic::message)
                .contains("Cannot read contract: 'team[0]' is missing required field 'username'");
    }

    @Test
    void v090ProductWithATeamListPasses() {
        // v1.0.0 made team an object
        assertThat(where(validOnlyUnderItsOwnVersion("team-list-v0.9.0.odps.yaml", "v1.0.0"), tmp))
                .containsExactly("team-list-v0.9.0.odps.yaml:7:1 ERROR MESH-SCHEMA");
    }

    @Test
    void documentInvalidForItsOwnVersionIsRejectedAndNamesTheVersionThatAcceptsIt() {
        Path file = fixture("team-object-v3.0.0.odcs.yaml");
        ValidationReport r = report(file);
        assertThat(where(r, base())).containsExactly("team-object-v3.0.0.odcs.yaml:1:13 ERROR MESH-SCHEMA");
        Diagnostic d = r.errors().get(0);
        assertThat(d.message())
                .isEqualTo("Cannot read contract: the contract is written in ODCS v3.1.0 but declares v3.0.0:"
                        + " 1 problem under v3.0.0, e.g. 'team' object found, array expected (line 6)");
        assertThat(d.hint()).isEqualTo("change apiVersion to v3.1.0, or run mesh:upgrade");
        assertThat(report(withApiVersion(file, "v3.1.0", tmp)).diagnostics()).isEmpty();
    }

    /** A v3.1.0 contract with 3.1 quality rules and logical types, declaring {@code apiVersion}. */
    private Path qualityContract(String apiVersion, String firstRule, String logicalType) {
        return Fixtures.folder(tmp, java.util.Map.of("c.yaml", """
                apiVersion: %s
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - %s
                            mustBe: 0
                      - name: at
                        logicalType: %s
                    quality:
                      - %s
                        mustBeGreaterThan: 0
                """.formatted(
                                apiVersion,
                                firstRule,
                                logicalType,
                                firstRule.startsWith("rule") ? "rule: rowCount" : "metric: rowCount")))
                .resolve("c.yaml");
    }

    @Test
    void contractWrittenForANewerVersionIsOneErrorAtItsApiVersion() {
        ValidationReport r = report(qualityContract("v3.0.0", "metric: nullValues", "timestamp"));
        assertThat(r.diagnostics().stream().map(Diagnostic::format))
                .containsExactly(tmp.resolve("c.yaml")
                        + ":1:13: error: Cannot read contract: the contract is written in ODCS v3.1.0 but declares"
                        + " v3.0.0: 3 problems under v3.0.0, e.g. 'schema[0].properties[0].quality[0]' is missing"
                        + " required field 'rule' (line 12); change apiVersion to v3.1.0, or run mesh:upgrade"
                        + " [MESH-SCHEMA]");
    }

    @Test
    void aContractMixingTheFormsGetsItsErrorsWithoutAContradictingWarning() {
        Path mixed = Fixtures.folder(
                        tmp,
                        java.util.Map.of(
                                "c.yaml",
                                readString(qualityContract("v3.0.0", "metric: nullValues", "string"))
                                        .replaceFirst("metric: nullValues", "rule: nullCheck")))
                .resolve("c.yaml");
        ValidationReport r = report(mixed);
        assertThat(where(r, tmp)).containsExactly("c.yaml:17:9 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot read contract: 'schema[0].quality[0]' is missing required field 'rule'");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aGenuineV300ContractIsAcceptedWithWarningsThatSayRunMeshUpgrade() {
        ValidationReport r = report(qualityContract("v3.0.0", "rule: nullCheck", "string"));
        assertThat(r.diagnostics().stream().map(Diagnostic::format))
                .containsExactly(
                        tmp.resolve("c.yaml") + ":12:19: warning: Quality rule 'nullCheck' uses 'rule: nullCheck',"
                                + " the ODCS 3.0 form; run mesh:upgrade, which writes 'metric: nullValues' (ODCS 3.1)"
                                + " [MESH-QUALITY]",
                        tmp.resolve("c.yaml") + ":17:15: warning: Quality rule 'rowCount' uses 'rule: rowCount',"
                                + " the ODCS 3.0 form; run mesh:upgrade, which writes 'metric: rowCount' (ODCS 3.1)"
                                + " [MESH-QUALITY]");
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unreleasedVersionIsALocatedErrorListingTheSupportedVersions() {
        ValidationReport r = report(fixture("unreleased-v3.2.0.odcs.yaml"));
        assertThat(where(r, base())).containsExactly("unreleased-v3.2.0.odcs.yaml:1:13 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message()).isEqualTo("Cannot read contract: apiVersion 'v3.2.0' is not supported");
        assertThat(r.errors().get(0).hint()).isEqualTo("supported ODCS versions: v3.1.0, v3.0.2, v3.0.1, v3.0.0");
    }

    @Test
    void odcsV2ContractIsAskedToUpgradeNotValidatedAsV3() {
        ValidationReport r = report(fixture("odcs-v2.2.2.odcs.yaml"));
        assertThat(where(r, base())).containsExactly("odcs-v2.2.2.odcs.yaml:1:13 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message()).isEqualTo("Cannot read contract: apiVersion 'v2.2.2' is not supported");
        assertThat(r.errors().get(0).hint())
                .isEqualTo(
                        "upgrade the contract to ODCS v3.1.0; supported ODCS versions: v3.1.0, v3.0.2, v3.0.1, v3.0.0");
    }

    @Test
    void postgresServerNeedsItsHostAndHasNoUnknownPropertiesInV310() {
        ValidationReport r = report(fixture("postgres-server-v3.1.0.odcs.yaml"));
        assertThat(where(r, base()))
                .containsExactly(
                        "postgres-server-v3.1.0.odcs.yaml:14:5 ERROR MESH-SCHEMA",
                        "postgres-server-v3.1.0.odcs.yaml:22:5 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot read contract: 'servers[1]' is missing required field 'host'");
        assertThat(r.errors().get(1).message())
                .isEqualTo("Cannot read contract: property 'servers[2]' has unknown field 'hots'");
        assertThat(r.errors().get(1).hint()).isEqualTo("perhaps you meant 'host'");
    }

    @Test
    void v302PostgresServerMayCarryPropertiesTheSchemaDoesNotName() {
        // v3.1.0 closed the server object (unevaluatedProperties: false)
        assertThat(where(validOnlyUnderItsOwnVersion("postgres-extra-v3.0.2.odcs.yaml", "v3.1.0"), tmp))
                .containsExactly("postgres-extra-v3.0.2.odcs.yaml:13:5 ERROR MESH-SCHEMA");
    }

    @Test
    void eachSchemaIsCompiledOnce() {
        assertThat(SchemaCatalog.schema(SchemaCatalog.CONTRACT, "v3.0.1"))
                .isSameAs(SchemaCatalog.schema(SchemaCatalog.CONTRACT, "v3.0.1"))
                .isNotSameAs(SchemaCatalog.schema(SchemaCatalog.CONTRACT, "v3.0.2"));
    }
}

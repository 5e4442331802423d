package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad descriptors: each problem is reported with its exact file, line and column, all at once. */
class BadInputTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "s3", "postgres"));

    private static Path base() {
        return Fixtures.path("broken").getParent();
    }

    @Test
    void malformedYamlReportsTheParserPosition() {
        ValidationReport r =
                loader.loadDocument(Fixtures.path("malformed/product.yaml")).report();
        assertThat(where(r, base())).containsExactly("malformed/product.yaml:8:1 ERROR MESH-YAML");
        assertThat(r.errors().get(0).message()).contains("invalid YAML").contains("quoted scalar");
    }

    @Test
    void duplicateKeyIsAnErrorAtTheSecondKey() {
        ValidationReport r =
                loader.loadDocument(Fixtures.path("duplicate-key.odcs.yaml")).report();
        assertThat(where(r, base())).containsExactly("duplicate-key.odcs.yaml:8:5 ERROR MESH-YAML");
        assertThat(r.errors().get(0).message()).contains("key 'name' is written twice in 'schema[0]'");
    }

    @Test
    void missingRequiredFieldAndUnknownFieldWithSuggestion() {
        ValidationReport r =
                loader.loadDocument(Fixtures.path("missing-required.odcs.yaml")).report();
        assertThat(where(r, base()))
                .containsExactly(
                        "missing-required.odcs.yaml:1:1 ERROR MESH-SCHEMA",
                        "missing-required.odcs.yaml:9:9 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot read contract: the document is missing required field 'version'");
        Diagnostic unknown = r.errors().get(1);
        assertThat(unknown.message())
                .isEqualTo("Cannot read contract: property 'schema[0].properties[0]' has unknown field 'logicalTyp'");
        assertThat(unknown.hint()).isEqualTo("perhaps you meant 'logicalType'");
    }

    @Test
    void unknownApiVersionListsSupportedVersions() {
        ValidationReport r =
                loader.loadDocument(Fixtures.path("unknown-api.odcs.yaml")).report();
        assertThat(where(r, base())).containsExactly("unknown-api.odcs.yaml:1:13 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).hint()).contains("v3.1.0").contains("v3.0.2");
    }

    @Test
    void everyProblemOfAMultiErrorProductIsReportedAtOnce() {
        ValidationReport r = loader.load(List.of(Fixtures.path("broken"))).report();
        assertThat(where(r, base()))
                .containsExactly(
                        "broken/contracts/orders.yaml:9:11 ERROR MESH-IDENT", // path ../../etc
                        "broken/contracts/orders.yaml:13:11 ERROR MESH-SCHEMA", // type postgress
                        "broken/contracts/orders.yaml:16:11 ERROR MESH-IDENT", // table name
                        "broken/contracts/orders.yaml:22:13 ERROR MESH-QUALITY", // mustBeBetween [10, 1]
                        "broken/contracts/orders.yaml:23:15 ERROR MESH-DUP", // property id twice
                        "broken/contracts/refunds.yaml:3:5 WARNING MESH-REF", // unused contract
                        "broken/product.yaml:13:17 ERROR MESH-REF", // missing contract
                        "broken/product.yaml:14:11 ERROR MESH-DUP"); // output port twice
        List<String> messages = r.diagnostics().stream()
                .map(d -> d.message() + " | " + d.hint())
                .toList();
        assertThat(messages)
                .anySatisfy(
                        m -> assertThat(m)
                                .startsWith(
                                        "Cannot read contract: 'servers[1].type' has value 'postgress', which is not allowed | perhaps you meant 'postgres'"));
        assertThat(messages)
                .anySatisfy(m -> assertThat(m).startsWith("Cannot use 'orders; DROP TABLE x' as a table name: "));
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .startsWith("Cannot find contract 'broken-refundz' of output port 'refunds'")
                .contains("perhaps you meant 'broken-refunds'"));
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("mustBeBetween [10, 1] has its low bound above its high bound"));
    }

    @Test
    void cycleBetweenTwoProductsIsReportedAtEachInputPort() {
        ValidationReport r = loader.load(List.of(Fixtures.path("cycle-a"), Fixtures.path("cycle-b")))
                .report();
        assertThat(where(r, base()))
                .containsExactly(
                        "cycle-a/product.yaml:9:17 ERROR MESH-CYCLE", "cycle-b/product.yaml:9:17 ERROR MESH-CYCLE");
        assertThat(r.errors().get(0).message()).contains("cycle-a -> cycle-b -> cycle-a");
    }

    @Test
    void duplicateProductAndContractIdsAcrossProducts() {
        ValidationReport r = loader.load(List.of(Fixtures.path("dup-a"), Fixtures.path("dup-b")))
                .report();
        assertThat(where(r, base()))
                .containsExactly("dup-b/contracts/out.yml:3:5 ERROR MESH-DUP", "dup-b/product.yaml:3:5 ERROR MESH-DUP");
    }

    @Test
    void directoryWithoutProductFileNamesTheExpectedFile() {
        ValidationReport r = loader.load(List.of(Fixtures.path("no-product"))).report();
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("MESH-LAYOUT");
            assertThat(d.location().file()).isEqualTo(Fixtures.path("no-product"));
            assertThat(d.message()).contains("has no product.yaml");
            assertThat(d.hint()).contains("product.yaml");
        });
    }

    @Test
    void serverTypeWithoutAdapterIsAWarningNamingLoadedAdapters() {
        DescriptorLoader onlyLocal = new DescriptorLoader(Set.of("local"));
        ValidationReport r = onlyLocal
                .loadDocument(Standards.folder().resolve("odcs/kafka-server.odcs.yaml"))
                .report();
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.warnings()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo("MESH-ADAPTER");
            assertThat(w.message()).contains("'kafka'").contains("loaded adapters: local");
            assertThat(w.location().line()).isEqualTo(12);
            assertThat(w.location().column()).isEqualTo(11);
        });
    }
}

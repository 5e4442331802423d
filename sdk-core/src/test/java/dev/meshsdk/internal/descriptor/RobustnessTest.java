package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that once made validation throw instead of reporting a located problem. */
class RobustnessTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "s3", "postgres"));

    @TempDir
    Path tmp;

    private ValidationReport load(Map<String, String> files) {
        return loader.load(List.of(Fixtures.folder(tmp.resolve("p"), files))).report();
    }

    private static String contract(String servers) {
        return Fixtures.contract("c", "servers:\n" + servers);
    }

    @Test
    void serverWithoutTypeIsALocatedSchemaError() {
        ValidationReport r =
                load(Map.of("product.yaml", Fixtures.product("p", "c"), "contracts/c.yaml", contract("""
                  - server: dev
                    environment: dev
                    path: data/c
                """)));
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:7:5 ERROR MESH-SCHEMA");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot read contract: 'servers[0]' is missing required field 'type'");
    }

    @Test
    void serverWhoseTypeIsNotATextIsALocatedSchemaError() {
        ValidationReport r =
                load(Map.of("product.yaml", Fixtures.product("p", "c"), "contracts/c.yaml", contract("""
                  - server: dev
                    type: [local]
                    environment: dev
                    path: data/c
                    format: delta
                """)));
        assertThat(r.errors()).isNotEmpty().allSatisfy(d -> assertThat(d.code()).isEqualTo("MESH-SCHEMA"));
        assertThat(where(r, tmp)).contains("p/contracts/c.yaml:8:5 ERROR MESH-SCHEMA");
    }

    @Test
    void yamlFileWithNeitherKindNorApiVersionNamesWhatToWrite() {
        ValidationReport r = load(Map.of("product.yaml", Fixtures.product("p", "c"), "contracts/c.yaml", """
                id: c
                version: 1.0.0
                """));
        assertThat(where(r, tmp)).contains("p/contracts/c.yaml:1:1 ERROR MESH-SCHEMA");
        assertThat(r.errors()).anySatisfy(d -> {
            assertThat(d.message()).isEqualTo("Cannot read c.yaml: kind is missing");
            assertThat(d.hint())
                    .isEqualTo("write 'kind: DataContract' and 'apiVersion: v3.1.0' at the top of the file");
        });
    }

    @Test
    void kindThatIsNotATextIsSaidSo() {
        ValidationReport r = load(Map.of("product.yaml", Fixtures.product("p", "c"), "contracts/c.yaml", """
                apiVersion: v3.1.0
                kind: [DataContract]
                id: c
                """));
        assertThat(r.errors()).anySatisfy(d -> assertThat(d.message())
                .isEqualTo("Cannot read c.yaml: kind must be a text, not a list"));
    }

    @Test
    void fileOverTheSizeLimitIsRefusedAtOnceWithItsSizeAndTheLimit() {
        String huge = Fixtures.product("p", "c") + "description:\n  purpose: " + "x".repeat(3 * 1024 * 1024) + "\n";
        assertThat(huge.length()).isGreaterThan((int) DescriptorLoader.DEFAULT_MAX_FILE_BYTES);
        ValidationReport r = load(Map.of("product.yaml", huge));
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("MESH-LAYOUT");
            assertThat(d.location().toString())
                    .isEqualTo(tmp.resolve("p/product.yaml").toString());
            assertThat(d.message())
                    .isEqualTo("Cannot read product.yaml: it has "
                            + String.format(java.util.Locale.ROOT, "%,d", huge.length())
                            + " bytes, more than the 2,097,152 bytes a descriptor may have");
        });
    }

    @Test
    void theSizeLimitCanBeChosen() {
        Path file = Fixtures.folder(tmp, Map.of("c.yaml", contract("[]\n"))).resolve("c.yaml");
        ValidationReport r =
                new DescriptorLoader(Set.of("local"), 50).loadDocument(file).report();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .isEqualTo("Cannot read c.yaml: it has 86 bytes, more than the 50 bytes a descriptor may have"));
    }

    @Test
    void aHugeBadValueIsShownCutAfter80Characters() {
        String version = "1." + "9".repeat(100_000);
        String key = "k".repeat(1_000); // YAML allows keys of at most 1024 characters
        ValidationReport r = load(Map.of(
                "product.yaml",
                Fixtures.product("p", "c")
                        .replace("version: 1.0.0\nstatus", "version: " + version + "\n" + key + ": 1\nstatus"),
                "contracts/c.yaml",
                contract("  []\n")));
        assertThat(r.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.message())
                .hasSizeLessThan(300));
        assertThat(r.errors())
                .extracting(d -> d.message())
                .contains(
                        "Cannot read product 'p': version '1." + "9".repeat(78) + "\u2026' is not a semantic version",
                        "Cannot read product: the document has unknown field '" + "k".repeat(80) + "\u2026'");
    }
}

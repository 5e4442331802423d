package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.diag.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every official ODPS and ODCS example validates against the schema of its own {@code apiVersion}, or, for
 * the few that use fields of a newer version than they declare, is rejected naming that version; and every
 * example survives a write-read round trip unchanged.
 */
class OfficialExamplesTest {
    /**
     * Examples that declare an older apiVersion than the fields they use, with the version they are valid
     * under. Upstream's CI validates every example against the newest schema only, which accepts the older
     * apiVersion values too.
     */
    private static final Map<String, String> WRITTEN_FOR_NEWER_VERSION = Map.of(
            "customer-data-product.odps.yaml", "v1.0.0", // v0.9.0: team object, tags on ports
            "all-data-types.odcs.yaml", "v3.1.0", // v3.0.2: logicalType timestamp and time
            "basic-four-dpo.odcs.yaml", "v3.1.0", // v3.0.2: team object
            "column-completeness.odcs.yaml", "v3.1.0"); // v3.0.2: quality metric without rule

    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "s3", "postgres", "redshift"));
    private final DescriptorWriter writer = new DescriptorWriter();

    static Stream<Path> examples() {
        return Standards.examples().stream();
    }

    static Stream<Path> validExamples() {
        return examples()
                .filter(p ->
                        !WRITTEN_FOR_NEWER_VERSION.containsKey(p.getFileName().toString()));
    }

    static Stream<Path> examplesWrittenForNewerVersion() {
        return examples()
                .filter(p ->
                        WRITTEN_FOR_NEWER_VERSION.containsKey(p.getFileName().toString()));
    }

    @Test
    void allSeventeenExamplesAreFound() {
        assertThat(Standards.examples()).hasSize(17);
        assertThat(examplesWrittenForNewerVersion()).hasSize(WRITTEN_FOR_NEWER_VERSION.size());
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void validatesWithoutErrors(Path example) {
        ValidationReport report = loader.loadDocument(example).report();
        assertThat(report.errors()).as(report.format()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examplesWrittenForNewerVersion")
    void exampleWrittenForANewerVersionIsRejectedNamingThatVersion(Path example, @TempDir Path tmp) {
        String newer = WRITTEN_FOR_NEWER_VERSION.get(example.getFileName().toString());
        ValidationReport report = loader.loadDocument(example).report();
        assertThat(report.errors()).singleElement().satisfies(d -> {
            assertThat(d.location().pointer()).isEqualTo("/apiVersion");
            assertThat(d.message()).contains(" is written in ").contains(newer + " but declares ");
            assertThat(d.hint()).isEqualTo("change apiVersion to " + newer + ", or run mesh:upgrade");
        });
        ValidationReport relabelled = loader.loadDocument(Fixtures.withApiVersion(example, newer, tmp))
                .report();
        assertThat(relabelled.errors()).as(relabelled.format()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void writtenTreeEqualsReadTreeAndRecordsRoundTrip(Path example) throws IOException {
        byte[] bytes = Files.readAllBytes(example);
        ParsedDocument doc = YamlTreeReader.parse(example, bytes);
        assertThat(doc.problems()).isEmpty();
        boolean product = example.toString().endsWith(".odps.yaml");
        JsonNode written;
        String yaml;
        if (product) {
            var record = ProductMapper.product((com.fasterxml.jackson.databind.node.ObjectNode) doc.root());
            written = writer.toTree(record);
            yaml = writer.toYaml(record);
            var again = ProductMapper.product((com.fasterxml.jackson.databind.node.ObjectNode)
                    YamlTreeReader.parse(example, yaml.getBytes()).root());
            assertThat(again).isEqualTo(record);
        } else {
            var record = ContractMapper.contract((com.fasterxml.jackson.databind.node.ObjectNode) doc.root());
            written = writer.toTree(record);
            yaml = writer.toYaml(record);
            var again = ContractMapper.contract((com.fasterxml.jackson.databind.node.ObjectNode)
                    YamlTreeReader.parse(example, yaml.getBytes()).root());
            assertThat(again).isEqualTo(record);
        }
        assertThat(written).as(yaml).isEqualTo(doc.root());
        assertThat(YamlTreeReader.parse(example, yaml.getBytes()).root()).isEqualTo(doc.root());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void plainMapEqualsJacksonsConversionOfTheTree(Path example) {
        ObjectNode root =
                (ObjectNode) YamlTreeReader.parse(example, read(example)).root();
        var jackson = new com.fasterxml.jackson.databind.ObjectMapper();
        var map = new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {};
        if (example.toString().endsWith(".odps.yaml")) {
            var record = ProductMapper.product(root);
            assertThat(writer.toMap(record)).isEqualTo(jackson.convertValue(writer.toTree(record), map));
        } else {
            var record = ContractMapper.contract(root);
            assertThat(writer.toMap(record)).isEqualTo(jackson.convertValue(writer.toTree(record), map));
        }
    }

    @Test
    void unquotedDatesStayStrings() {
        Path file = Standards.folder().resolve("odcs/table-column-description.odcs.yaml");
        var contract = loader.loadDocument(file);
        ParsedDocument doc = YamlTreeReader.parse(file, read(file));
        JsonNode examples = doc.root().at("/schema/0/properties/0/examples");
        assertThat(examples.get(0).isTextual()).isTrue();
        assertThat(examples.get(0).asText()).isEqualTo("2022-10-03");
        assertThat(contract.report().hasErrors()).isFalse();
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

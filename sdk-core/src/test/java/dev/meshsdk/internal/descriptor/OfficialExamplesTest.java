package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.diag.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every official ODPS and ODCS example validates, and survives a write-read round trip unchanged. */
class OfficialExamplesTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "s3", "postgres", "redshift"));
    private final DescriptorWriter writer = new DescriptorWriter();

    static Stream<Path> examples() {
        return Standards.examples().stream();
    }

    @Test
    void allSeventeenExamplesAreFound() {
        assertThat(Standards.examples()).hasSize(17);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validatesWithoutErrors(Path example) {
        ValidationReport report = loader.loadDocument(example).report();
        assertThat(report.errors()).as(report.format()).isEmpty();
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

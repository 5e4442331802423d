package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.OutputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quick schema check against the full validator: a document it calls certainly valid must have no problem
 * under the full validator, for every vendored schema, on the test fixtures, the official examples and a few
 * thousand mutations of them; and it must pass the valid fixtures (else the quick path would never be taken).
 */
class SchemaPrecheckTest {
    private static final int MUTATIONS = Integer.getInteger("mesh.precheck.inputs", 1000);

    @Test
    void passesEveryFixtureTheFullValidatorPassesAndNoOtherUnderEverySchema() throws IOException {
        int validPairs = 0;
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Path file : fixtures()) {
            JsonNode doc = YamlTreeReader.parse(file, Files.readAllBytes(file)).root();
            if (doc == null) continue;
            for (String kind : List.of(SchemaCatalog.PRODUCT, SchemaCatalog.CONTRACT)) {
                for (String version : SchemaCatalog.versions(kind)) {
                    boolean full = fullValidatorPasses(kind, version, doc);
                    boolean quick = SchemaCatalog.precheck(kind, version).certainlyValid(doc);
                    String pair = file.getFileName() + " under " + kind + " " + version;
                    if (quick && !full) wrong.add(pair);
                    if (full && !quick) missed.add(pair);
                    if (full) validPairs++;
                }
            }
        }
        assertThat(wrong)
                .as("certainly valid, yet the full validator finds problems")
                .isEmpty();
        assertThat(validPairs).as("fixtures valid under some schema").isGreaterThan(20);
        assertThat(missed)
                .as("valid fixtures the quick check leaves to the full validator")
                .isEmpty();
    }

    @Test
    void neverPassesAMutatedDocumentTheFullValidatorRejects() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path file : fixtures()) texts.add(Files.readString(file));
        Random random = new Random(20261207L);
        DescriptorMutator mutator = new DescriptorMutator(random);
        int rejected = 0;
        int passed = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            String text = mutator.mutate(texts.get(random.nextInt(texts.size())));
            String log = mutator.takeLog();
            JsonNode doc = YamlTreeReader.parse(Path.of("m.yaml"), text.getBytes(StandardCharsets.UTF_8))
                    .root();
            if (doc == null || !doc.isObject()) continue;
            String kind = doc.path("kind").asText().equals(SchemaCatalog.PRODUCT)
                    ? SchemaCatalog.PRODUCT
                    : SchemaCatalog.CONTRACT;
            // the document's own version when it names a supported one, else any
            List<String> versions = SchemaCatalog.versions(kind);
            String own = doc.path("apiVersion").asText();
            String version = versions.contains(own) && random.nextBoolean()
                    ? own
                    : versions.get(random.nextInt(versions.size()));
            boolean quick = SchemaCatalog.precheck(kind, version).certainlyValid(doc);
            boolean full = fullValidatorPasses(kind, version, doc);
            if (quick && !full) wrong.add("#" + i + " " + kind + " " + version + ": " + log);
            if (!full) rejected++;
            if (quick) passed++;
        }
        assertThat(wrong)
                .as("mutations called certainly valid that the full validator rejects")
                .isEmpty();
        // the mutations reach both answers, so the comparison above compares something
        assertThat(rejected).isGreaterThan(MUTATIONS / 4);
        assertThat(passed).isGreaterThan(MUTATIONS / 50);
    }

    @Test
    void leavesWhatItCannotJudgeExactlyToTheFullValidator() throws IOException {
        JsonNode integerSchema = tree("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}");
        assertThat(new SchemaPrecheck(integerSchema).certainlyValid(tree("{\"n\": 1}")))
                .isTrue();
        assertThat(new SchemaPrecheck(integerSchema).certainlyValid(tree("{\"n\": 1.0}")))
                .isFalse();
        JsonNode unknown = tree("{\"minLength\": 2}");
        assertThat(new SchemaPrecheck(unknown).certainlyValid(tree("\"abc\""))).isFalse();
        JsonNode remote = tree("{\"$ref\": \"https://example.com/schema.json\"}");
        assertThat(new SchemaPrecheck(remote).certainlyValid(tree("{}"))).isFalse();
    }

    private static JsonNode tree(String json) throws IOException {
        return YamlTreeReader.parse(Path.of("t.yaml"), json.getBytes(StandardCharsets.UTF_8))
                .root();
    }

    private static boolean fullValidatorPasses(String kind, String version, JsonNode doc) {
        return SchemaCatalog.schema(kind, version)
                .schema()
                .validate(doc, OutputFormat.DEFAULT)
                .isEmpty();
    }

    /** Every YAML file of this module's test resources: the fixtures and the official examples. */
    private static List<Path> fixtures() throws IOException {
        Path resources = Standards.folder().getParent();
        try (Stream<Path> s = Files.walk(resources)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }
}

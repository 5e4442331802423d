package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.diag.Location;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {
    private static final Path FILE = Path.of("x.yaml");

    private static ParsedDocument parse(String yaml) {
        return YamlTreeReader.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void recordsTheLineAndColumnOfKeysAndArrayElements() {
        ParsedDocument d = parse("a: 1\nlist:\n  - name: x\n    size: 2\n  - name: y\n");
        // a scalar member is located at its value, a container at its key
        assertThat(d.positions().locate(FILE, "/a")).isEqualTo(new Location(FILE, 1, 4, "/a"));
        assertThat(d.positions().locateKey(FILE, "/a")).isEqualTo(new Location(FILE, 1, 1, "/a"));
        assertThat(d.positions().locate(FILE, "/list")).isEqualTo(new Location(FILE, 2, 1, "/list"));
        assertThat(d.positions().locate(FILE, "/list/1")).isEqualTo(new Location(FILE, 5, 5, "/list/1"));
        assertThat(d.positions().locate(FILE, "/list/0/size")).isEqualTo(new Location(FILE, 4, 11, "/list/0/size"));
        // a missing element: its nearest written parent
        Location missing = d.positions().locate(FILE, "/list/1/type");
        assertThat(missing.line()).isEqualTo(5);
        assertThat(missing.column()).isEqualTo(5);
    }

    @Test
    void scalarsKeepTheirWrittenType() {
        JsonNode root = parse(
                        "date: 2022-10-03\nint: 5\nbig: 12345678901\ndec: 9.950\nbool: true\nnone:\nempty: \"\"\nver: 1.0.0\n")
                .root();
        assertThat(root.get("date").isTextual()).isTrue();
        assertThat(root.get("int").isInt()).isTrue();
        assertThat(root.get("big").isLong()).isTrue();
        assertThat(root.get("dec").decimalValue().toPlainString()).isEqualTo("9.950");
        assertThat(root.get("bool").isBoolean()).isTrue();
        assertThat(root.get("none").isNull())
                .as(String.valueOf(root.get("none")))
                .isTrue();
        assertThat(root.get("empty").textValue()).isEqualTo("");
        assertThat(root.get("ver").isTextual()).isTrue();
    }

    @Test
    void nestedDuplicateKeysAreReported() {
        ParsedDocument d = parse("a:\n  b: 1\n  c: 2\n  b: 3\n");
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.location().column()).isEqualTo(3);
            assertThat(p.message()).contains("key 'b' is written twice in 'a'");
        });
        assertThat(d.root().at("/a/b").intValue()).isEqualTo(1);
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(parse("").problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("empty"));
    }

    @Test
    void nestingDeeperThanTheLimitIsALocatedErrorNotAStackOfParsers() {
        String deep = "a: " + "[".repeat(5_000) + "1" + "]".repeat(5_000) + "\n";
        assertThat(parse(deep).problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.location().column()).isEqualTo(4 + YamlTreeReader.MAX_DEPTH - 1);
            assertThat(p.message())
                    .isEqualTo("Cannot read x.yaml: mappings and lists nest more than 100 levels deep here");
        });
        assertThat(parse("a: " + "[".repeat(98) + "1" + "]".repeat(98) + "\n").problems())
                .isEmpty();
    }
}

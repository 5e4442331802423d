package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's path or location: control characters and '..' segments (either separator) are refused, located. */
class ServerPathChecksTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "s3"));

    @TempDir
    Path dir;

    private List<String> problems(String path) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                servers:
                  - server: dev
                    type: local
                    path: %s
                    environment: dev
                schema:
                  - name: t
                    properties:
                      - name: id
                        logicalType: string
                """.formatted(path));
        ValidationReport r = loader.loadDocument(file).report();
        return r.errors().stream()
                .filter(d -> d.code().equals(IdentifierChecks.CODE))
                .map(d -> d.location().line() + ":" + d.location().column() + " " + d.message())
                .toList();
    }

    @Test
    void parentSegmentsAreRefusedWhereverTheyAre() throws IOException {
        for (String p : List.of("../x", "data/../../x", "data/..", "'data\\\\..\\\\x'", "..")) {
            assertThat(problems(p)).as(p).singleElement().satisfies(m -> assertThat(m)
                    .startsWith("9:11 Cannot use path ")
                    .endsWith("it contains a '..' segment"));
        }
    }

    @Test
    void namesWithDotsThatAreNotParentSegmentsPass() throws IOException {
        for (String p : List.of("data/...", "data/..x/y", "data/x..", "./data", "a.b/c")) {
            assertThat(problems(p)).as(p).isEmpty();
        }
    }

    @Test
    void controlCharactersAreRefusedBeforeAnythingElse() throws IOException {
        assertThat(problems("\"../da\\tta\"")).singleElement().satisfies(m -> assertThat(m)
                .endsWith("it contains control characters"));
    }

    @Test
    void theMessageShowsNoControlCharacterItself() throws IOException {
        List<String> found = problems("\"da\\u0007ta\"");
        assertThat(found)
                .singleElement()
                .satisfies(m -> assertThat(m).contains("\\u0007").doesNotContain("\u0007"));
    }
}

package dev.meshsdk.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs OPA's own Rego conformance cases, vendored as the test resources {@code conformance/opa/v1}
 * (provenance and licence beside them), and fails when a folder listed in
 * {@code conformance/passing-folders.txt} no longer passes every case.
 */
class ConformanceTest {
    private static final String SUITE = "/conformance/opa/v1";

    @Test
    void conformanceFoldersListedAsPassingStillPass() throws IOException {
        Path suite = locateSuite();
        List<String> expected = passingFolders();
        String only = System.getProperty("conformance.only");
        Map<String, int[]> table = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ConformanceCaseRunner runner = new ConformanceCaseRunner();
        YAMLMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .build();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(suite)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        long start = System.nanoTime();
        for (Path dir : dirs) {
            String folder = dir.getFileName().toString();
            if (only != null && !List.of(only.split(",")).contains(folder)) {
                continue;
            }
            int[] counts = new int[2];
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p ->
                                p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                JsonNode doc = yaml.readTree(f.toFile());
                for (JsonNode c : doc.path("cases")) {
                    counts[1]++;
                    String why = runner.run(c);
                    if (why == null) {
                        counts[0]++;
                    } else {
                        failures.add(folder + " | " + c.path("note").asText() + " | " + why);
                    }
                }
            }
            table.put(folder, counts);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String report = report(table, millis);
        System.out.println(report);
        Path target = Paths.get("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("conformance-report.txt"), report, StandardCharsets.UTF_8);
        Files.writeString(
                target.resolve("conformance-failures.txt"), String.join("\n", failures), StandardCharsets.UTF_8);
        List<String> regressions = new ArrayList<>();
        for (String folder : expected) {
            int[] c = table.get(folder);
            if (only != null && c == null) {
                continue;
            }
            if (c == null) {
                regressions.add(folder + " (folder missing from the suite)");
            } else if (c[0] != c[1]) {
                regressions.add(folder + " (" + c[0] + "/" + c[1] + ")");
            }
        }
        if (!regressions.isEmpty()) {
            fail("Conformance regression: these folders are listed in"
                    + " src/test/resources/conformance/passing-folders.txt but no longer pass fully: "
                    + regressions + "; see target/conformance-failures.txt for the failing cases");
        }
        assertThat(table).isNotEmpty();
    }

    private static String report(Map<String, int[]> table, long millis) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-45s %7s %7s %7s%n", "folder", "passed", "failed", "total"));
        int p = 0;
        int t = 0;
        int full = 0;
        for (Map.Entry<String, int[]> e : table.entrySet()) {
            int[] c = e.getValue();
            sb.append(String.format("%-45s %7d %7d %7d%n", e.getKey(), c[0], c[1] - c[0], c[1]));
            p += c[0];
            t += c[1];
            full += c[0] == c[1] ? 1 : 0;
        }
        sb.append(String.format("%-45s %7d %7d %7d%n", "TOTAL", p, t - p, t));
        sb.append(String.format("folders fully passing: %d/%d; time %d ms%n", full, table.size(), millis));
        return sb.toString();
    }

    private static List<String> passingFolders() throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/passing-folders.txt")) {
            if (in == null) {
                fail("Missing test resource conformance/passing-folders.txt; create it with one folder"
                        + " name per line");
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
            return Collections.unmodifiableList(out);
        }
    }

    static Path locateSuite() {
        URL suite = ConformanceTest.class.getResource(SUITE);
        if (suite == null) {
            fail("Cannot find the OPA conformance suite: test resource '" + SUITE + "' is missing;"
                    + " it is vendored under src/test/resources/conformance/opa/v1");
        }
        try {
            return Path.of(suite.toURI());
        } catch (URISyntaxException | FileSystemNotFoundException e) {
            throw new AssertionError(
                    "Cannot read the OPA conformance suite at " + suite
                            + ": it must be a folder on the file system (run the tests from the module)",
                    e);
        }
    }
}

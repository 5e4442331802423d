package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshsdk.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads a few thousand mutated copies of valid descriptors (see {@link DescriptorMutator}) and asserts that
 * validation never throws: every problem, however odd the input, is a {@link Diagnostic}, and no message echoes
 * more than a bounded part of a bad value. The inputs are the same on every run (one seed); a failing input is
 * copied to {@code target/fuzz-failures/} to be loaded again by hand.
 *
 * <p>{@code -Dmesh.fuzz.inputs=N} and {@code -Dmesh.fuzz.seed=S} run more or other inputs locally.
 */
class DescriptorFuzzTest {
    private static final int INPUTS = Integer.getInteger("mesh.fuzz.inputs", 2500);
    private static final long SEED = Long.getLong("mesh.fuzz.seed", 20261213L);
    /** No message or hint may be longer: a huge bad value must be cut, not echoed. */
    private static final int MAX_TEXT = 2_000;

    private static final String OVERLONG = "message of ";

    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local", "s3", "postgres", "redshift"));

    @TempDir
    Path tmp;

    @Test
    void theShopProductTheMutationsStartFromIsValidInEachOfItsEnvironments() {
        LoadResult shop = loader.load(List.of(Fixtures.path("shop")));
        assertThat(shop.report().diagnostics()).as(shop.report().format()).isEmpty();
        for (String environment : List.of("dev", "staging", "prod")) {
            assertThat(EnvironmentChecks.check(shop.products(), environment))
                    .as(environment)
                    .isEmpty();
        }
    }

    @Test
    void noMutatedDescriptorMakesValidationThrow() throws IOException {
        List<Map<String, String>> seeds = seeds();
        Random random = new Random(SEED);
        DescriptorMutator mutator = new DescriptorMutator(random);
        Map<String, List<String>> failures = new TreeMap<>();
        int thrown = 0;
        Path shop = tmp.resolve("shop");
        write(shop, seeds.get(0));
        for (int i = 0; i < INPUTS; i++) {
            Map<String, String> files = new LinkedHashMap<>(seeds.get(random.nextInt(seeds.size())));
            List<String> names = new ArrayList<>(files.keySet());
            String target = names.get(random.nextInt(names.size()));
            String description = layout(files, random, target);
            if (files.containsKey(target)) files.put(target, mutator.mutate(files.get(target)));
            description += target + ": " + mutator.takeLog();
            Path dir = tmp.resolve("input-" + i);
            write(dir, files);
            // every fifth input is loaded with the unchanged shop product, for the checks across products
            String problem = run(i % 5 == 0 ? List.of(dir, shop) : List.of(dir), dir.resolve(target), i % 4 == 0);
            if (problem != null) {
                if (!problem.startsWith(OVERLONG)) thrown++;
                failures.computeIfAbsent(problem, k -> new ArrayList<>()).add("#" + i + " " + description);
                keep(dir, i);
            }
            delete(dir);
        }
        StringBuilder report = new StringBuilder(
                thrown + " of " + INPUTS + " inputs (seed " + SEED + ") threw an exception; all problems:");
        failures.forEach((problem, inputs) -> report.append("\n")
                .append(inputs.size())
                .append(" x ")
                .append(problem)
                .append("\n    e.g. ")
                .append(inputs.get(0)));
        assertThat(failures).as(report.toString()).isEmpty();
    }

    /**
     * Loads the product folders, checks them for an environment, and (when {@code alone}) loads the mutated file
     * as a standalone document; the first exception or overlong message, or null.
     */
    private String run(List<Path> dirs, Path file, boolean alone) {
        try {
            LoadResult loaded = loader.load(dirs);
            List<Diagnostic> all = new ArrayList<>(loaded.report().diagnostics());
            all.addAll(EnvironmentChecks.check(loaded.products(), "dev"));
            if (alone && Files.isRegularFile(file))
                all.addAll(loader.loadDocument(file).report().diagnostics());
            for (Diagnostic d : all) {
                int length =
                        d.message().length() + (d.hint() == null ? 0 : d.hint().length());
                if (length > MAX_TEXT)
                    return OVERLONG + length + " chars [" + d.code() + "] "
                            + d.message().substring(0, 60);
            }
            return null;
        } catch (Throwable t) { // the point of the test: a StackOverflowError counts as much as an NPE
            return t.getClass().getName() + " at " + origin(t);
        }
    }

    /** Sometimes changes the folder rather than a file: a stray YAML file, a file gone, the product as a contract. */
    private static String layout(Map<String, String> files, Random random, String target) {
        switch (random.nextInt(25)) {
            case 0 -> {
                String[] stray = {
                    "{}",
                    "- a\n- b",
                    "foo: bar",
                    "id: x",
                    "apiVersion: 7",
                    "kind: [DataContract]",
                    "",
                    "---\n---",
                    "kind: DataProduct\napiVersion: v1.0.0\nid: p"
                };
                files.put("contracts/stray.yaml", stray[random.nextInt(stray.length)]);
                return "stray contract file; ";
            }
            case 1 -> {
                if (target.equals("product.yaml")) return "";
                files.remove("product.yaml");
                return "no product.yaml; ";
            }
            case 2 -> {
                String product = files.get("product.yaml");
                files.put("contracts/product-copy.yaml", product);
                return "product.yaml copied into contracts/; ";
            }
            default -> {
                return "";
            }
        }
    }

    /** The first frame of the SDK's own code where the exception (first thrown, before any rethrow) came from. */
    private static String origin(Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getClass() == thrown.getClass())
            t = t.getCause();
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.meshsdk.")) return e.getClassName() + "." + e.getMethodName();
        }
        return t.getStackTrace().length == 0 ? "?" : t.getStackTrace()[0].toString();
    }

    /**
     * The valid descriptors to mutate: the {@code shop} product (three files), each official ODCS example as the
     * contract of a one-port product, and each official ODPS example as a product of its own.
     */
    private static List<Map<String, String>> seeds() throws IOException {
        List<Map<String, String>> seeds = new ArrayList<>();
        Path shop = Fixtures.path("shop");
        Map<String, String> shopFiles = new LinkedHashMap<>();
        shopFiles.put("product.yaml", Files.readString(shop.resolve("product.yaml")));
        try (Stream<Path> s = Files.list(shop.resolve("contracts"))) {
            for (Path c : s.sorted(Comparator.naturalOrder()).toList()) {
                shopFiles.put("contracts/" + c.getFileName(), Files.readString(c));
            }
        }
        seeds.add(shopFiles);
        YAMLMapper yaml = new YAMLMapper();
        int n = 0;
        for (Path example : Standards.examples()) {
            // 190 KB, a quarter of the run's time: its 70 tables add nothing the smaller examples lack
            if (example.getFileName().toString().startsWith("postgresql-adventureworks")) continue;
            String text = Files.readString(example);
            if (example.toString().endsWith(".odps.yaml")) {
                seeds.add(Map.of("product.yaml", text));
                continue;
            }
            JsonNode tree = yaml.readTree(text);
            String id = tree.path("id").asText("example");
            String product = Fixtures.product("example-" + n++, id);
            seeds.add(Map.of("product.yaml", product, "contracts/" + example.getFileName(), text));
        }
        return seeds;
    }

    private static void write(Path dir, Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, DescriptorMutator.bytes(text)));
        Fixtures.folderOfBytes(dir, bytes);
    }

    private static void keep(Path dir, int input) throws IOException {
        Path to = Path.of("target", "fuzz-failures", "input-" + input);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}

package dev.meshsdk.internal.descriptor;

import dev.meshsdk.diag.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test descriptors under {@code src/test/resources/descriptors}. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String relative) {
        try {
            return Path.of(
                    Fixtures.class.getResource("/descriptors/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("Cannot find test resource descriptors/" + relative, e);
        }
    }

    /** {@code file:line:col severity code} of every diagnostic, the file relative to {@code base}, for exact comparison. */
    static List<String> where(ValidationReport report, Path base) {
        return report.diagnostics().stream()
                .map(d -> base.relativize(d.location().file()).toString().replace('\\', '/') + ":"
                        + d.location().line() + ":" + d.location().column() + " " + d.severity() + " " + d.code())
                .toList();
    }

    /** Writes a product folder: {@code files} maps paths relative to {@code dir} to their texts. */
    static Path folder(Path dir, Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return folderOfBytes(dir, bytes);
    }

    /** Writes a product folder: {@code files} maps paths relative to {@code dir} to their bytes. */
    static Path folderOfBytes(Path dir, Map<String, byte[]> files) {
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code tmp/p}: product {@code p}, whose one port {@code out} uses contract {@code c}, and {@code contract}. */
    static LoadResult loadProduct(DescriptorLoader loader, Path tmp, String contract) {
        return loader.load(List.of(
                folder(tmp.resolve("p"), Map.of("product.yaml", product("p", "c"), "contracts/c.yaml", contract))));
    }

    /** The one server of a test contract: a local Delta table in environment {@code dev}. */
    static final String LOCAL_SERVER = """
            servers:
              - server: dev
                type: local
                environment: dev
                path: data/c
                format: delta
            """;

    /** A valid ODCS v3.1.0 contract {@code id} in five lines (apiVersion to status), followed by {@code rest}. */
    static String contract(String id, String rest) {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %s
                version: 1.0.0
                status: active
                """.formatted(id) + rest;
    }

    /** A one-port product {@code id} whose port {@code out} uses contract {@code contractId}. */
    static String product(String id, String contractId) {
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %s
                version: 1.0.0
                status: active
                outputPorts:
                  - name: out
                    version: 1.0.0
                    contractId: %s
                """.formatted(id, contractId);
    }

    /** A copy of {@code file} in {@code dir} whose first {@code apiVersion:} line declares {@code apiVersion}. */
    static Path withApiVersion(Path file, String apiVersion, Path dir) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String changed = text.replaceFirst("(?m)^apiVersion:.*$", "apiVersion: " + apiVersion);
            if (changed.equals(text)) throw new AssertionError(file + " has no apiVersion line to change");
            return Files.writeString(dir.resolve(file.getFileName()), changed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

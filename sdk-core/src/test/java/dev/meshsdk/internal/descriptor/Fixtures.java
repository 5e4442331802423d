package dev.meshsdk.internal.descriptor;

import dev.meshsdk.diag.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The test descriptors under {@code src/test/resources/descriptors}. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/descriptors/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("Cannot find test resource descriptors/" + relative, e);
        }
    }

    /** {@code file:line:col severity code} of every diagnostic, the file relative to {@code base}, for exact comparison. */
    static List<String> where(ValidationReport report, Path base) {
        return report.diagnostics().stream()
                .map(d -> base.relativize(d.location().file()).toString().replace('\\', '/') + ":" + d.location().line()
                        + ":" + d.location().column() + " " + d.severity() + " " + d.code())
                .toList();
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

package dev.meshsdk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark measures what it claims only if the generated products are valid: check a few. */
class ProductGeneratorTest {
    @Test
    void generatedProductsAreValid(@TempDir Path dir) throws Exception {
        List<Path> dirs = ProductGenerator.generate(dir, 3);
        try (Mesh mesh = Mesh.builder().baseDirectory(dir).build()) {
            ValidationReport report = mesh.validate(dirs);
            assertThat(report.errors()).as(report.format()).isEmpty();
            assertThat(mesh.products(dirs)).hasSize(3);
        }
    }
}

package dev.meshsdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.DeploymentResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.ProductPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads examples/quickstart through the Mesh API, in-process, as {@code mvn mesh:...} would: it must
 * validate cleanly, plan orders before daily-revenue, and deploy for real to the embedded local Delta
 * store (in a temporary copy) with a second deploy changing nothing.
 */
class QuickstartTest {
    private static final Path QUICKSTART = Path.of(System.getProperty("basedir", "."))
            .resolve("quickstart")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path temp;

    @Test
    void validatesWithNoErrorsOrWarnings() {
        try (Mesh mesh = mesh(QUICKSTART, temp.resolve("registry"))) {
            ValidationReport report = mesh.validate(products(QUICKSTART));

            assertThat(report.errors()).extracting(Diagnostic::format).isEmpty();
            assertThat(report.warnings()).extracting(Diagnostic::format).isEmpty();
        }
    }

    @Test
    void plansOrdersBeforeDailyRevenue() {
        // a clean copy: the quickstart's own target/ may hold tables from running the README's first command
        Path project = copyOf(QUICKSTART, temp.resolve("quickstart"));
        try (Mesh mesh = mesh(project, temp.resolve("registry"))) {
            DeploymentPlan plan = mesh.plan(products(project));

            assertThat(plan.environment()).isEqualTo("dev");
            assertThat(plan.products()).extracting(ProductPlan::productId).containsExactly("orders", "daily-revenue");
            assertThat(plan.products()).allMatch(ProductPlan::hasChanges);
            assertThat(plan.refusals()).isEmpty();
            assertThat(plan.summary()).contains("product orders 1.0.0", "product daily-revenue 1.0.0", "+ create ");
        }
    }

    @Test
    void deploysToLocalDeltaTablesAndASecondDeployChangesNothing() {
        Path project = copyOf(QUICKSTART, temp.resolve("quickstart"));
        Path registry = project.resolve("target/mesh/registry");

        try (Mesh mesh = mesh(project, registry)) {
            DeploymentResult first = mesh.deploy(products(project));

            assertThat(first.products())
                    .extracting(DeploymentResult.ProductResult::productId)
                    .containsExactly("orders", "daily-revenue");
            assertThat(first.products()).allMatch(DeploymentResult.ProductResult::changed);
        }
        assertThat(project.resolve("target/mesh/data/orders"))
                .isDirectoryRecursivelyContaining("glob:**/_delta_log/*.json");
        assertThat(project.resolve("target/mesh/data/daily_revenue"))
                .isDirectoryRecursivelyContaining("glob:**/_delta_log/*.json");

        // a new Mesh, as a second mvn mesh:deploy would make
        try (Mesh mesh = mesh(project, registry)) {
            assertThat(mesh.plan(products(project)).hasChanges()).isFalse();
            DeploymentResult second = mesh.deploy(products(project));

            assertThat(second.changed()).isFalse();
            assertThat(second.products())
                    .allSatisfy(p -> assertThat(p.applied()).isEmpty());
        }
    }

    /** The 1-based line of the first line of {@code text} that holds {@code part}. */
    private static int lineOf(String text, String part) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) return i + 1;
        }
        throw new AssertionError("no line holds " + part);
    }

    /**
     * The governance pack judges the plan: narrowing a deployed column under the same major contract
     * version is denied before anything is applied; the same change under a new major version plans.
     */
    @Test
    void aBreakingChangeNeedsANewMajorContractVersion() throws IOException {
        Path project = copyOf(QUICKSTART, temp.resolve("quickstart"));
        Path registry = project.resolve("target/mesh/registry");
        try (Mesh mesh = mesh(project, registry)) {
            mesh.deploy(products(project));
        }
        Path contract = project.resolve("src/main/mesh/orders/contracts/orders.yaml");
        String original = Files.readString(contract);
        assertThat(original).contains("physicalType: decimal(12,2)").contains("\nversion: 1.0.0\n");
        Files.writeString(
                contract,
                original.replace("physicalType: decimal(12,2)", "physicalType: decimal(8,2)")
                        .replace("\nversion: 1.0.0\n", "\nversion: 1.1.0\n"));

        try (Mesh mesh = mesh(project, registry)) {
            assertThatThrownBy(() -> mesh.deploy(products(project)))
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.report().errors()).anySatisfy(d -> {
                                assertThat(d.message())
                                        .contains("output port 'orders' would break its consumers")
                                        .contains("deployed as 1.0.0")
                                        .contains("raise the contract's major version (to 2.0.0)");
                                // located at the changed column of the contract, not in the policy file
                                assertThat(d.location().file()).isEqualTo(contract);
                                assertThat(d.location().line()).isEqualTo(lineOf(original, "- name: amount"));
                                assertThat(d.hint()).contains("breaking.rego");
                            }));
        }
        assertThat(project.resolve("target/mesh/data")).isDirectory();

        Files.writeString(contract, Files.readString(contract).replace("\nversion: 1.1.0\n", "\nversion: 2.0.0\n"));
        try (Mesh mesh = mesh(project, registry)) {
            DeploymentPlan plan = mesh.plan(products(project));
            assertThat(plan.refusals()).isEmpty();
            assertThat(plan.hasChanges()).isTrue();
        }
    }

    private static Mesh mesh(Path project, Path registryRoot) {
        return Mesh.builder()
                .baseDirectory(project)
                .environment("dev")
                .config(Map.of("mesh.registry.file.root", registryRoot.toString()))
                .build();
    }

    /** The product directories, as the Maven plugin finds them: each folder under src/main/mesh with a product.yaml. */
    private static List<Path> products(Path project) {
        try (Stream<Path> dirs = Files.list(project.resolve("src/main/mesh"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("product.yaml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the project's sources (not its target/) so the deploy writes nowhere in the work tree. */
    static Path copyOf(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from.resolve("src"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
            Files.copy(from.resolve("pom.xml"), to.resolve("pom.xml"));
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

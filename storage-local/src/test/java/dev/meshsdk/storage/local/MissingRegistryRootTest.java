package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.testkit.ProjectFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code file} registry whose folder does not exist, through {@link Mesh} as a Java user opens it: readers of the
 * catalog fail naming the folder and create nothing (never an empty catalog); validate and plan read it as the
 * empty registry of a new mesh, and the first deploy creates it.
 */
class MissingRegistryRootTest {
    @TempDir
    Path base;

    Mesh open(Path root) {
        return Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .config(Map.of(FileRegistryFactory.ROOT_KEY, root.toString()))
                .build();
    }

    @Test
    void readingTheCatalogFromARootThatDoesNotExistFailsNamingItAndCreatesNothing() {
        Path root = base.resolve("nonexistent/x");
        try (Mesh mesh = open(root)) {
            MeshCatalog catalog = mesh.catalog();
            List<ThrowingCallable> reads = List.of(
                    () -> catalog.search(CatalogQuery.in("dev").text("orders")),
                    () -> catalog.product("orders"),
                    () -> catalog.lineage("orders"),
                    catalog::products,
                    () -> catalog.quality("orders", "orders", 10),
                    () -> catalog.binding("orders", "orders"));
            for (ThrowingCallable read : reads) {
                assertThatThrownBy(read)
                        .isInstanceOf(MeshException.class)
                        .hasMessage("Cannot read the file registry"
                                + " at " + root
                                + ": the folder does not exist; check mesh.registry.file.root (relative paths"
                                + " are relative to the project) and that the disk holding it is mounted; the first mesh:deploy"
                                + " to a registry creates its folder, reading the catalog does not")
                        .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.REGISTRY_FAILURE));
            }
        }
        assertThat(base.resolve("nonexistent")).as("a reader creates no folder").doesNotExist();
    }

    @Test
    void validateAndPlanReadAMissingRootAsEmptyAndTheFirstDeployCreatesIt() throws IOException {
        Path products = base.resolve("mesh");
        ProjectFiles.product(
                products,
                "orders",
                ProjectFiles.contract("orders", "1.0.0", ProjectFiles.localServer("data/orders"), "orders", """
                      - name: order_id
                        logicalType: string
                """),
                null,
                null);
        Path root = base.resolve("team-disk/registry");
        try (Mesh mesh = open(root)) {
            assertThat(mesh.validate(List.of(products)).errors()).isEmpty();
            assertThat(mesh.plan(List.of(products)).hasChanges()).isTrue();
            assertThat(root).as("validate and plan write nothing").doesNotExist();
            mesh.deploy(List.of(products));
            assertThat(root).isDirectory();
            assertThat(mesh.catalog().product("orders")).isPresent();
        }
    }
}

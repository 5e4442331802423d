package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductDirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryWithAProductFileIsOneProduct() throws Exception {
        Files.writeString(dir.resolve("product.yaml"), "id: orders");
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested/product.yaml"), "id: nested");

        assertThat(ProductDirectories.find(dir))
                .containsExactly(dir.toAbsolutePath().normalize());
    }

    @Test
    void otherwiseEachSubdirectoryWithAProductFileIsAProductInNameOrder() throws Exception {
        for (String name : new String[] {"orders", "daily-revenue", "notes"})
            Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve("orders/product.yaml"), "id: orders");
        Files.writeString(dir.resolve("daily-revenue/product.yaml"), "id: daily-revenue");

        assertThat(ProductDirectories.find(dir)).containsExactly(dir.resolve("daily-revenue"), dir.resolve("orders"));
    }

    @Test
    void saysWhatToDoWhenThereIsNoProduct() {
        assertThatThrownBy(() -> ProductDirectories.find(dir))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Cannot find data products: no product.yaml in "
                        + dir.toAbsolutePath().normalize()
                        + " or its immediate subdirectories; add one, or point <directory> (-Dmesh.directory) at the"
                        + " folder that holds it");
        assertThatThrownBy(() -> ProductDirectories.find(dir.resolve("missing")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("does not exist");
    }
}

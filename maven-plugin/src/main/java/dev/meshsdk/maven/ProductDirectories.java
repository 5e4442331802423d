package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Finds the data products under {@code mesh.directory}: the directory itself when it holds a
 * {@code product.yaml}, otherwise each immediate subdirectory that holds one, in name order.
 */
final class ProductDirectories {
    static final String PRODUCT_FILE = "product.yaml";

    private ProductDirectories() {}

    static List<Path> find(Path directory) throws MojoFailureException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new MojoFailureException("Cannot find data products: directory " + dir + " does not exist; "
                    + "create it with a " + PRODUCT_FILE + ", or point <directory> (-Dmesh.directory) at it");
        }
        List<Path> products = Mesh.productDirectories(dir);
        if (products.isEmpty()) {
            throw new MojoFailureException("Cannot find data products: no " + PRODUCT_FILE + " in " + dir
                    + " or its immediate subdirectories; add one, or point <directory> (-Dmesh.directory) at "
                    + "the folder that holds it");
        }
        return products;
    }
}

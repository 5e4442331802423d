package dev.meshsdk.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
        if (Files.isRegularFile(dir.resolve(PRODUCT_FILE))) return List.of(dir);
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> products = children.filter(Files::isDirectory)
                    .filter(d -> Files.isRegularFile(d.resolve(PRODUCT_FILE)))
                    .sorted()
                    .toList();
            if (products.isEmpty()) {
                throw new MojoFailureException("Cannot find data products: no " + PRODUCT_FILE + " in " + dir
                        + " or its immediate subdirectories; add one, or point <directory> (-Dmesh.directory) at "
                        + "the folder that holds it");
            }
            return products;
        } catch (IOException e) {
            throw new MojoFailureException("Cannot list data products in " + dir + ": " + e.getMessage(), e);
        }
    }
}

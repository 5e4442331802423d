package dev.meshsdk.internal.descriptor;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates data product descriptors. PLACEHOLDER signature: being implemented.
 */
public final class DescriptorLoader {
    private final Set<String> adapterServerTypes;

    /** @param adapterServerTypes server types that have a loaded storage adapter */
    public DescriptorLoader(Set<String> adapterServerTypes) {
        this.adapterServerTypes = Set.copyOf(adapterServerTypes);
    }

    /** Loads product directories (each holds product.yaml and contracts/*.yaml) and validates them together. */
    public LoadResult load(List<Path> productDirectories) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Validates one standalone ODPS or ODCS document, chosen by its content. */
    public LoadResult loadDocument(Path file) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}

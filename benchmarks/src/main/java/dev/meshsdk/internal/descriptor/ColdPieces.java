package dev.meshsdk.internal.descriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The pieces of validation the cold benchmark times on their own: reading (and compiling) the official
 * schemas the generated files use, and parsing files with positions. It sits in sdk-core's internal package (a split
 * package on the class path, for this benchmark only) so that it times the SDK's own code, not a copy.
 */
public final class ColdPieces {
    private ColdPieces() {}

    /**
     * Reads the schemas of ODPS v1.0.0 and ODCS v3.1.0 (those the generator writes) as the quick check that
     * passes valid documents needs them: raw trees, not compiled; returns their count.
     */
    public static int readSchemas() {
        SchemaCatalog.precheck(SchemaCatalog.PRODUCT, "v1.0.0");
        SchemaCatalog.precheck(SchemaCatalog.CONTRACT, "v3.1.0");
        return 2;
    }

    /**
     * Compiles the same schemas for the full validator, which validation needs only for a document the quick
     * check does not pass (to word its problems); returns their count.
     */
    public static int compileSchemas() {
        SchemaCatalog.schema(SchemaCatalog.PRODUCT, "v1.0.0");
        SchemaCatalog.schema(SchemaCatalog.CONTRACT, "v3.1.0");
        return 2;
    }

    /** Reads and parses each file as the loader does (in parallel); returns how many had a problem. */
    public static long parse(List<Path> files) {
        return files.parallelStream()
                .filter(f -> {
                    try {
                        return !YamlTreeReader.parse(f, Files.readAllBytes(f))
                                .problems()
                                .isEmpty();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .count();
    }
}

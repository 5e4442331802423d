package dev.meshsdk.internal.descriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the official standards folder ({@code shared/standards}) by walking up from the working directory. */
final class Standards {
    private Standards() {}

    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("standards");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new AssertionError("Cannot find shared/standards above " + Path.of("").toAbsolutePath()
                + ": the official ODPS/ODCS examples are needed; clone the repo with shared/ beside it");
    }

    /** The 17 official example descriptors. */
    static List<Path> examples() {
        try (Stream<Path> s = Files.walk(folder())) {
            return s.filter(p -> p.toString().endsWith(".odcs.yaml") || p.toString().endsWith(".odps.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("Cannot list " + folder(), e);
        }
    }
}

package dev.meshsdk.internal.descriptor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The official ODPS and ODCS examples, vendored as the test resources {@code standards/} (provenance and
 * licence in {@code standards/SOURCES.txt}).
 */
final class Standards {
    private Standards() {}

    static Path folder() {
        URL url = Standards.class.getResource("/standards");
        if (url == null) {
            throw new AssertionError("Cannot find test resource 'standards': the official ODPS/ODCS examples are"
                    + " vendored under src/test/resources/standards");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("Cannot read test resource " + url, e);
        }
    }

    /** The 17 official example descriptors. */
    static List<Path> examples() {
        try (Stream<Path> s = Files.walk(folder())) {
            return s.filter(p ->
                            p.toString().endsWith(".odcs.yaml") || p.toString().endsWith(".odps.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AssertionError("Cannot list " + folder(), e);
        }
    }
}

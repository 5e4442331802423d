package dev.meshsdk.internal.descriptor;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test descriptors under {@code src/test/resources/descriptors}. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/descriptors/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("Cannot find test resource descriptors/" + relative, e);
        }
    }
}

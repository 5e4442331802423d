package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command a goal's hint tells the user to run: the Maven Wrapper by its path from where they are. */
class MavenCommandTest {
    @TempDir
    Path root;

    @Test
    void theWrapperOfTheCheckoutIsNamedByItsPathFromTheWorkingFolder() throws Exception {
        Files.createDirectories(root.resolve(".mvn/wrapper"));
        Files.writeString(root.resolve("mvnw"), "#!/bin/sh\n");
        Path quickstart = Files.createDirectories(root.resolve("examples/quickstart"));

        assertThat(MeshSetup.mavenCommand(root, root)).isEqualTo("./mvnw");
        assertThat(MeshSetup.mavenCommand(quickstart, quickstart)).isEqualTo("../../mvnw");
        assertThat(MeshSetup.mavenCommand(root, quickstart)).isEqualTo("./mvnw -f examples/quickstart");
    }

    @Test
    void withoutAWrapperItIsMvnAndTheSearchStopsAtTheProjectRoot() throws Exception {
        Path project = Files.createDirectories(root.resolve("outer/project"));
        Files.writeString(root.resolve("mvnw"), "#!/bin/sh\n");
        // the project's own root (.mvn) has no wrapper: the one above it belongs to another project
        Files.createDirectories(root.resolve("outer/.mvn"));

        assertThat(MeshSetup.mavenCommand(project, project)).isEqualTo("mvn");
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        assertThat(MeshSetup.mavenCommand(project, elsewhere)).isEqualTo("mvn -f " + elsewhere.toAbsolutePath());
    }
}

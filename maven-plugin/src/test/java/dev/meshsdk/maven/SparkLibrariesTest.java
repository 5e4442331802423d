package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectResult;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.junit.jupiter.api.Test;

class SparkLibrariesTest {
    private static final Path REPO = Path.of("/repo");

    @Test
    void putsTheFetchedJarsAfterThePluginsLessThoseThePluginHolds() {
        List<Path> plugin = List.of(
                jar("mesh-maven-plugin-0.1.0.jar"),
                jar("mesh-sdk-core-0.1.0.jar"),
                jar("jackson-databind-2.18.2.jar"),
                jar("maven-plugin-api-3.9.11.jar"),
                jar("slf4j-api-2.0.16.jar"));
        Set<String> held = Set.of(
                "dev.meshsdk:mesh-maven-plugin",
                "dev.meshsdk:mesh-sdk-core",
                "com.fasterxml.jackson.core:jackson-databind",
                "org.apache.maven:maven-plugin-api",
                "org.slf4j:slf4j-api");

        List<Path> merged = SparkLibraries.merge(
                plugin,
                held,
                List.of(
                        lib("dev.meshsdk", "mesh-spark", "mesh-spark-0.1.0.jar"),
                        // the plugin's copy, the same version: not twice
                        lib("dev.meshsdk", "mesh-sdk-core", "mesh-sdk-core-0.1.0.jar"),
                        // another version of a library the plugin holds: the plugin's wins
                        lib("com.fasterxml.jackson.core", "jackson-databind", "jackson-databind-2.15.4.jar"),
                        lib("org.slf4j", "slf4j-api", "slf4j-api-2.0.7.jar"),
                        lib("org.apache.spark", "spark-sql_2.13", "spark-sql_2.13-4.2.0.jar"),
                        // the same groupId:artifactId twice among the fetched ones: the first wins
                        lib("org.apache.spark", "spark-sql_2.13", "spark-sql_2.13-4.1.0.jar"),
                        // the same artifactId in another group is another library
                        lib("org.other", "mesh-sdk-core", "other-mesh-sdk-core-1.0.jar")));

        assertThat(merged)
                .containsExactly(
                        jar("mesh-maven-plugin-0.1.0.jar"),
                        jar("mesh-sdk-core-0.1.0.jar"),
                        jar("jackson-databind-2.18.2.jar"),
                        jar("maven-plugin-api-3.9.11.jar"),
                        jar("slf4j-api-2.0.16.jar"),
                        jar("mesh-spark-0.1.0.jar"),
                        jar("spark-sql_2.13-4.2.0.jar"),
                        jar("other-mesh-sdk-core-1.0.jar"));
    }

    @Test
    void nothingFetchedLeavesThePluginsClassPathAsItIs() {
        List<Path> plugin = List.of(jar("a.jar"), jar("b.jar"));
        assertThat(SparkLibraries.merge(plugin, Set.of("g:a", "g:b"), List.of()))
                .isEqualTo(plugin);
    }

    @Test
    void aResolutionFailureSaysWhatCouldNotBeResolvedAndTheTwoWaysOut() {
        DefaultArtifact spark = new DefaultArtifact("dev.meshsdk:mesh-spark:jar:0.1.0");
        ArtifactDescriptorException descriptor = new ArtifactDescriptorException(
                new ArtifactDescriptorResult(new ArtifactDescriptorRequest(spark, List.of(), null)),
                "Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact"
                        + " dev.meshsdk:mesh-spark:jar:0.1.0 has not been downloaded from it before.");
        DependencyCollectionException collect = new DependencyCollectionException(
                new CollectResult(new CollectRequest()),
                "Failed to collect dependencies at dev.meshsdk:mesh-spark:jar:0.1.0",
                descriptor);
        DependencyResolutionException e =
                new DependencyResolutionException(new DependencyResult(new DependencyRequest()), collect);

        assertThat(AbstractDataMojo.resolutionFailure("publish", SparkLibraries.coordinates("0.1.0"), e))
                .isEqualTo("Cannot run mesh:publish: it works on a port of a local or s3 server, which runs on Spark,"
                        + " and cannot resolve dev.meshsdk:mesh-spark:0.1.0 with its dependencies for it: Cannot access"
                        + " central (https://repo.maven.apache.org/maven2) in offline mode and the artifact"
                        + " dev.meshsdk:mesh-spark:jar:0.1.0 has not been downloaded from it before; make them reachable"
                        + " (a plugin repository, or one build without -o), or add dev.meshsdk:mesh-spark:0.1.0 to the"
                        + " plugin's <dependencies>");
    }

    private static Path jar(String name) {
        return REPO.resolve(name);
    }

    private static SparkLibraries.Library lib(String groupId, String artifactId, String file) {
        return new SparkLibraries.Library(groupId, artifactId, jar(file));
    }
}

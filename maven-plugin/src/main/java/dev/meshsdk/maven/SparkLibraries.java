package dev.meshsdk.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * {@code mesh-spark} and the libraries it needs at run time, for the forked JVM of a data goal whose plugin does not
 * have it among its {@code <dependencies>}: resolved through the build's own resolver session (its local repository,
 * its offline mode, the project's plugin repositories) only when a goal works on a Spark-served port, so that the
 * goals that never run Spark do not pay for resolving Spark's few hundred artifacts when Maven loads the plugin.
 * The jars go after the plugin's own on the forked JVM's class path, less those the plugin already holds.
 */
final class SparkLibraries {
    static final String GROUP_ID = "dev.meshsdk";
    static final String ARTIFACT_ID = "mesh-spark";

    /** Scopes whose jars a running program needs. */
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    private SparkLibraries() {}

    /** One resolved jar and the {@code groupId:artifactId} it belongs to. */
    record Library(String groupId, String artifactId, Path file) {
        Library {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(artifactId, "artifactId");
            Objects.requireNonNull(file, "file");
        }

        String key() {
            return SparkLibraries.key(groupId, artifactId);
        }
    }

    static String key(String groupId, String artifactId) {
        return groupId + ":" + artifactId;
    }

    /** {@code dev.meshsdk:mesh-spark:<version>}, as messages name it. */
    static String coordinates(String version) {
        return GROUP_ID + ":" + ARTIFACT_ID + ":" + version;
    }

    /**
     * The class path, then each library whose {@code groupId:artifactId} is not in {@code held} (what the plugin's
     * class path already has, in whatever version) and whose file is not already listed. The plugin's copy wins: it
     * is the one the plugin was resolved and tested with, and a second copy of a library would only shadow it.
     */
    static List<Path> merge(List<Path> classPath, Set<String> held, List<Library> libraries) {
        Set<Path> out = new LinkedHashSet<>(classPath);
        Set<String> keys = new HashSet<>(held);
        for (Library library : libraries) {
            if (keys.add(library.key())) out.add(library.file());
        }
        return List.copyOf(out);
    }

    /**
     * Resolves {@code dev.meshsdk:mesh-spark:<version>} with its compile and runtime dependencies, as Maven would
     * for a plugin dependency: the session's dependency management, exclusions and offline mode apply.
     *
     * @throws DependencyResolutionException when an artifact cannot be read or downloaded
     */
    static List<Library> resolve(
            RepositorySystem system,
            RepositorySystemSession session,
            List<RemoteRepository> repositories,
            String version)
            throws DependencyResolutionException {
        CollectRequest collect = new CollectRequest(
                new Dependency(new DefaultArtifact(GROUP_ID, ARTIFACT_ID, "jar", version), "runtime"), repositories);
        DependencyFilter runtime = (node, parents) -> node.getDependency() == null
                || RUNTIME_SCOPES.contains(node.getDependency().getScope());
        List<Library> out = new ArrayList<>();
        for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, runtime))
                .getArtifactResults()) {
            Artifact a = result.getArtifact();
            if (a != null && a.getFile() != null)
                out.add(new Library(
                        a.getGroupId(), a.getArtifactId(), a.getFile().toPath()));
        }
        return List.copyOf(out);
    }
}

package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a goal builds its {@link Mesh} from, resolved from the POM and the command line, except the
 * secrets and the log. Plain data, so that a forked JVM receives it as JSON and builds the same {@code Mesh}.
 *
 * @param goal         the goal's name, for messages
 * @param basedir      the project's base directory
 * @param products     the product directories found under {@code mesh.directory}
 * @param metrics      the metrics reporter ({@code console}, {@code csv:<absolute dir>}) or null
 * @param config       the effective {@code mesh.*} settings (never secrets)
 */
record MeshSetup(
        String goal,
        Path basedir,
        String environment,
        List<Path> products,
        String registry,
        String policyEngine,
        String metrics,
        Map<String, String> config) {
    MeshSetup {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(basedir, "basedir");
        Objects.requireNonNull(environment, "environment");
        products = List.copyOf(products);
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(policyEngine, "policyEngine");
        config = Map.copyOf(config);
    }

    /** A {@code Mesh} for this setup; plugins are found with {@code loader} (the plugin's, with the user's adapters). */
    Mesh open(Secrets secrets, MeshListener listener, ClassLoader loader) {
        return Mesh.builder()
                .baseDirectory(basedir)
                .environment(environment)
                .config(config)
                .secrets(secrets)
                .registry(registry)
                .policyEngine(policyEngine)
                .listener(listener)
                .classLoader(loader)
                .build();
    }

    /** What an engine started beside {@code mesh} (Spark) is configured with: the same settings and secrets. */
    AdapterContext adapterContext(Mesh mesh, Secrets secrets) {
        return new AdapterContext(environment, basedir, config, secrets, mesh.metrics(), Clock.systemUTC());
    }

    /** The path as the user would write it: relative to the project when it is inside it. */
    String display(Path path) {
        return display(basedir, path);
    }

    /**
     * How the user runs Maven again from where they ran it ({@code user.dir}): the Maven Wrapper of their project
     * ({@code ./mvnw}, or {@code ../../mvnw} from a folder below it, up to the folder holding {@code .mvn}), else
     * {@code mvn}; with {@code -f <folder>} when the project is not that folder.
     */
    static String mavenCommand(Path workingDir, Path basedir) {
        Path cwd = workingDir.toAbsolutePath().normalize();
        String maven = "mvn";
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                String rel = cwd.relativize(dir.resolve("mvnw")).toString();
                maven = rel.contains("/") ? rel : "./" + rel;
                break;
            }
            if (Files.isDirectory(dir.resolve(".mvn"))) break;
        }
        Path base = basedir.toAbsolutePath().normalize();
        if (base.equals(cwd)) return maven;
        return maven + " -f " + (base.startsWith(cwd) ? cwd.relativize(base) : base);
    }

    static String display(Path basedir, Path path) {
        Path base = basedir.toAbsolutePath().normalize();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}

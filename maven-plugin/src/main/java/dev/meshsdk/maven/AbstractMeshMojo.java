package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.MetricsReporting;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: its parameters, building a {@link Mesh} from them, and turning the SDK's
 * outcome into Maven's log and exceptions. A goal only says which core call to make.
 *
 * <p>A {@link MeshException} that is the user's mistake becomes a {@link MojoFailureException} with the
 * SDK's message (which already names the file and line, or the setting, and what to do); anything else
 * becomes a {@link MojoExecutionException} with its cause.
 */
abstract class AbstractMeshMojo extends AbstractMojo {
    /** The config key of the {@code file} registry's root directory. */
    static final String REGISTRY_ROOT_KEY = "mesh.registry.file.root";

    /** The environment to validate for, plan for or deploy to; matched against contract servers' {@code environment}. */
    @Parameter(property = "mesh.environment", defaultValue = "dev")
    String environment;

    /**
     * The data product directory: one holding {@code product.yaml} is one product; otherwise every
     * immediate subdirectory holding a {@code product.yaml} is a product.
     */
    @Parameter(property = "mesh.directory", defaultValue = "${project.basedir}/src/main/mesh")
    File directory;

    /** The registry that records deployments, by name. */
    @Parameter(property = "mesh.registry", defaultValue = "file")
    String registry;

    /**
     * Settings for adapters and registries, {@code mesh.<name>.<key>} keys; never secrets (those come from
     * {@code settings.xml} servers or the environment). Each may also be given on the command line as
     * {@code -Dmesh.<name>.<key>=...}, which wins over the POM. {@code mesh.registry.file.root} (the
     * {@code file} registry's folder, which several builds may share) defaults to
     * {@code ${project.basedir}/.mesh/registry}; a relative path is relative to the project.
     */
    @Parameter
    Map<String, String> config;

    /**
     * The policy engine: {@code rego} (the embedded engine with the default governance pack and the
     * project's {@code <mesh.directory>/policies/*.rego}), {@code opa-server} (settings
     * {@code mesh.policy.opa.*} in {@code config}), or {@code none}.
     */
    @Parameter(property = "mesh.policy.engine", defaultValue = "rego")
    String policyEngine;

    /** Turns on a metrics reporter: {@code console}, or {@code csv:<directory>}. Off when empty. */
    @Parameter(property = "mesh.metrics")
    String metrics;

    /** Skips the goal. */
    @Parameter(property = "mesh.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping mesh:" + goal() + " (mesh.skip is true)");
            return;
        }
        List<Path> products = readsProducts() ? ProductDirectories.find(directory.toPath()) : List.of();
        QuietLibraries.apply();
        AutoCloseable reporter = null;
        try (Mesh mesh = Mesh.builder()
                .baseDirectory(basedir.toPath())
                .environment(environment)
                .config(effectiveConfig())
                .secrets(new SettingsSecrets(session.getSettings(), System.getenv()))
                .registry(registry)
                .policyEngine(policyEngine)
                .listener(new LogListener(getLog()))
                // adapters users add as <dependencies> of the plugin live in the plugin's class realm
                .classLoader(getClass().getClassLoader())
                .build()) {
            if (metrics != null && !metrics.isBlank()) reporter = startMetrics(mesh);
            run(mesh, products);
        } catch (MeshException e) {
            // the one place SDK exceptions become Maven exceptions
            if (e.userError()) throw new MojoFailureException(e.getMessage(), e);
            throw new MojoExecutionException("Cannot run mesh:" + goal() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Cannot run mesh:" + goal() + ": the SDK or an adapter failed"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; rerun with -e for details", e);
        } finally {
            closeReporter(reporter);
            QuietLibraries.preloadShutdownClasses(getClass().getClassLoader());
        }
    }

    /** The goal's name, for messages. */
    abstract String goal();

    /**
     * Whether the goal works on this build's product directories (and needs them to exist); goals that read
     * only the registry (the catalog, exports) do not.
     */
    boolean readsProducts() {
        return true;
    }

    /** Makes the goal's core call(s) and logs the outcome. */
    abstract void run(Mesh mesh, List<Path> products) throws MojoExecutionException, MojoFailureException;

    /**
     * The POM's {@code <config>}, overridden by {@code -Dmesh.*} settings given on the command line, with
     * the defaults that depend on the project.
     */
    private Map<String, String> effectiveConfig() {
        Map<String, String> out = new HashMap<>();
        if (config != null) config.forEach((k, v) -> out.put(k, v == null ? "" : v));
        session.getUserProperties().forEach((k, v) -> {
            if (String.valueOf(k).startsWith("mesh.")) out.put(String.valueOf(k), String.valueOf(v));
        });
        String root = out.get(REGISTRY_ROOT_KEY);
        if (root != null && !root.isBlank()) out.put(REGISTRY_ROOT_KEY, basedir.toPath().resolve(root).toString());
        out.putIfAbsent(REGISTRY_ROOT_KEY, basedir.toPath().resolve(".mesh/registry").toString());
        out.putIfAbsent("mesh.policy.directory", directory.toPath().resolve("policies").toString());
        return out;
    }

    private AutoCloseable startMetrics(Mesh mesh) throws MojoFailureException {
        try {
            return MetricsReporting.start(mesh.metrics(), metricsSpec(), System.out);
        } catch (MeshException e) {
            if (!e.userError()) throw e;
            throw new MojoFailureException("Invalid <metrics> (-Dmesh.metrics): " + e.getMessage(), e);
        }
    }

    /** A relative {@code csv:} directory is relative to the project, not to where Maven was started. */
    private String metricsSpec() {
        String spec = metrics.trim();
        if (spec.regionMatches(true, 0, "csv:", 0, 4)) {
            return "csv:" + basedir.toPath().resolve(spec.substring(4));
        }
        return spec;
    }

    private void closeReporter(AutoCloseable reporter) {
        if (reporter == null) return;
        try {
            reporter.close();
        } catch (Exception e) {
            getLog().warn("Cannot write the last metrics report: " + e.getMessage());
        }
    }

    /**
     * Refuses to write a catalog or an export from a registry that holds no product for the environment:
     * that is nearly always a mistyped registry setting or environment, and an empty page would hide it.
     */
    void requireProducts(dev.meshsdk.MeshCatalog catalog) throws MojoFailureException {
        if (!catalog.products().isEmpty()) return;
        String where = registry.equals("file") ? "the file registry at " + effectiveConfig().get(REGISTRY_ROOT_KEY)
                : "the '" + registry + "' registry";
        throw new MojoFailureException("Cannot run mesh:" + goal() + ": " + where + " holds no product deployed to '"
                + environment + "'; check -Dmesh.registry, -Dmesh.registry.file.root and -Dmesh.environment, or"
                + " deploy a product first");
    }

    /** The path as the user would write it: relative to the project when it is inside it. */
    String display(Path path) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}

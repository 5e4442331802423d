package dev.meshsdk.maven;

import dev.meshsdk.Mesh;
import dev.meshsdk.UnknownSetting;
import dev.meshsdk.spi.Secrets;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: its parameters, resolved into a {@link MeshSetup}, and running the goal on a
 * {@link Mesh} built from them through {@link GoalRunner}, which turns the SDK's outcome into Maven's log and
 * exceptions. A goal only says which core call to make.
 */
abstract class AbstractMeshMojo extends AbstractMojo {
    /** The config key of the {@code file} registry's root directory. */
    static final String REGISTRY_ROOT_KEY = "mesh.registry.file.root";

    private static final String WARNED_SETTINGS = "dev.meshsdk.maven.warnedSettings";

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
     * {@code .mesh/registry} in the project's folder; a relative path is relative to the project.
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

    /** This plugin's descriptor: its goals' parameters are settings it reads. */
    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping mesh:" + goal() + " (mesh.skip is true)");
            return;
        }
        warnUnknownSettings();
        List<Path> products = readsProducts() ? ProductDirectories.find(directory.toPath()) : List.of();
        QuietLibraries.apply();
        MeshSetup setup = new MeshSetup(
                goal(),
                basedir.toPath(),
                environment,
                products,
                registry,
                policyEngine,
                metricsSpec(),
                effectiveConfig());
        try {
            runGoal(setup, new SettingsSecrets(session.getSettings(), System.getenv()));
        } finally {
            QuietLibraries.preloadShutdownClasses(pluginClassLoader());
        }
    }

    /** Runs the goal in Maven's JVM: {@link #run} on a {@code Mesh} built from the setup. Data goals may fork. */
    void runGoal(MeshSetup setup, Secrets secrets) throws MojoExecutionException, MojoFailureException {
        GoalRunner.run(setup, secrets, getLog(), pluginClassLoader(), mesh -> run(mesh, setup.products()));
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

    /** The plugin's class loader: adapters users add as {@code <dependencies>} of the plugin live there. */
    ClassLoader pluginClassLoader() {
        return getClass().getClassLoader();
    }

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
        if (root != null && !root.isBlank())
            out.put(REGISTRY_ROOT_KEY, basedir.toPath().resolve(root).toString());
        out.putIfAbsent(
                REGISTRY_ROOT_KEY, basedir.toPath().resolve(".mesh/registry").toString());
        out.putIfAbsent(
                "mesh.policy.directory", directory.toPath().resolve("policies").toString());
        return out;
    }

    /**
     * Warns once per build about each {@code mesh.*} key of the POM's {@code <config>} or of the command line that
     * neither the SDK, a loaded plugin nor a goal reads: it would be ignored without a word.
     */
    private void warnUnknownSettings() {
        Map<String, String> origins = new LinkedHashMap<>();
        if (config != null) config.keySet().forEach(k -> origins.put(k, "the POM's <config>"));
        session.getUserProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("mesh."))
                .forEach(k -> origins.put(k, "-D on the command line"));
        if (origins.isEmpty()) return;
        Set<String> goalProperties = new HashSet<>();
        if (plugin != null) {
            for (MojoDescriptor mojo : plugin.getMojos()) {
                if (mojo.getParameters() == null) continue;
                for (org.apache.maven.plugin.descriptor.Parameter p : mojo.getParameters()) {
                    String e = p.getExpression();
                    if (e != null && e.startsWith("${") && e.endsWith("}"))
                        goalProperties.add(e.substring(2, e.length() - 1));
                }
            }
        }
        Set<String> warned = warnedSettings();
        for (UnknownSetting u : Mesh.unknownSettings(origins.keySet(), goalProperties, pluginClassLoader())) {
            synchronized (warned) {
                if (warned.add(u.key())) getLog().warn(u.message(origins.get(u.key())));
            }
        }
    }

    /** The keys warned about in this Maven session, so that a build running several goals warns once. */
    @SuppressWarnings("unchecked")
    private Set<String> warnedSettings() {
        var data = session.getRepositorySession().getData();
        synchronized (AbstractMeshMojo.class) {
            Object set = data.get(WARNED_SETTINGS);
            if (set == null) {
                set = new HashSet<String>();
                data.set(WARNED_SETTINGS, set);
            }
            return (Set<String>) set;
        }
    }

    /** A relative {@code csv:} directory is relative to the project, not to where Maven was started. */
    private String metricsSpec() {
        if (metrics == null || metrics.isBlank()) return null;
        String spec = metrics.trim();
        if (spec.regionMatches(true, 0, "csv:", 0, 4)) {
            return "csv:" + basedir.toPath().resolve(spec.substring(4));
        }
        return spec;
    }

    /**
     * Refuses to write a catalog or an export from a registry that holds no product for the environment:
     * that is nearly always a mistyped registry setting or environment, and an empty page would hide it.
     */
    void requireProducts(dev.meshsdk.MeshCatalog catalog) throws MojoFailureException {
        if (!catalog.products().isEmpty()) return;
        String where = registry.equals("file")
                ? "the file registry at " + effectiveConfig().get(REGISTRY_ROOT_KEY)
                : "the '" + registry + "' registry";
        throw new MojoFailureException("Cannot run mesh:" + goal() + ": " + where + " holds no product deployed to '"
                + environment + "'; check -Dmesh.registry, -Dmesh.registry.file.root and -Dmesh.environment, or"
                + " deploy a product first");
    }

    /** The product ids of {@code -Dmesh.product} ({@code <product>}), separated by commas; none when unset. */
    static List<String> productIds(String product) {
        return product == null
                ? List.of()
                : java.util.Arrays.stream(product.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    /** {@code ./mvnw} (or the wrapper's path, {@code mvn} without one) and {@code -f} as the user would type it. */
    String mavenCommand() {
        return MeshSetup.mavenCommand(Path.of(System.getProperty("user.dir", ".")), basedir.toPath());
    }

    /** The path as the user would write it: relative to the project when it is inside it. */
    String display(Path path) {
        return MeshSetup.display(basedir.toPath(), path);
    }
}

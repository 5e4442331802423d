package dev.meshsdk;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.internal.data.DataEnvironment;
import dev.meshsdk.internal.data.DataModules;
import dev.meshsdk.internal.data.DataPolicies;
import dev.meshsdk.internal.data.FilePublisher;
import dev.meshsdk.internal.data.PortChecker;
import dev.meshsdk.internal.descriptor.DescriptorLoader;
import dev.meshsdk.internal.descriptor.DescriptorUpgrader;
import dev.meshsdk.internal.descriptor.EnvironmentChecks;
import dev.meshsdk.internal.descriptor.LoadResult;
import dev.meshsdk.internal.engine.ColumnDrops;
import dev.meshsdk.internal.engine.Deployer;
import dev.meshsdk.internal.engine.EngineContext;
import dev.meshsdk.internal.engine.Governance;
import dev.meshsdk.internal.engine.InputResolution;
import dev.meshsdk.internal.engine.Ownership;
import dev.meshsdk.internal.engine.PlanCodec;
import dev.meshsdk.internal.engine.Planner;
import dev.meshsdk.internal.engine.Plugins;
import dev.meshsdk.internal.engine.PortChecks;
import dev.meshsdk.internal.usage.PlanUsage;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.registry.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The SDK's entry point: validate data product descriptors, plan a deployment, deploy it.
 *
 * <pre>{@code
 * try (Mesh mesh = Mesh.builder().baseDirectory(dir).environment("dev").build()) {
 *     DeploymentPlan plan = mesh.plan(List.of(dir.resolve("src/main/mesh")));
 *     System.out.println(plan.summary());
 *     mesh.deploy(List.of(dir.resolve("src/main/mesh")), plan);
 * }
 * }</pre>
 *
 * Adapters, registries and engines come from {@link MeshPlugin}s found with {@link ServiceLoader}. A
 * {@code Mesh} is not thread-safe; build one per build or job.
 */
public final class Mesh implements AutoCloseable {
    private static final String EMBEDDED_POLICY_ENGINE = "rego";
    private final AdapterContext context;
    private final Plugins plugins;
    private final MeshListener listener;
    private final String registryName;
    private final String policyEngineName;
    private final String user;
    private Registry registry;
    private PolicyEngine policyEngine;
    /** Access the policies withheld when the products were last checked for a deploy, by product id. */
    private Map<String, List<dev.meshsdk.spi.policy.WithheldAccess>> withheld = Map.of();
    /** The warnings already reported to the listener. */
    private final java.util.Set<dev.meshsdk.diag.Diagnostic> warned = new java.util.HashSet<>();

    private Mesh(Builder b) {
        this.context = new AdapterContext(b.environment, b.baseDirectory, b.config, b.secrets, b.metrics, b.clock);
        this.plugins = new Plugins(b.plugins != null ? b.plugins : discover(b.classLoader));
        this.listener = b.listener;
        this.registryName = b.registry;
        this.policyEngineName = b.policyEngine;
        this.user = b.user;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The environment this instance deploys to. */
    public String environment() {
        return context.environment();
    }

    /** The metrics this instance reports to. */
    public MetricRegistry metrics() {
        return context.metrics();
    }

    /**
     * The products a folder holds: the folder itself when it has a {@code product.yaml}, else each immediate
     * subfolder that has one, in name order (empty when none). Every method taking product directories also
     * takes such a folder ({@code src/main/mesh}).
     */
    public static List<Path> productDirectories(Path folder) {
        return DescriptorLoader.productDirectories(folder);
    }

    /**
     * Plans the upgrade of the products and contracts of product directories (or of a folder holding them) to
     * the newest ODPS and ODCS versions the SDK supports; reads only. Files already at the newest version are
     * not in the plan. The upgrade edits the text: comments, blank lines, key order and quoting are kept, except
     * that a moved block (a {@code team} list put under {@code members}) is indented two more spaces and a
     * removed key's line goes with its trailing comment. A file whose upgraded text would not validate against
     * the newest schema is in the plan with its problems and is never written.
     */
    public static UpgradePlan planUpgrade(List<Path> productDirectories) {
        return new DescriptorUpgrader().plan(productDirectories);
    }

    /**
     * Writes the writable files of an upgrade plan, each atomically.
     *
     * @throws MeshException {@link ErrorCode#STALE_PLAN}, before writing anything, when a file changed since the
     *                       plan was computed; {@link ErrorCode#STORAGE_FAILURE} when a file cannot be written
     */
    public static void applyUpgrade(UpgradePlan plan) {
        new DescriptorUpgrader().apply(plan);
    }

    /**
     * Validates product directories (each holds {@code product.yaml} and {@code contracts/}) together,
     * collecting every problem, including what each port's storage adapter can tell from the contract without
     * connecting ({@link dev.meshsdk.spi.storage.SupportsPortCheck}). Never throws for bad descriptors.
     */
    public ValidationReport validate(List<Path> productDirectories) {
        // nothing here records or compares a product, so its files are not hashed
        LoadResult result =
                phase("validate", () -> new DescriptorLoader(plugins.serverTypes()).load(productDirectories, false));
        if (result.report().hasErrors()) return result.report();
        ValidationReport report =
                result.report().plus(new ValidationReport(EnvironmentChecks.check(result.products(), environment())));
        if (report.hasErrors()) return report;
        report = report.plus(new ValidationReport(
                new Ownership(environment(), () -> registry().catalog(), context.config()).check(result.products())));
        report = report.plus(new ValidationReport(new PortChecks(engine()).check(result.products())));
        report = report.plus(new ValidationReport(new InputResolution(environment(), this::registry, context.clock())
                .resolve(result.products())
                .diagnostics()));
        return report.plus(governance(result.products(), "validate"));
    }

    /**
     * The catalog of this instance's environment, read from the registry: search, products with their
     * owners, ports, schema and quality, lineage, and port bindings for jobs that read other teams' data.
     */
    public MeshCatalog catalog() {
        return new MeshCatalog(this::registry, environment(), new DescriptorLoader(plugins.serverTypes()));
    }

    // ---- the data side: publish and check (issue 12) -------------------------------------------

    /**
     * Publishes a file (CSV with a header line, JSON lines or Parquet, told by its name) into the only table of
     * a deployed output port, with write-audit-publish: its columns are matched to the contract by name, the
     * contract's rules of that table run on the rows the table will hold (its rows; appending, the table's rows with
     * its rows), the policies judge a sample of its rows (event
     * {@code publish}, with the {@code detected} section of {@link #classify}'s detectors, against the product as
     * deployed; nothing is sampled without a policy engine), and only when no blocking rule fails and no policy
     * denies are they committed, in one transaction ({@code REPLACE} swaps the table's rows, {@code APPEND} adds to them). The
     * publish is recorded in the registry's quality history (source {@code publish}).
     *
     * @throws MeshException {@code NOT_FOUND} when the product or port is not deployed; {@code INVALID_INPUT}
     *     for a file that does not match the contract (missing and unknown columns named) or a bad row
     *     ({@code file:line:column}, never the value); {@code ADAPTER_NOT_FOUND} naming the module to add;
     *     {@link dev.meshsdk.spi.quality.PublishBlockedException} naming each failed blocking rule, its measured
     *     value and the file; {@code POLICY_DENIED} naming the file and each denial (column, what it looks like,
     *     the share of sampled values). On every failure nothing was published: the port is as it was.
     */
    public PublishReport publish(String productId, String port, Path file, PublishRequest.Mode mode) {
        return publish(productId, port, null, file, null, mode);
    }

    /** As {@link #publish(String, String, Path, PublishRequest.Mode)}, into schema object {@code object} of a port with several. */
    public PublishReport publish(String productId, String port, String object, Path file, PublishRequest.Mode mode) {
        return publish(productId, port, Objects.requireNonNull(object, "object"), file, null, mode);
    }

    /**
     * The general form: {@code object} null for the port's only table, {@code format} null to tell it from the
     * file's name ({@code .csv}, {@code .jsonl}/{@code .ndjson}/{@code .json}, {@code .parquet}).
     */
    public PublishReport publish(
            String productId,
            String port,
            String object,
            Path file,
            PublishRequest.FileFormat format,
            PublishRequest.Mode mode) {
        return new FilePublisher(dataEnvironment()).publish(productId, port, object, file, format, mode);
    }

    /**
     * Checks deployed output ports (every live contract major version): every quality rule of the contract
     * through the quality engine serving the port, the freshness against the contract's {@code latency} and
     * {@code frequency} SLA, and each table's row count against the previous check's
     * ({@code mesh.check.maxRowChange}, default 0.5: +-50%), and, when a policy engine is loaded, the policies on a
     * sample of each table (event {@code check}, with the {@code detected} section, against the product as
     * deployed): each denial is a failed result of kind {@code POLICY}. Each port's results are recorded in the registry
     * (source {@code check}), where {@link MeshCatalog#quality} shows them. Never throws for failed rules: the
     * report decides ({@link CheckReport#passed()}).
     *
     * @throws MeshException {@code NOT_FOUND} when a product asked for is not deployed to the environment
     */
    public CheckReport check(CheckRequest request) {
        Objects.requireNonNull(request, "request");
        return new PortChecker(dataEnvironment()).check(request);
    }

    private DataEnvironment dataEnvironment() {
        MeshCatalog catalog = catalog();
        PolicyEngine engine = policyEngine();
        DataPolicies policies = engine == null
                ? null
                : new DataPolicies(
                        new Governance(engine, this::registry, environment()),
                        new dev.meshsdk.internal.data.Classifier(context, plugins),
                        catalog);
        return new DataEnvironment(
                context, catalog, new DataModules(plugins, context), this::registry, listener, policies, user);
    }

    /** Validates one standalone ODPS or ODCS file. */
    public ValidationReport validateDocument(Path file) {
        return new DescriptorLoader(plugins.serverTypes()).loadDocument(file).report();
    }

    /** Loads and validates product directories; throws {@link ValidationException} listing every error. */
    public List<ProductSource> products(List<Path> productDirectories) {
        LoadResult result = load(productDirectories);
        ValidationReport report = result.report();
        if (!report.hasErrors()) {
            report = report.plus(new ValidationReport(EnvironmentChecks.check(result.products(), environment())));
        }
        if (!report.hasErrors()) report = report.plus(governance(result.products(), "deploy"));
        warn(report);
        if (report.hasErrors()) throw new ValidationException(report);
        return result.products();
    }

    /**
     * Validates the products and plans their deployment. No side effects.
     *
     * @throws PlanRefusedException when the policies refuse the plan: why, and the plan they refused
     */
    public DeploymentPlan plan(List<Path> productDirectories) {
        List<ProductSource> products = products(productDirectories);
        DeploymentPlan planned = phase("plan", () -> new Planner(engine()).plan(products));
        PlanUsage usage = planUsage(planned);
        return checkPlan(products, usage.annotate(planned), usage);
    }

    /** Plans and deploys in one step. */
    public DeploymentResult deploy(List<Path> productDirectories) {
        List<ProductSource> products = products(productDirectories);
        DeploymentPlan planned = phase("plan", () -> new Planner(engine()).plan(products));
        DeploymentPlan plan = checkPlan(products, planned, planUsage(planned));
        return phase("deploy", () -> new Deployer(engine()).deploy(products, plan));
    }

    /**
     * Deploys a plan made earlier (perhaps saved with {@link #writePlan}). Refuses it, changing nothing,
     * when the descriptors, the registry or any port's home moved since it was made.
     */
    public DeploymentResult deploy(List<Path> productDirectories, DeploymentPlan plan) {
        Objects.requireNonNull(plan, "plan");
        List<ProductSource> products = products(productDirectories);
        DeploymentPlan judged = checkPlan(products, plan, planUsage(plan));
        return phase("deploy", () -> new Deployer(engine()).deploy(products, judged));
    }

    /** The registry, opened on first use. */
    public Registry registry() {
        if (registry == null) registry = plugins.registry(registryName, context);
        return registry;
    }

    public static void writePlan(DeploymentPlan plan, Path file) {
        PlanCodec.write(plan, file);
    }

    public static DeploymentPlan readPlan(Path file) {
        return PlanCodec.read(file);
    }

    public static String toJson(DeploymentPlan plan) {
        return PlanCodec.toJson(plan);
    }

    @Override
    public void close() {
        try {
            plugins.close();
        } finally {
            try {
                if (policyEngine != null) policyEngine.close();
            } finally {
                if (registry != null) registry.close();
            }
        }
    }

    // ---- data subjects: forget and classify (issue 12) ---------------------------------------------------

    /**
     * Erases one data subject from every product of this environment that the registry's catalog lists
     * (not only this build's) whose contracts mark a subject key of {@code subjectType}: in every contract
     * major version of each port, on every store, products downstream included when they mark the key. Each
     * port's erasure is purged where the store allows it (Delta: files rewritten and vacuumed within the
     * table's retention; PostgreSQL and Redshift: VACUUM) and recorded in the registry's erasure log as a
     * receipt that identifies the subject by a keyed hash (secret {@code mesh-erasure-key}), never by value.
     * A port that fails does not stop the others; running forget again finishes what failed and deletes
     * nothing twice. Downstream columns named like the key but not marked come back as warnings.
     *
     * @param subject     the subject's value in its subject-key columns; personal data, never logged or kept
     * @param subjectType the kind of subject ({@code customer}); null for {@code default}, what
     *                    {@code subjectKey: true} marks
     * @throws MeshException {@code NOT_FOUND} for a type no contract marks (the message lists the known ones),
     *                       {@code INVALID_CONFIGURATION} without a key to hash subjects with,
     *                       {@code REGISTRY_FAILURE} when a receipt cannot be kept (the message says what was erased)
     */
    public ForgetResult forget(String subject, String subjectType) {
        return phase("forget", () -> new dev.meshsdk.internal.data.Forgetting(
                        context, plugins, registry().erasures(), catalog(), listener, user)
                .forget(subject, subjectType));
    }

    /**
     * Samples the output ports of the given products (every product of this environment's catalog when none
     * is given) and reports the columns their contracts do not classify as personal whose values look like
     * personal data: e-mail addresses, phone numbers, IBANs, card numbers, IP addresses, dates of birth, names.
     * Reads only. Findings carry shares and counts, never values.
     *
     * @throws MeshException {@code NOT_FOUND} for a product id the catalog does not list
     */
    public ClassifyResult classify(List<String> productIds) {
        return phase("classify", () -> new dev.meshsdk.internal.data.Classifier(context, plugins)
                .classify(catalog(), productIds == null ? List.of() : productIds));
    }

    /** {@link #classify(List)} of every product of this environment. */
    public ClassifyResult classify() {
        return classify(List.of());
    }

    // ---- usage (issue 14) ---------------------------------------------------------------------------------

    /**
     * Collects who read the tables of every product of this environment's catalog (not only this build's): each
     * table goes to the usage collector serving its store, and what each product's collectors saw is recorded in
     * the registry's usage history per port and day, diffed with the previous collection so that collecting
     * twice counts nothing twice. A store that cannot be observed in part (a missing extension or privilege, no
     * collector) is a warning in the result; one that cannot be read at all (a failed login) makes the result
     * {@link UsageCollectResult#failed() failed}, after the others are collected and recorded.
     *
     * @throws MeshException {@code UNSUPPORTED} when the registry keeps no usage history
     */
    public UsageCollectResult collectUsage() {
        return phase("usage-collect", () -> new dev.meshsdk.internal.usage.UsageCollecting(
                        context,
                        plugins.usageCollectors(),
                        catalog(),
                        registry().usage())
                .collect());
    }

    /**
     * The usage report of this environment from the registry's usage history: per product and port the reads
     * over 7, 30 and 90 days, readers and last read; and the ports nobody read in {@code unusedDays} days with
     * their owners, biggest first. Reads the registry only.
     *
     * @throws MeshException {@code UNSUPPORTED} when the registry keeps no usage history
     */
    public UsageReport usage(int unusedDays) {
        return usage(unusedDays, List.of());
    }

    /**
     * The usage report of {@link #usage(int)}, of the products {@code productIds} only (every product when empty):
     * their ports, unused ports, and the consumers where they produce or consume.
     *
     * @throws MeshException {@code NOT_FOUND} when one of {@code productIds} is not deployed to the environment (the
     *     message names the nearest deployed id), {@code UNSUPPORTED} when the registry keeps no usage history
     */
    public UsageReport usage(int unusedDays, List<String> productIds) {
        return phase("usage", () -> catalog()
                .usage(dev.meshsdk.spi.registry.UsageRollup.day(context.clock().instant()), unusedDays, productIds));
    }

    /**
     * Policy findings for the products, from the policy engine chosen with {@link Builder#policyEngine} or
     * the {@code mesh.policy.engine} setting; by default the embedded {@code rego} engine when loaded, else
     * the only one loaded, none when none is loaded.
     */
    private ValidationReport governance(List<ProductSource> products, String event) {
        PolicyEngine engine = policyEngine();
        if (engine == null) return ValidationReport.empty();
        Governance governance = new Governance(engine, this::registry, environment());
        ValidationReport report = phase("policy", () -> new ValidationReport(governance.evaluate(products, event)));
        withheld = governance.withheld();
        return report;
    }

    /** The chosen policy engine, created on first use; null when policies are off or none is loaded. */
    private PolicyEngine policyEngine() {
        String name = policyEngineName != null
                ? policyEngineName
                : context.setting("mesh.policy.engine").orElse(null);
        if (name == null) {
            java.util.Set<String> loaded = plugins.policyEngineNames();
            if (loaded.isEmpty()) return null;
            name = loaded.contains(EMBEDDED_POLICY_ENGINE)
                    ? EMBEDDED_POLICY_ENGINE
                    : loaded.size() == 1 ? loaded.iterator().next() : null;
            if (name == null) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot choose a policy engine: " + loaded
                                + " are loaded; choose one with mesh.policy.engine (or 'none')");
            }
        }
        if (name.equals("none")) return null;
        if (policyEngine == null) policyEngine = plugins.policyEngine(name).create(context);
        return policyEngine;
    }

    /**
     * Lets the policies judge the planned changes (event {@code plan}); throws {@link ValidationException}
     * when one denies them, before anything is applied. Returns the plan as judged: a column is dropped only where
     * the policies allow it now ({@link ColumnDrops}); with policies off every dropped column is refused.
     */
    private DeploymentPlan checkPlan(List<ProductSource> products, DeploymentPlan plan, PlanUsage usage) {
        DeploymentPlan refused = ColumnDrops.asRefused(plan);
        PolicyEngine engine = policyEngine();
        if (engine == null) return refused;
        Governance.PlanVerdict verdict = phase("policy", () -> new Governance(engine, this::registry, environment())
                .evaluatePlan(products, refused, usage));
        ValidationReport report = new ValidationReport(verdict.diagnostics());
        warn(report);
        if (report.hasErrors()) throw new PlanRefusedException(report, plan);
        return ColumnDrops.allow(refused, verdict.allowedDrops());
    }

    /** How the ports of {@code plan} were read, from the registry's usage history as of today. */
    private PlanUsage planUsage(DeploymentPlan plan) {
        return PlanUsage.read(
                registry(),
                environment(),
                plan.products().stream().map(ProductPlan::productId).toList(),
                dev.meshsdk.spi.registry.UsageRollup.day(context.clock().instant()),
                catalog()::deployed);
    }

    /** Reports each warning once, however many phases (descriptors, policies on products and on the plan) find it. */
    private void warn(ValidationReport report) {
        report.warnings().forEach(w -> emitOnce(new MeshEvent.Warning(w)));
    }

    private LoadResult load(List<Path> dirs) {
        return phase("validate", () -> new DescriptorLoader(plugins.serverTypes()).load(dirs));
    }

    /** The engine emits the warnings it finds (an input port reading a deprecated version) each time it resolves. */
    private EngineContext engine() {
        Supplier<Registry> reg = this::registry;
        return new EngineContext(context, plugins, reg, this::emitOnce, user, withheld);
    }

    /** A warning reaches the listener once per Mesh, however many phases find it (plan, then deploy). */
    private void emitOnce(MeshEvent event) {
        if (event instanceof MeshEvent.Warning w && !warned.add(w.diagnostic())) return;
        listener.onEvent(event);
    }

    private <T> T phase(String name, Supplier<T> work) {
        Timer.Context t = context.metrics().timer("mesh.phase." + name).time();
        try {
            return work.get();
        } finally {
            listener.onEvent(new MeshEvent.PhaseFinished(name, Duration.ofNanos(t.stop())));
        }
    }

    /**
     * The {@code mesh.*} setting keys among {@code keys} that neither the SDK nor a plugin {@code loader} sees
     * reads, in key order, each with the nearest known key. Each module declares the keys it reads in its
     * {@code META-INF/dev.meshsdk/setting-keys}; {@code alsoKnown} adds keys read elsewhere (a build tool's own
     * parameters). A check only: nothing is refused.
     */
    public static List<UnknownSetting> unknownSettings(
            Collection<String> keys, Collection<String> alsoKnown, ClassLoader loader) {
        return dev.meshsdk.internal.engine.SettingKeys.load(loader, alsoKnown).unknown(keys);
    }

    private static List<MeshPlugin> discover(ClassLoader loader) {
        List<MeshPlugin> found = new ArrayList<>();
        ServiceLoader.load(MeshPlugin.class, loader).forEach(found::add);
        return found;
    }

    /** Configures a {@link Mesh}. Every setting has a default; {@code baseDirectory} is the working directory. */
    public static final class Builder {
        private Path baseDirectory = Path.of("").toAbsolutePath();
        private String environment = "dev";
        private Map<String, String> config = Map.of();
        private Secrets secrets = Secrets.none();
        private MetricRegistry metrics = new MetricRegistry();
        private MeshListener listener = MeshListener.none();
        private Clock clock = Clock.systemUTC();
        private String registry = "file";
        private String policyEngine;
        private String user = System.getProperty("user.name", "unknown");
        private List<MeshPlugin> plugins;
        private ClassLoader classLoader = Mesh.class.getClassLoader();

        private Builder() {}

        /** The directory relative paths in descriptors and settings resolve against. */
        public Builder baseDirectory(Path dir) {
            this.baseDirectory = Objects.requireNonNull(dir, "baseDirectory").toAbsolutePath();
            return this;
        }

        /** The environment to deploy to, matched against contract servers' {@code environment}. Default {@code dev}. */
        public Builder environment(String environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Settings for adapters and registries ({@code mesh.<name>.<key>}). */
        public Builder config(Map<String, String> config) {
            this.config = Map.copyOf(config);
            return this;
        }

        public Builder secrets(Secrets secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        public Builder metrics(MetricRegistry metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Builder listener(MeshListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The registry to use, by name. Default {@code file} (from mesh-storage-local). */
        public Builder registry(String name) {
            this.registry = Objects.requireNonNull(name, "registry");
            return this;
        }

        /**
         * The policy engine to evaluate governance with, by name; {@code none} turns policies off. Default:
         * the {@code mesh.policy.engine} setting, else the embedded {@code rego} engine when loaded, else the
         * only policy engine loaded, else none.
         */
        public Builder policyEngine(String name) {
            this.policyEngine = Objects.requireNonNull(name, "policyEngine");
            return this;
        }

        /** Who deploys, recorded in the history and lock. Default the {@code user.name} system property. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** Uses exactly these plugins instead of the ones {@link ServiceLoader} finds. */
        public Builder plugins(List<MeshPlugin> plugins) {
            this.plugins = List.copyOf(plugins);
            return this;
        }

        /** The class loader to find plugins with. Default the SDK's own. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "classLoader");
            return this;
        }

        public Mesh build() {
            return new Mesh(this);
        }
    }
}

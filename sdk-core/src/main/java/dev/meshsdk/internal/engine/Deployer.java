package dev.meshsdk.internal.engine;

import dev.meshsdk.DeploymentResult;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.model.DataProduct;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.SupportsDropTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Applies a plan. Before touching anything it checks the whole plan: the environment, refused changes,
 * and that every product's descriptors are the ones planned. Then, product by product in plan order, it
 * takes the product's lock, checks the registry and every port's home against the state the plan saw
 * (a moved state is a stale plan), applies the changes and records the deployment in the history.
 */
public final class Deployer {
    private final EngineContext context;

    public Deployer(EngineContext context) {
        this.context = context;
    }

    public DeploymentResult deploy(List<ProductSource> products, DeploymentPlan plan) {
        checkWholePlan(products, plan);
        InputResolution.Result inputs =
                new InputResolution(context.environment(), context.registry(), context.clock()).resolve(products);
        List<dev.meshsdk.diag.Diagnostic> problems = new ArrayList<>(context.warnAndKeepErrors(inputs.diagnostics()));
        problems.addAll(new Ownership(
                        context.environment(),
                        () -> context.registry().get().catalog(),
                        context.adapterContext().config())
                .check(products));
        if (problems.stream().anyMatch(d -> d.isError())) {
            throw new dev.meshsdk.ValidationException(new dev.meshsdk.diag.ValidationReport(problems));
        }
        Map<String, ProductSource> sources =
                products.stream().collect(Collectors.toMap(p -> p.product().id(), p -> p));
        List<DeploymentResult.ProductResult> results = new ArrayList<>();
        int index = 0;
        for (ProductPlan productPlan : plan.products()) {
            index++;
            context.emit(new MeshEvent.ProductStarted(
                    productPlan.productId(), index, plan.products().size()));
            Instant start = context.clock().instant();
            // a product whose catalog entry is gone (a corrupt registry file deleted) is recorded again
            boolean record = productPlan.hasChanges()
                    || context.registry()
                            .get()
                            .catalog()
                            .entry(productPlan.productId(), context.environment())
                            .isEmpty();
            List<Change> applied = record
                    ? deployProduct(
                            sources.get(productPlan.productId()), productPlan, inputs.of(productPlan.productId()))
                    : List.of();
            Duration took = Duration.between(start, context.clock().instant());
            context.emit(new MeshEvent.ProductFinished(productPlan.productId(), productPlan.hasChanges(), took));
            results.add(new DeploymentResult.ProductResult(
                    productPlan.productId(), productPlan.hasChanges(), applied, took));
        }
        return new DeploymentResult(plan.environment(), results);
    }

    private void checkWholePlan(List<ProductSource> products, DeploymentPlan plan) {
        if (!plan.environment().equals(context.environment())) {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot deploy a plan made for environment '"
                            + plan.environment() + "' to environment '" + context.environment()
                            + "'; plan again with -Dmesh.environment=" + context.environment());
        }
        if (!plan.refusals().isEmpty()) {
            throw new MeshException(
                    ErrorCode.PLAN_REFUSED,
                    "Cannot deploy: the plan holds "
                            + plan.refusals().size() + " refused change(s):" + System.lineSeparator()
                            + plan.refusals().stream()
                                    .map(r -> "  ! " + r.summary())
                                    .collect(Collectors.joining(System.lineSeparator())));
        }
        Map<String, String> checksums = new HashMap<>();
        products.forEach(p -> checksums.put(p.product().id(), p.checksum()));
        for (ProductPlan p : plan.products()) {
            String now = checksums.get(p.productId());
            if (now == null) {
                throw stale(p.productId(), "the product is no longer among the descriptors");
            }
            if (!now.equals(p.checksum())) {
                throw stale(p.productId(), "its descriptors changed since the plan was made");
            }
        }
    }

    private List<Change> deployProduct(ProductSource source, ProductPlan productPlan, List<CatalogEntry.Input> inputs) {
        String env = context.environment();
        Registry registry = context.registry().get();
        Instant started = context.clock().instant();
        List<Change> applied = new ArrayList<>();
        try (DeployLock ignored = registry.locks().lock(productPlan.productId(), env, lockHolder(context.user()))) {
            String deployed = registry.deployments()
                    .current(productPlan.productId(), env)
                    .map(DeploymentRecord::checksum)
                    .orElse(null);
            if (!Objects.equals(deployed, productPlan.deployedChecksum())) {
                throw stale(productPlan.productId(), "another deployment was recorded since the plan was made");
            }
            Map<String, PortBinding> bindings = new HashMap<>();
            List<PortBinding> built = new ArrayList<>();
            for (Bindings.Located located :
                    Bindings.of(source, env, context.withheld(source.product().id()))) {
                if (located.binding() != null) bindings.put(key(located.binding()), located.binding());
                if (located.binding() != null) built.add(located.binding());
            }
            CatalogEntry previous =
                    registry.catalog().entry(productPlan.productId(), env).orElse(null);
            Retirements retirements = new Retirements(context);
            List<PortBinding> ordered = new ArrayList<>();
            List<CatalogEntries.Deployed> deployedPorts = new ArrayList<>();
            for (PortPlan port : productPlan.ports()) {
                PortBinding binding = olderVersion(port, built)
                        ? olderBinding(retirements, previous, port, productPlan.productId())
                        : bindings.get(port.contractId() + "|" + port.server() + "|" + port.port());
                if (binding == null) throw stale(productPlan.productId(), "port '" + port.port() + "' is gone");
                StorageAdapter adapter = context.plugins().storage(port.serverType(), context.adapterContext());
                String seen = context.timed(metric(port, "inspect"), () -> adapter.inspect(binding))
                        .fingerprint();
                if (!seen.equals(port.observed().fingerprint())) {
                    throw stale(
                            productPlan.productId(),
                            "the home of port '" + port.port() + "' at " + port.address()
                                    + " changed since the plan was made");
                }
                for (Change change : port.changes()) {
                    if (change instanceof Change.DropTable drop)
                        checkUnread(retirements, productPlan.productId(), binding, drop);
                }
                ordered.add(binding);
                if (!olderVersion(port, built)) {
                    deployedPorts.add(new CatalogEntries.Deployed(
                            port, binding, adapter, context.adapterContext().baseDirectory()));
                }
            }
            java.util.Set<String> dropped = new java.util.HashSet<>();
            try {
                for (int i = 0; i < ordered.size(); i++) {
                    PortPlan port = productPlan.ports().get(i);
                    PortBinding binding = ordered.get(i);
                    StorageAdapter adapter = context.plugins().storage(port.serverType(), context.adapterContext());
                    for (Change change : port.changes()) {
                        if (change instanceof Change.KeepTable) continue;
                        Instant t0 = context.clock().instant();
                        if (change instanceof Change.DropTable drop) {
                            drop(binding, adapter, drop);
                            dropped.add(port.port() + "|" + drop.majorVersion());
                        } else if (!Retirements.catalogOnly(change)) {
                            context.timed(metric(port, "apply"), () -> adapter.apply(binding, change));
                        }
                        applied.add(change);
                        context.metrics().counter("mesh.deploy.changes").inc();
                        context.emit(new MeshEvent.ChangeApplied(
                                productPlan.productId(),
                                port.port(),
                                change,
                                Duration.between(t0, context.clock().instant())));
                    }
                }
            } catch (RuntimeException e) {
                try {
                    registry.deployments()
                            .record(
                                    record(source, started, DeploymentRecord.Outcome.FAILED, applied, e.getMessage()),
                                    null);
                } catch (RuntimeException unrecorded) {
                    // the store's failure is what the user must see; the registry's comes second
                    e.addSuppressed(unrecorded);
                    throw new MeshException(
                            e instanceof MeshException m ? m.code() : ErrorCode.STORAGE_FAILURE,
                            e.getMessage() + " (this failed deployment could not be recorded in the registry either: "
                                    + unrecorded.getMessage() + "; its history lacks this attempt)",
                            e);
                }
                throw e;
            }
            registry.deployments()
                    .record(
                            record(source, started, DeploymentRecord.Outcome.SUCCEEDED, applied, null),
                            CatalogEntries.of(
                                    source,
                                    env,
                                    deployedPorts,
                                    previous,
                                    inputs,
                                    dropped,
                                    context.clock().instant()));
        }
        return applied;
    }

    /** Whether a port plan is for another major version than the one the build deploys of the port. */
    private static boolean olderVersion(PortPlan port, List<PortBinding> built) {
        int major = PortBinding.majorOf(port.contractVersion());
        return built.stream().anyMatch(b -> b.port().name().equals(port.port()))
                && built.stream()
                        .noneMatch(b -> b.port().name().equals(port.port()) && b.contractMajorVersion() == major);
    }

    private PortBinding olderBinding(Retirements retirements, CatalogEntry previous, PortPlan port, String productId) {
        int major = PortBinding.majorOf(port.contractVersion());
        CatalogEntry.Port old = previous == null
                ? null
                : previous.outputPorts().stream()
                        .filter(p -> p.name().equals(port.port()) && p.majorVersion() == major)
                        .findFirst()
                        .orElse(null);
        if (old == null)
            throw stale(productId, "version " + major + " of port '" + port.port() + "' is no longer in the catalog");
        return retirements.binding(previous, old);
    }

    /**
     * Reads the registry again before a retired version's table is dropped: a consumer that registered since the
     * plan was made, or a registry that cannot be read, stops the deployment before anything is applied.
     */
    private void checkUnread(Retirements retirements, String productId, PortBinding binding, Change.DropTable drop) {
        List<dev.meshsdk.Lineage.Edge> readers;
        try {
            readers = retirements.readers(productId, binding.port().name(), drop.majorVersion());
        } catch (RuntimeException e) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot drop table " + drop.target() + " of retired '"
                            + binding.port().name() + "' v" + drop.majorVersion()
                            + ": the registry's catalog could not be read"
                            + " to tell whether a consumer still reads it; nothing was dropped; deploy again once it can be read",
                    e);
        }
        if (!readers.isEmpty()) {
            throw stale(
                    productId,
                    "table " + drop.target() + " of retired '" + binding.port().name() + "' v" + drop.majorVersion()
                            + " is read again, by " + Retirements.describe(readers) + "; it was not dropped");
        }
    }

    private void drop(PortBinding binding, StorageAdapter adapter, Change.DropTable drop) {
        if (!(adapter instanceof SupportsDropTable tables)) {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot drop table " + drop.target() + ": the '"
                            + binding.server().type() + "' storage adapter does not support dropping tables");
        }
        context.timed("mesh.deploy.drop", () -> tables.dropTable(binding, drop.target()));
    }

    private static String key(PortBinding b) {
        return b.contract().id() + "|" + b.server().server() + "|" + b.port().name();
    }

    private String metric(PortPlan port, String op) {
        return "mesh.adapter." + context.plugins().storageName(port.serverType()) + "." + op;
    }

    private DeploymentRecord record(
            ProductSource source, Instant at, DeploymentRecord.Outcome outcome, List<Change> applied, String message) {
        DataProduct p = source.product();
        return new DeploymentRecord(
                p.id(),
                p.version(),
                context.environment(),
                source.checksum(),
                at,
                context.user(),
                outcome,
                applied.stream().map(c -> c.symbol() + " " + c.summary()).toList(),
                message);
    }

    private static MeshException stale(String productId, String why) {
        return new MeshException(
                ErrorCode.STALE_PLAN,
                "Cannot deploy product '" + productId + "' from this plan: " + why + "; run mesh:plan again");
    }

    /**
     * Who holds a deploy lock, as a second deploy is told: the user, the host and the process, so that a stuck
     * lock can be traced to its build ({@code alice on ci-41, process 8812}). An append holds it too
     * ({@code FilePublisher}).
     */
    public static String lockHolder(String user) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "an unknown host");
        }
        return user + " on " + host + ", process " + ProcessHandle.current().pid();
    }
}

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
import java.util.function.Function;
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
        Retirements retirements = new Retirements(context, inputs.inputs());
        List<DeploymentResult.ProductResult> results = new ArrayList<>();
        List<Resume> resumes = new ArrayList<>();
        int index = 0;
        for (ProductPlan productPlan : plan.products()) {
            index++;
            Map<String, List<CatalogEntry.Input>> later = new HashMap<>();
            plan.products().stream().skip(index).forEach(p -> later.put(p.productId(), inputs.of(p.productId())));
            context.emit(new MeshEvent.ProductStarted(
                    productPlan.productId(), index, plan.products().size()));
            productPlan.inputMoves().forEach(m -> context.emit(new MeshEvent.InputMoved(productPlan.productId(), m)));
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
                            sources.get(productPlan.productId()),
                            productPlan,
                            inputs.of(productPlan.productId()),
                            new Holds(retirements, later, resumes))
                    : List.of();
            if (!record) {
                // an up-to-date product still says what it keeps, as its plan does
                productPlan.ports().forEach(port -> port.changes().stream()
                        .filter(c -> c instanceof Change.KeepTable)
                        .forEach(c ->
                                context.emit(new MeshEvent.ChangeHeld(productPlan.productId(), port.port(), c, null))));
            }
            Duration took = Duration.between(start, context.clock().instant());
            context.emit(new MeshEvent.ProductFinished(productPlan.productId(), productPlan.hasChanges(), took));
            results.add(new DeploymentResult.ProductResult(
                    productPlan.productId(), productPlan.hasChanges(), applied, took));
        }
        for (Resume resume : resumes) {
            Instant start = context.clock().instant();
            List<Change> dropped = resume(resume);
            for (int i = 0; i < results.size(); i++) {
                DeploymentResult.ProductResult r = results.get(i);
                if (!r.productId().equals(resume.source().product().id())) continue;
                List<Change> all = new ArrayList<>(r.applied());
                all.addAll(dropped);
                results.set(
                        i,
                        new DeploymentResult.ProductResult(
                                r.productId(),
                                r.changed(),
                                all,
                                r.took()
                                        .plus(Duration.between(
                                                start, context.clock().instant()))));
            }
        }
        return new DeploymentResult(plan.environment(), results);
    }

    /**
     * Where a product's deploy puts the drops it holds: a retired version's table that consumers later in the plan
     * still read in the registry, and that they move off in this plan.
     *
     * @param later the resolved input ports of the products deployed after this one, by product id
     */
    private record Holds(Retirements retirements, Map<String, List<CatalogEntry.Input>> later, List<Resume> resumes) {}

    /** A drop held until the consumers moving off its version are deployed. */
    private record Held(
            PortPlan port, PortBinding binding, StorageAdapter adapter, Change.DropTable drop, List<String> until) {}

    /**
     * The drops a product held, applied once the products after it are deployed, and how its catalog entry is built
     * again without the versions they drop.
     */
    private record Resume(
            ProductSource source, List<Held> drops, Function<java.util.Set<String>, CatalogEntry> entry) {}

    /**
     * Applies the drops a product held, under its lock again, reading the registry again: a consumer that did not
     * move (its deploy failed or was stale) still reads the version, and the drop stops as stale with nothing
     * dropped. Records the drops as a deployment of the product, and its catalog entry without the dropped versions.
     */
    private List<Change> resume(Resume resume) {
        String productId = resume.source().product().id();
        String env = context.environment();
        Registry registry = context.registry().get();
        Instant started = context.clock().instant();
        context.emit(new MeshEvent.HeldDropsStarted(productId));
        List<Change> applied = new ArrayList<>();
        try (DeployLock ignored = registry.locks().lock(productId, env, lockHolder(context.user()))) {
            String deployed = registry.deployments()
                    .current(productId, env)
                    .map(DeploymentRecord::checksum)
                    .orElse(null);
            if (!Objects.equals(deployed, resume.source().checksum())) {
                throw stale(productId, "another deployment was recorded while its consumers deployed");
            }
            // no product is left to move (Map.of()): a reader now stops the drop as stale
            resume.drops().forEach(h -> checkUnread(productId, h.binding(), h.drop(), Map.of()));
            java.util.Set<String> dropped = new java.util.HashSet<>();
            try {
                for (Held held : resume.drops()) {
                    Instant t0 = context.clock().instant();
                    drop(held.binding(), held.adapter(), held.drop());
                    dropped.add(held.port().port() + "|" + held.drop().majorVersion());
                    applied.add(held.drop());
                    context.metrics().counter("mesh.deploy.changes").inc();
                    context.emit(new MeshEvent.ChangeApplied(
                            productId,
                            held.port().port(),
                            held.drop(),
                            Duration.between(t0, context.clock().instant())));
                }
            } catch (RuntimeException e) {
                throw recordFailure(registry, resume.source(), started, applied, e);
            }
            registry.deployments()
                    .record(
                            record(resume.source(), started, DeploymentRecord.Outcome.SUCCEEDED, applied, null),
                            resume.entry().apply(dropped));
        }
        return applied;
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

    private List<Change> deployProduct(
            ProductSource source, ProductPlan productPlan, List<CatalogEntry.Input> inputs, Holds holds) {
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
            Retirements retirements = holds.retirements();
            List<Held> held = new ArrayList<>();
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
                    if (!(change instanceof Change.DropTable drop)) continue;
                    List<String> until = checkUnread(productPlan.productId(), binding, drop, holds.later());
                    if (!until.isEmpty()) held.add(new Held(port, binding, adapter, drop, until));
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
                        if (change instanceof Change.KeepTable) {
                            context.emit(new MeshEvent.ChangeHeld(productPlan.productId(), port.port(), change, null));
                            continue;
                        }
                        Held hold = held.stream()
                                .filter(h -> h.drop() == change)
                                .findFirst()
                                .orElse(null);
                        if (hold != null) {
                            context.emit(new MeshEvent.ChangeHeld(
                                    productPlan.productId(),
                                    port.port(),
                                    change,
                                    "held until "
                                            + hold.until().stream()
                                                    .map(c -> "'" + c + "'")
                                                    .collect(Collectors.joining(", "))
                                            + (hold.until().size() == 1 ? " is" : " are") + " deployed"));
                            continue;
                        }
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
                throw recordFailure(registry, source, started, applied, e);
            }
            if (!held.isEmpty()) {
                holds.resumes().add(new Resume(source, held, more -> {
                    java.util.Set<String> all = new java.util.HashSet<>(dropped);
                    all.addAll(more);
                    return CatalogEntries.of(
                            source,
                            env,
                            deployedPorts,
                            previous,
                            inputs,
                            all,
                            context.clock().instant());
                }));
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

    /**
     * Records a failed deployment of a product and returns the exception to throw: the store's failure, with the
     * registry's when the failure could not be recorded either.
     */
    private RuntimeException recordFailure(
            Registry registry, ProductSource source, Instant started, List<Change> applied, RuntimeException e) {
        try {
            registry.deployments()
                    .record(record(source, started, DeploymentRecord.Outcome.FAILED, applied, e.getMessage()), null);
        } catch (RuntimeException unrecorded) {
            // the store's failure is what the user must see; the registry's comes second
            e.addSuppressed(unrecorded);
            return new MeshException(
                    e instanceof MeshException m ? m.code() : ErrorCode.STORAGE_FAILURE,
                    e.getMessage() + " (this failed deployment could not be recorded in the registry either: "
                            + unrecorded.getMessage() + "; its history lacks this attempt)",
                    e);
        }
        return e;
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
     * plan was made, or a registry that cannot be read, stops the deployment before anything is applied. A consumer
     * that the registry lists but that is deployed later in the plan and moves off the version holds the drop.
     *
     * @param later the resolved input ports of the products deployed after this one, by product id
     * @return the products the drop is held for until they are deployed; none when it is not held
     */
    private List<String> checkUnread(
            String productId, PortBinding binding, Change.DropTable drop, Map<String, List<CatalogEntry.Input>> later) {
        List<CatalogEntry> entries;
        try {
            entries = context.registry().get().catalog().entries(context.environment());
        } catch (RuntimeException e) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot drop table " + drop.target() + " of retired '"
                            + binding.port().name() + "' v" + drop.majorVersion()
                            + ": the registry's catalog could not be read"
                            + " to tell whether a consumer still reads it; nothing was dropped; deploy again once it can be read",
                    e);
        }
        String port = binding.port().name();
        List<dev.meshsdk.Lineage.Edge> readers =
                Retirements.readersAfter(entries, later, productId, port, drop.majorVersion());
        if (!readers.isEmpty()) {
            throw stale(
                    productId,
                    "table " + drop.target() + " of retired '" + port + "' v" + drop.majorVersion()
                            + " is read again, by " + Retirements.describe(readers) + "; it was not dropped");
        }
        return Retirements.readers(entries, productId, port, drop.majorVersion()).stream()
                .map(dev.meshsdk.Lineage.Edge::consumer)
                .distinct()
                .toList();
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

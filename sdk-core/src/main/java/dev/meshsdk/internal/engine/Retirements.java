package dev.meshsdk.internal.engine;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Lineage;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.internal.descriptor.DescriptorLoader;
import dev.meshsdk.internal.descriptor.LoadResult;
import dev.meshsdk.model.MajorVersionStatus;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.InputMove;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.SupportsDropTable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one place that decides what happens to a port's older contract major versions, which stay live beside the
 * newer one until their product declares them in the output port's {@code majorVersions} custom property
 * ({@link MajorVersionStatus}):
 *
 * <ul>
 *   <li>a declared status that the catalog does not show yet is a {@link Change.SetVersionStatus};
 *   <li>a retired version's grants are revoked (the adapter plans the version with no access);
 *   <li>its tables are dropped ({@link Change.DropTable}) only after its sunset, only when no consumer reads it
 *       once the plan is applied (the registry's consumers, with the products the plan deploys reading what they
 *       are built to read: a consumer moving off the version in the same plan no longer holds it, and the deploy
 *       drops the table only after that consumer is deployed), and only by an adapter that
 *       {@link SupportsDropTable}; otherwise the plan says why they are kept ({@link Change.KeepTable}); when the
 *       registry cannot be read the drop is refused;
 *   <li>a port deployed at an older major version than the one deployed last is a {@link Change.Rollback}, and the
 *       plan says what stays of the newer version ({@link Change.KeepTable}: its table, its grants, its readers).
 * </ul>
 *
 * Planning has no side effects: it inspects and reads only.
 */
public final class Retirements {
    private final EngineContext context;
    private final Map<String, List<CatalogEntry.Input>> planned;

    /**
     * @param planned the resolved input ports of the products the plan deploys, by product id: what those consumers
     *     read once the plan is applied
     */
    Retirements(EngineContext context, Map<String, List<CatalogEntry.Input>> planned) {
        this.context = context;
        this.planned = Map.copyOf(planned);
    }

    /** The consumers in {@code entries} whose input ports read {@code major} of a producer's port. */
    public static List<Lineage.Edge> readers(List<CatalogEntry> entries, String productId, String port, int major) {
        Map<String, List<CatalogEntry.Input>> inputs = new LinkedHashMap<>();
        entries.forEach(e -> inputs.put(e.productId(), e.inputPorts()));
        return readers(inputs, productId, port, major);
    }

    /**
     * The consumers that read {@code major} of a producer's port once a plan is applied: those in {@code entries}
     * (the registry now), with each product in {@code planned} reading its planned inputs instead.
     */
    static List<Lineage.Edge> readersAfter(
            List<CatalogEntry> entries,
            Map<String, List<CatalogEntry.Input>> planned,
            String productId,
            String port,
            int major) {
        Map<String, List<CatalogEntry.Input>> inputs = new LinkedHashMap<>();
        entries.forEach(e -> inputs.put(e.productId(), e.inputPorts()));
        inputs.putAll(planned);
        return readers(inputs, productId, port, major);
    }

    private static List<Lineage.Edge> readers(
            Map<String, List<CatalogEntry.Input>> inputs, String productId, String port, int major) {
        List<Lineage.Edge> out = new ArrayList<>();
        for (Map.Entry<String, List<CatalogEntry.Input>> e : inputs.entrySet()) {
            if (e.getKey().equals(productId)) continue;
            for (CatalogEntry.Input in : e.getValue()) {
                if (productId.equals(in.producer()) && port.equals(in.producerPort()) && in.majorVersion() == major) {
                    out.add(new Lineage.Edge(
                            e.getKey(),
                            in.name(),
                            in.producer(),
                            in.producerPort(),
                            in.contractId(),
                            in.majorVersion()));
                }
            }
        }
        return out;
    }

    /** Whether the engine applies the change itself (the catalog), rather than a storage adapter. */
    static boolean catalogOnly(Change c) {
        return c instanceof Change.SetVersionStatus || c instanceof Change.Rollback || c instanceof Change.KeepTable;
    }

    /**
     * The major version the port was deployed at last: the one whose contract is not kept under
     * {@code v<major>/} (older versions' contracts are); the highest when that cannot be told.
     */
    static int deployedMajor(CatalogEntry previous, String port) {
        List<CatalogEntry.Port> ports = previous.outputPorts().stream()
                .filter(p -> p.name().equals(port))
                .toList();
        for (CatalogEntry.Port p : ports) {
            if (p.contractFile() != null && !p.contractFile().startsWith("v" + p.majorVersion() + "/")) {
                return p.majorVersion();
            }
        }
        return ports.stream().mapToInt(CatalogEntry.Port::majorVersion).max().orElse(-1);
    }

    /**
     * The rollback of a port about to be deployed at {@code binding}'s major version, if it is one, and what stays of
     * the newer version when its product does not declare it in {@code majorVersions}: the deploy leaves its tables
     * and grants as they are and the catalog keeps serving it, so the plan keeps its tables and names its readers.
     */
    List<Change> rollback(ProductSource source, CatalogEntry previous, PortBinding binding) {
        if (previous == null) return List.of();
        String port = binding.port().name();
        int last = deployedMajor(previous, port);
        int now = binding.contractMajorVersion();
        if (last <= now) return List.of();
        List<Change> out = new ArrayList<>(List.of(new Change.Rollback(port, last, now)));
        CatalogEntry.Port newer = previous.outputPorts().stream()
                .filter(p -> p.name().equals(port) && p.majorVersion() == last)
                .findFirst()
                .orElse(null);
        if (newer == null || declared(source, port, last) != null) return out;
        PortBinding newerBinding = binding(previous, newer);
        String readers;
        try {
            List<Lineage.Edge> edges = readersAfter(
                    context.registry().get().catalog().entries(context.environment()),
                    planned,
                    previous.productId(),
                    port,
                    last);
            readers = edges.isEmpty() ? "no consumer reads it" : "read by " + describe(edges);
        } catch (RuntimeException e) {
            readers = "its readers could not be read from the registry";
        }
        String reason = "rolled back to v" + now + "; it stays served with its grants, " + readers;
        for (String table : tables(newerBinding)) out.add(new Change.KeepTable(table, last, reason));
        return out;
    }

    /** A version's tables as its adapter names them; its address when the adapter cannot list them. */
    private List<String> tables(PortBinding binding) {
        StorageAdapter adapter = context.plugins().storage(binding.server().type(), context.adapterContext());
        return adapter instanceof SupportsDropTable drops
                ? drops.tables(binding)
                : List.of(Addresses.of(binding.server()));
    }

    /**
     * {@code changes} of a port being rolled back, with each table the adapter creates again saying that it starts
     * empty when the product's deployment history shows that the version's table was dropped when it was retired
     * (and when); {@code changes} as they are when they hold no {@link Change.Rollback} or the history cannot be read.
     */
    List<Change> noteDropped(String productId, List<Change> changes) {
        Change.Rollback rollback = changes.stream()
                .filter(Change.Rollback.class::isInstance)
                .map(Change.Rollback.class::cast)
                .findFirst()
                .orElse(null);
        // nothing to note without a table the plan creates: no history to read
        if (rollback == null || changes.stream().noneMatch(Change.CreateTable.class::isInstance)) return changes;
        int major = rollback.toMajorVersion();
        List<DeploymentRecord> history;
        try {
            history = context.registry().get().deployments().history(productId, context.environment());
        } catch (RuntimeException e) {
            return changes;
        }
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            if (c instanceof Change.CreateTable t) {
                // the history line of that drop, as the deploy records it, up to the rest of its reason
                Change drop = new Change.DropTable(t.target(), major, retired(major));
                String recorded = drop.symbol() + " " + drop.summary();
                String line = recorded.substring(0, recorded.length() - 1);
                DeploymentRecord dropped = history.stream()
                        .filter(r -> r.outcome() == DeploymentRecord.Outcome.SUCCEEDED)
                        .filter(r -> r.changes().stream().anyMatch(l -> l.startsWith(line)))
                        .reduce((first, second) -> second)
                        .orElse(null);
                if (dropped != null) {
                    c = t.withNote("v" + major + "'s table was dropped on "
                            + LocalDate.ofInstant(dropped.deployedAt(), ZoneOffset.UTC) + " when v" + major
                            + " was retired: it starts empty");
                }
            }
            out.add(c);
        }
        return out;
    }

    /** How a retired version's drop reason starts, so that the deployment history can tell the drop later. */
    private static String retired(int major) {
        return "v" + major + " retired";
    }

    /**
     * The input ports of a consumer that read another major version of the same producer's port than its catalog
     * entry records.
     *
     * @param previous the consumer's catalog entry, or null
     * @param planned  its input ports as resolved for the plan
     */
    static List<InputMove> inputMoves(CatalogEntry previous, List<CatalogEntry.Input> planned) {
        if (previous == null) return List.of();
        List<InputMove> out = new ArrayList<>();
        for (CatalogEntry.Input now : planned) {
            previous.inputPorts().stream()
                    .filter(was -> was.name().equals(now.name())
                            && Objects.equals(was.producer(), now.producer())
                            && Objects.equals(was.producerPort(), now.producerPort())
                            && was.majorVersion() != now.majorVersion())
                    .findFirst()
                    .ifPresent(was -> out.add(new InputMove(
                            now.name(), now.producer(), now.producerPort(), was.majorVersion(), now.majorVersion())));
        }
        return out;
    }

    /** A port's older major version as the product declares it, if it does. */
    static MajorVersionStatus declared(ProductSource source, String port, int major) {
        for (OutputPort o : source.product().outputPorts()) {
            if (!o.name().equals(port)) continue;
            for (MajorVersionStatus v : MajorVersionStatus.of(o)) {
                if (v.major() == major) return v;
            }
        }
        return null;
    }

    /** The port versions of the catalog entry that are older than (or beside) the ones the build deploys. */
    static List<CatalogEntry.Port> olderVersions(CatalogEntry previous, List<PortBinding> deployed) {
        if (previous == null) return List.of();
        List<CatalogEntry.Port> out = new ArrayList<>();
        for (CatalogEntry.Port p : previous.outputPorts()) {
            boolean portDeployed =
                    deployed.stream().anyMatch(b -> b.port().name().equals(p.name()));
            boolean sameVersion = deployed.stream()
                    .anyMatch(b -> b.port().name().equals(p.name()) && b.contractMajorVersion() == p.majorVersion());
            if (portDeployed && !sameVersion) out.add(p);
        }
        return out;
    }

    /**
     * The plans of the older versions the product declares; none for an undeclared version.
     *
     * @param deployed the bindings the build deploys for the product
     */
    List<PortPlan> plan(ProductSource source, CatalogEntry previous, List<PortBinding> deployed) {
        List<PortPlan> out = new ArrayList<>();
        for (CatalogEntry.Port old : olderVersions(previous, deployed)) {
            MajorVersionStatus declared = declared(source, old.name(), old.majorVersion());
            if (declared == null) continue;
            int current = deployed.stream()
                    .filter(b -> b.port().name().equals(old.name()))
                    .mapToInt(PortBinding::contractMajorVersion)
                    .max()
                    .orElse(old.majorVersion());
            PortPlan plan = planVersion(previous, old, declared, current);
            if (!plan.changes().isEmpty()) out.add(plan);
        }
        return out;
    }

    private PortPlan planVersion(
            CatalogEntry previous, CatalogEntry.Port old, MajorVersionStatus declared, int current) {
        PortBinding binding = binding(previous, old);
        StorageAdapter adapter = context.plugins().storage(binding.server().type(), context.adapterContext());
        PortState state = adapter.inspect(binding);
        List<Change> changes = new ArrayList<>();
        String sunset = declared.sunset() == null ? null : declared.sunset().toString();
        if (!declared.status().equalsIgnoreCase(String.valueOf(old.status()))
                || !Objects.equals(sunset, old.sunset())) {
            changes.add(new Change.SetVersionStatus(old.name(), old.majorVersion(), declared.status(), sunset));
        }
        if (declared.retired()) {
            adapter.plan(binding, state).stream()
                    .filter(c -> c instanceof Change.Revoke)
                    .forEach(changes::add);
            changes.addAll(tables(previous, old, declared, binding, adapter, current));
        }
        return new PortPlan(
                old.name(),
                old.contractId() != null ? old.contractId() : binding.contract().id(),
                binding.contract().version(),
                binding.server().server(),
                binding.server().type(),
                Addresses.of(binding.server()),
                state,
                changes);
    }

    /**
     * Drop, keep or refuse each existing table of a retired version, judging its consumers as they will be once the
     * plan is applied.
     *
     * @param current the major version the build deploys of the port
     */
    private List<Change> tables(
            CatalogEntry previous,
            CatalogEntry.Port old,
            MajorVersionStatus declared,
            PortBinding binding,
            StorageAdapter adapter,
            int current) {
        int major = old.majorVersion();
        if (!(adapter instanceof SupportsDropTable drops)) {
            return List.of(new Change.KeepTable(
                    old.name(),
                    major,
                    "the '" + binding.server().type()
                            + "' storage adapter cannot drop tables; drop them by hand once no consumer reads them"));
        }
        List<String> tables = drops.tables(binding);
        List<Change> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC);
        if (!today.isAfter(declared.sunset())) {
            tables.forEach(t -> out.add(
                    new Change.KeepTable(t, major, "retired, but its sunset " + declared.sunset() + " is not past")));
            return out;
        }
        List<CatalogEntry> entries;
        try {
            entries = context.registry().get().catalog().entries(context.environment());
        } catch (RuntimeException e) {
            tables.forEach(t -> out.add(new Change.Refused(
                    t,
                    "cannot drop the table of retired " + old.name() + " v"
                            + major
                            + ": the registry's catalog could not be read to tell whether a consumer still reads it ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                    "plan again once the registry can be read; nothing is dropped without it")));
            return out;
        }
        List<Lineage.Edge> after = readersAfter(entries, planned, previous.productId(), old.name(), major);
        if (!after.isEmpty()) {
            String why = "still read by " + describe(after) + "; deploy again once "
                    + (consumers(after).size() == 1 ? "it moves" : "they move") + " to v" + current + " to drop it";
            tables.forEach(t -> out.add(new Change.KeepTable(t, major, why)));
            return out;
        }
        List<Lineage.Edge> moving = readers(entries, previous.productId(), old.name(), major);
        String reason = retired(major) + ", sunset " + declared.sunset() + ", no consumer"
                + (moving.isEmpty()
                        ? ""
                        : " once " + describe(moving) + (consumers(moving).size() == 1 ? " moves" : " move")
                                + " off it in this plan; dropped after "
                                + (consumers(moving).size() == 1 ? "that product is" : "those products are")
                                + " deployed");
        tables.forEach(t -> out.add(new Change.DropTable(t, major, reason)));
        return out;
    }

    private static List<String> consumers(List<Lineage.Edge> readers) {
        return readers.stream().map(Lineage.Edge::consumer).distinct().toList();
    }

    static String describe(List<Lineage.Edge> readers) {
        return readers.stream()
                .map(e -> "product '" + e.consumer() + "' (input port '" + e.inputPort() + "')")
                .collect(Collectors.joining(", "));
    }

    /**
     * The binding of an older port version from the product's catalog entry, with no access: what the version's
     * grants are planned against once it is retired.
     */
    PortBinding binding(CatalogEntry entry, CatalogEntry.Port port) {
        LoadResult loaded = new DescriptorLoader(context.plugins().serverTypes())
                .loadDeployed(entry.productId(), entry.descriptors());
        if (loaded.products().isEmpty() || loaded.report().hasErrors()) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot plan version " + port.majorVersion()
                            + " of output port '" + port.name() + "' of product '" + entry.productId()
                            + "': its descriptors"
                            + " kept in the registry cannot be read ("
                            + loaded.report().errors().stream()
                                    .findFirst()
                                    .map(d -> d.message())
                                    .orElse("no product.yaml")
                            + "); deploy that version again or remove its"
                            + " majorVersions entry");
        }
        PortBinding b =
                PortBindings.of(loaded.products().get(0), port.name(), port.contractFile(), context.environment());
        return new PortBinding(b.product(), b.port(), b.contract(), b.server(), b.environment(), List.of());
    }
}

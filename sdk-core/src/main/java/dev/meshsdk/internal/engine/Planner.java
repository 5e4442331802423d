package dev.meshsdk.internal.engine;

import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.internal.descriptor.ProductGraph;
import dev.meshsdk.internal.descriptor.Suggestions;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.plan.ProductPlan;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.storage.StorageAdapter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a deployment plan: inspects each port's home and asks its adapter for the changes. Has no
 * side effects on stores or the registry. Every problem found (a port with no server for the
 * environment, a server type with no adapter, an input port nothing offers, what an adapter reports as
 * {@link dev.meshsdk.spi.storage.PortProblems}: a missing role, a schema the deploying user may not create in; any
 * other mistake in the contract an adapter refuses, see {@link PortChecks}) is collected before failing.
 */
public final class Planner {
    private final EngineContext context;

    public Planner(EngineContext context) {
        this.context = context;
    }

    public DeploymentPlan plan(List<ProductSource> products) {
        String env = context.environment();
        List<Diagnostic> errors = new ArrayList<>();
        List<ProductSource> ordered = ProductGraph.dependencyOrder(products);
        InputResolution.Result inputs = new InputResolution(env, context.registry(), context.clock()).resolve(products);
        errors.addAll(context.warnAndKeepErrors(inputs.diagnostics()));
        errors.addAll(new Ownership(
                        env,
                        () -> context.registry().get().catalog(),
                        context.adapterContext().config())
                .check(products));
        Retirements retirements = new Retirements(context, inputs.inputs());
        List<ProductPlan> plans = new ArrayList<>();
        for (ProductSource source : ordered) {
            List<PortPlan> ports = new ArrayList<>();
            List<PortBinding> bound = new ArrayList<>();
            CatalogEntry previous = context.registry()
                    .get()
                    .catalog()
                    .entry(source.product().id(), env)
                    .orElse(null);
            for (Bindings.Located located :
                    Bindings.of(source, env, context.withheld(source.product().id()))) {
                PortPlan port = planPort(source, located, previous, retirements, errors);
                if (port != null) ports.add(port);
                if (located.binding() != null) bound.add(located.binding());
            }
            if (errors.isEmpty()) ports.addAll(retirements.plan(source, previous, bound));
            String deployed = context.registry()
                    .get()
                    .deployments()
                    .current(source.product().id(), env)
                    .map(DeploymentRecord::checksum)
                    .orElse(null);
            plans.add(new ProductPlan(
                    source.product().id(),
                    source.product().displayName(),
                    source.product().version(),
                    source.checksum(),
                    deployed,
                    ProductGraph.consumes(source, products),
                    ports,
                    Retirements.inputMoves(previous, inputs.of(source.product().id()))));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(new ValidationReport(errors));
        }
        return new DeploymentPlan(
                DeploymentPlan.FORMAT_VERSION, env, context.clock().instant(), plans);
    }

    private PortPlan planPort(
            ProductSource source,
            Bindings.Located located,
            CatalogEntry previous,
            Retirements retirements,
            List<Diagnostic> errors) {
        String env = context.environment();
        PortBinding binding = located.binding();
        String portName = located.port().name();
        if (binding == null) {
            String contractId = located.port().contractId();
            Path contractFile = source.requireContractFile(contractId);
            errors.add(Diagnostic.error(
                    "MESH-SERVER",
                    source.sourceMap().locate(contractFile, "/servers"),
                    "Cannot deploy output port '" + portName + "' to environment '" + env + "': contract '" + contractId
                            + "' has no server for '" + env + "'",
                    "add a servers entry with 'environment: " + env + "', or deploy to another environment"));
            return null;
        }
        String type = binding.server().type();
        if (!context.plugins().servesType(type)) {
            Path contractFile = source.requireContractFile(binding.contract().id());
            errors.add(Diagnostic.error(
                    "MESH-ADAPTER",
                    source.sourceMap().locate(contractFile, "/servers/" + located.serverIndex() + "/type"),
                    "Cannot deploy output port '" + portName + "' to environment '" + env + "': no storage adapter"
                            + " is loaded for server type '" + type + "'",
                    Optional.ofNullable(Suggestions.closest(
                                            type, context.plugins().serverTypes()))
                                    .map(near -> "perhaps you meant '" + near + "'; else ")
                                    .orElse("")
                            + "add the adapter module to the plugin's dependencies (loaded adapters serve "
                            + context.plugins().serverTypes() + ")"));
            return null;
        }
        PortChecks checks = new PortChecks(context);
        List<Diagnostic> problems = checks.check(source, binding);
        if (!problems.isEmpty()) {
            errors.addAll(problems);
            return null;
        }
        StorageAdapter adapter = context.plugins().storage(type, context.adapterContext());
        String metric = "mesh.adapter." + context.plugins().storageName(type);
        List<Change> changes = new ArrayList<>(retirements.rollback(source, previous, binding));
        PortState state;
        try {
            state = context.timed(metric + ".inspect", () -> adapter.inspect(binding));
            changes.addAll(context.timed(metric + ".plan", () -> adapter.plan(binding, state)));
        } catch (MeshException e) {
            if (!PortChecks.inContract(e)) throw e;
            errors.addAll(PortChecks.located(source, binding, e));
            return null;
        }
        return new PortPlan(
                portName,
                binding.contract().id(),
                binding.contract().version(),
                binding.server().server(),
                type,
                Addresses.of(binding.server()),
                state,
                retirements.noteDropped(source.product().id(), changes));
    }
}

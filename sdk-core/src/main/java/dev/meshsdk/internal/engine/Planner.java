package dev.meshsdk.internal.engine;

import dev.meshsdk.ProductSource;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.internal.descriptor.ProductGraph;
import dev.meshsdk.model.InputPort;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a deployment plan: inspects each port's home and asks its adapter for the changes. Has no
 * side effects on stores or the registry. Every problem found (a port with no server for the
 * environment, a server type with no adapter, an input port nothing offers) is collected before failing.
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
        Set<String> offered = offeredContracts(products, env);
        List<ProductPlan> plans = new ArrayList<>();
        for (ProductSource source : ordered) {
            checkInputs(source, offered, errors);
            List<PortPlan> ports = new ArrayList<>();
            for (Bindings.Located located : Bindings.of(source, env, context.withheld(source.product().id()))) {
                PortPlan port = planPort(source, located, errors);
                if (port != null) ports.add(port);
            }
            String deployed = context.registry().get().current(source.product().id(), env)
                    .map(DeploymentRecord::checksum).orElse(null);
            plans.add(new ProductPlan(source.product().id(), source.product().displayName(),
                    source.product().version(), source.checksum(), deployed,
                    ProductGraph.consumes(source, products), ports));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(new ValidationReport(errors));
        }
        return new DeploymentPlan(DeploymentPlan.FORMAT_VERSION, env, context.clock().instant(), plans);
    }

    private PortPlan planPort(ProductSource source, Bindings.Located located, List<Diagnostic> errors) {
        String env = context.environment();
        PortBinding binding = located.binding();
        String portName = located.port().name();
        if (binding == null) {
            String contractId = located.port().contractId();
            Path contractFile = source.requireContractFile(contractId);
            errors.add(Diagnostic.error("MESH-SERVER", source.sourceMap().locate(contractFile, "/servers"),
                    "Cannot deploy output port '" + portName + "' to environment '" + env + "': contract '"
                            + contractId + "' has no server for '" + env + "'",
                    "add a servers entry with 'environment: " + env + "', or deploy to another environment"));
            return null;
        }
        String type = binding.server().type();
        if (!context.plugins().servesType(type)) {
            Path contractFile = source.requireContractFile(binding.contract().id());
            errors.add(Diagnostic.error("MESH-ADAPTER",
                    source.sourceMap().locate(contractFile, "/servers/" + located.serverIndex() + "/type"),
                    "Cannot deploy output port '" + portName + "' to environment '" + env + "': no storage adapter"
                            + " is loaded for server type '" + type + "'",
                    "add the adapter module to the plugin's dependencies (loaded adapters serve "
                            + context.plugins().serverTypes() + ")"));
            return null;
        }
        StorageAdapter adapter = context.plugins().storage(type, context.adapterContext());
        String metric = "mesh.adapter." + context.plugins().storageName(type);
        PortState state = context.timed(metric + ".inspect", () -> adapter.inspect(binding));
        List<Change> changes = context.timed(metric + ".plan", () -> adapter.plan(binding, state));
        return new PortPlan(portName, binding.contract().id(), binding.contract().version(),
                binding.server().server(), type, Addresses.of(binding.server()), state, changes);
    }

    /** Input ports must consume a contract that a product in this build or in the registry offers. */
    private void checkInputs(ProductSource source, Set<String> offered, List<Diagnostic> errors) {
        List<InputPort> inputs = source.product().inputPorts();
        for (int i = 0; i < inputs.size(); i++) {
            InputPort input = inputs.get(i);
            if (input.contractId() != null && !offered.contains(input.contractId())) {
                errors.add(Diagnostic.error("MESH-REF",
                        source.sourceMap().locate(source.file(), "/inputPorts/" + i + "/contractId"),
                        "Cannot plan product '" + source.product().id() + "': input port '" + input.name()
                                + "' consumes contract '" + input.contractId() + "', which no product in this build"
                                + " or in the registry for '" + context.environment() + "' offers",
                        "deploy the producing product first, or fix the contractId"));
            }
        }
    }

    private Set<String> offeredContracts(List<ProductSource> products, String env) {
        Set<String> offered = new HashSet<>();
        for (ProductSource p : products) {
            p.product().outputPorts().forEach(o -> Optional.ofNullable(o.contractId()).ifPresent(offered::add));
        }
        boolean anyExternal = products.stream().flatMap(p -> p.product().inputPorts().stream())
                .anyMatch(i -> i.contractId() != null && !offered.contains(i.contractId()));
        if (anyExternal) {
            for (CatalogEntry entry : context.registry().get().catalog(env)) {
                entry.outputPorts().forEach(port -> Optional.ofNullable(port.contractId()).ifPresent(offered::add));
            }
        }
        return offered;
    }
}

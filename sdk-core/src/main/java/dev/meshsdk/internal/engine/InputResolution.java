package dev.meshsdk.internal.engine;

import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.internal.descriptor.Suggestions;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Resolves input ports across the mesh, the one place that decides whether a consumer may read what it
 * names: a product of the same build, or else a product the registry of the environment knows, that
 * offers the contract, is not retired, and still serves the major version the input port reads
 * ({@code version} of the input port; any live one when it has none). Deprecated versions resolve with a
 * warning naming the sunset date. Every problem is located at the input port, at the key a user must edit:
 * its {@code version} when the fix is to read another version (a major version not served, retired or
 * deprecated while another is served), else its {@code contractId}.
 */
public final class InputResolution {
    private static final int ANY = -1;
    private final String environment;
    private final Supplier<Registry> registry;

    /** @param registry opened only when some input port is not offered by the build */
    public InputResolution(String environment, Supplier<Registry> registry) {
        this.environment = environment;
        this.registry = registry;
    }

    /** The resolved input ports per product id, and every problem found. */
    public record Result(Map<String, List<CatalogEntry.Input>> inputs, List<Diagnostic> diagnostics) {
        public List<CatalogEntry.Input> of(String productId) {
            return inputs.getOrDefault(productId, List.of());
        }
    }

    public Result resolve(List<ProductSource> products) {
        Map<String, List<Offer>> built = new HashMap<>();
        for (ProductSource p : products) {
            for (OutputPort out : p.product().outputPorts()) {
                if (out.contractId() == null || p.contract(out.contractId()).isEmpty()) continue;
                int major = PortBinding.majorOf(p.requireContract(out.contractId()).version());
                built.computeIfAbsent(out.contractId(), k -> new ArrayList<>()).add(new Offer(p, out.name(), major));
            }
        }
        Map<String, List<CatalogEntry.Input>> inputs = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, List<CatalogEntry>> registryCache = new HashMap<>();
        for (ProductSource p : products) {
            List<CatalogEntry.Input> resolved = new ArrayList<>();
            List<InputPort> ports = p.product().inputPorts();
            for (int i = 0; i < ports.size(); i++) {
                InputPort in = ports.get(i);
                if (in.contractId() == null) continue;
                if (p.contract(in.contractId()).isPresent()) {
                    // a product reading its own contract: no lineage edge (ProductChecks judges it)
                    continue;
                }
                Context c = new Context(p, in, i, in.version() == null ? ANY : PortBinding.majorOf(in.version()), diagnostics);
                resolved.add(resolve(c, built.getOrDefault(in.contractId(), List.of()).stream()
                        .filter(o -> o.source() != p).toList(), registryCache, built.keySet()));
            }
            inputs.put(p.product().id(), List.copyOf(resolved));
        }
        return new Result(inputs, List.copyOf(diagnostics));
    }

    private record Offer(ProductSource source, String port, int major) {}

    /** One input port being resolved; {@code major} {@link #ANY} when the input port names no version. */
    private record Context(ProductSource source, InputPort in, int index, int major, List<Diagnostic> out) {
        Location at(String field) {
            return source.sourceMap().locate(source.file(), "/inputPorts/" + index + (field == null ? "" : "/" + field));
        }

        /** The version line when the fix is to read another version, else the contractId line. */
        Location toChange(boolean anotherVersionServed) {
            return at(anotherVersionServed && in.version() != null ? "version" : "contractId");
        }

        String who() {
            return "Cannot resolve input port '" + in.name() + "' of product '" + source.product().id() + "': ";
        }

        CatalogEntry.Input unresolved() {
            return new CatalogEntry.Input(in.name(), in.contractId(), in.version(), null, null, Math.max(major, 0));
        }
    }

    private CatalogEntry.Input resolve(Context c, List<Offer> inBuild, Map<String, List<CatalogEntry>> cache,
                                       java.util.Set<String> builtContracts) {
        for (Offer o : inBuild) {
            if (c.major() == ANY || c.major() == o.major()) {
                return new CatalogEntry.Input(c.in().name(), c.in().contractId(), c.in().version(),
                        o.source().product().id(), o.port(), o.major());
            }
        }
        List<CatalogEntry> offering = cache.computeIfAbsent(c.in().contractId(),
                id -> registry.get().catalog().offering(id, environment));
        if (offering.isEmpty() && inBuild.isEmpty()) {
            String near = Suggestions.closest(c.in().contractId(), knownContracts(builtContracts));
            c.out().add(Diagnostic.error("MESH-REF", c.at("contractId"), c.who() + "it consumes contract '"
                    + c.in().contractId() + "', which no product in this build or in the registry for '"
                    + environment + "' (" + registry.get().address() + ") offers", (near != null ? "perhaps you meant '" + near + "'; else " : "")
                    + "deploy the producing product to '" + environment
                    + "' first (builds see each other's products when they share a registry: mesh.registry,"
                    + " mesh.registry.file.root), or fix the contractId"));
            return c.unresolved();
        }
        List<String> served = new ArrayList<>();
        inBuild.forEach(o -> served.add(served(o.source().product().id(), o.port(), o.major())));
        for (CatalogEntry e : offering) {
            for (CatalogEntry.Port port : e.outputPorts()) {
                if (!c.in().contractId().equals(port.contractId())) continue;
                if (port.live() && !"retired".equalsIgnoreCase(e.status())) {
                    served.add(served(e.productId(), port.name(), port.majorVersion()));
                }
            }
        }
        CatalogEntry.Port best = null;
        CatalogEntry producer = null;
        for (CatalogEntry e : offering) {
            for (CatalogEntry.Port port : e.outputPorts()) {
                if (!c.in().contractId().equals(port.contractId())) continue;
                if (c.major() != ANY && port.majorVersion() != c.major()) continue;
                if (best == null || rank(e, port) > rank(producer, best)) {
                    best = port;
                    producer = e;
                }
            }
        }
        if (best == null) {
            c.out().add(Diagnostic.error("MESH-REF", c.toChange(true), c.who() + "it reads major version "
                    + c.major() + " of contract '" + c.in().contractId() + "', which is not served in '" + environment
                    + "'" + (served.isEmpty() ? "" : "; served: " + String.join(", ", served)),
                    "set the input port's version to a served major version and adapt the consumer"));
            return c.unresolved();
        }
        if ("retired".equalsIgnoreCase(producer.status()) || !best.live()) {
            String what = "retired".equalsIgnoreCase(producer.status()) ? "product '" + producer.productId()
                    + "' is retired" : "version " + best.majorVersion() + " of contract '" + best.contractId()
                    + "' of product '" + producer.productId() + "' is retired";
            c.out().add(Diagnostic.error("MESH-RETIRED", c.toChange(!served.isEmpty()), c.who() + what,
                    served.isEmpty() ? "find another producer in the catalog (mesh:catalog)"
                            : "move to a served version: " + String.join(", ", served)));
            return c.unresolved();
        }
        if ("deprecated".equalsIgnoreCase(best.status()) || "deprecated".equalsIgnoreCase(producer.status())) {
            String sunset = best.sunset() != null ? " and will be retired after " + best.sunset() : "";
            c.out().add(Diagnostic.warning("MESH-DEPRECATED", c.toChange(true), "Input port '" + c.in().name()
                    + "' of product '" + c.source().product().id() + "' reads version " + best.majorVersion()
                    + " of contract '" + best.contractId() + "' of product '" + producer.productId()
                    + "', which is deprecated" + sunset, newer(producer, best)));
        }
        return new CatalogEntry.Input(c.in().name(), c.in().contractId(), c.in().version(), producer.productId(),
                best.name(), best.majorVersion());
    }

    /** Every contract id offered in the build or the registry, for "perhaps you meant" (on the error path only). */
    private java.util.Set<String> knownContracts(java.util.Set<String> built) {
        java.util.Set<String> ids = new java.util.TreeSet<>(built);
        for (CatalogEntry e : registry.get().catalog().entries(environment)) {
            e.outputPorts().forEach(p -> {
                if (p.contractId() != null) ids.add(p.contractId());
            });
        }
        return ids;
    }

    /** One served version as the messages list it: "port 'orders' v2 of product 'orders'". */
    private static String served(String productId, String port, int major) {
        return "port '" + port + "' v" + major + " of product '" + productId + "'";
    }

    /** Prefer live over retired, active over deprecated, then the highest major version. */
    private static int rank(CatalogEntry e, CatalogEntry.Port p) {
        int live = p.live() && !"retired".equalsIgnoreCase(e.status()) ? 2 : 0;
        int active = "deprecated".equalsIgnoreCase(p.status()) ? 0 : 1;
        return (live + active) * 10_000 + p.majorVersion();
    }

    private static String newer(CatalogEntry producer, CatalogEntry.Port deprecated) {
        String majors = producer.outputPorts().stream()
                .filter(p -> p.name().equals(deprecated.name()) && p.live() && p.majorVersion() > deprecated.majorVersion())
                .map(p -> String.valueOf(p.majorVersion())).collect(Collectors.joining(", "));
        return majors.isEmpty() ? "ask the owning team what replaces it"
                : "move the input port to version " + majors + " before the sunset";
    }
}

package dev.meshsdk.internal.engine;

import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.internal.descriptor.Suggestions;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.MajorVersionStatus;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.Registry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Resolves input ports across the mesh, the one place that decides whether a consumer may read what it
 * names: a product of the same build, or else a product the registry of the environment knows, that
 * offers the contract, is not retired, and still serves the major version the input port reads
 * ({@code version} of the input port; any live one when it has none). Deprecated versions resolve with a
 * warning naming the sunset date. A version a product of the same build declares deprecated or retired
 * ({@code majorVersions}) counts as declared, so a build cannot retire what its own consumers read. Every
 * problem is located at the input port, at the key a user must edit: its {@code version} when the fix is to
 * read another version (a major version not served, retired or deprecated while another is served), else its
 * {@code contractId}.
 */
public final class InputResolution {
    private static final int ANY = -1;
    private final String environment;
    private final Supplier<Registry> registry;
    private final LocalDate today;

    /**
     * @param registry opened only when some input port is not offered by the build
     * @param clock   tells a sunset still ahead from one already past
     */
    public InputResolution(String environment, Supplier<Registry> registry, Clock clock) {
        this.environment = environment;
        this.registry = registry;
        this.today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
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
                int major =
                        PortBinding.majorOf(p.requireContract(out.contractId()).version());
                built.computeIfAbsent(out.contractId(), k -> new ArrayList<>()).add(new Offer(p, out.name(), major));
            }
        }
        Map<String, ProductSource> building = new HashMap<>();
        products.forEach(p -> building.put(p.product().id(), p));
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
                Context c = new Context(
                        p, in, i, in.version() == null ? ANY : PortBinding.majorOf(in.version()), diagnostics);
                resolved.add(resolve(
                        c,
                        built.getOrDefault(in.contractId(), List.of()).stream()
                                .filter(o -> o.source() != p)
                                .toList(),
                        registryCache,
                        built.keySet(),
                        building));
            }
            inputs.put(p.product().id(), List.copyOf(resolved));
        }
        return new Result(inputs, List.copyOf(diagnostics));
    }

    private record Offer(ProductSource source, String port, int major) {}

    /** One input port being resolved; {@code major} {@link #ANY} when the input port names no version. */
    private record Context(ProductSource source, InputPort in, int index, int major, List<Diagnostic> out) {
        Location at(String field) {
            return source.sourceMap()
                    .locate(source.file(), "/inputPorts/" + index + (field == null ? "" : "/" + field));
        }

        /** The version line when the fix is to read another version, else the contractId line. */
        Location toChange(boolean anotherVersionServed) {
            return at(anotherVersionServed && in.version() != null ? "version" : "contractId");
        }

        String who() {
            return "Cannot resolve input port '" + in.name() + "' of product '"
                    + source.product().id() + "': ";
        }

        CatalogEntry.Input unresolved() {
            return new CatalogEntry.Input(in.name(), in.contractId(), in.version(), null, null, Math.max(major, 0));
        }
    }

    private CatalogEntry.Input resolve(
            Context c,
            List<Offer> inBuild,
            Map<String, List<CatalogEntry>> cache,
            Set<String> builtContracts,
            Map<String, ProductSource> building) {
        for (Offer o : inBuild) {
            if (c.major() == ANY || c.major() == o.major()) {
                return new CatalogEntry.Input(
                        c.in().name(),
                        c.in().contractId(),
                        c.in().version(),
                        o.source().product().id(),
                        o.port(),
                        o.major());
            }
        }
        List<CatalogEntry> offering = cache.computeIfAbsent(
                c.in().contractId(), id -> registry.get().catalog().offering(id, environment));
        if (offering.isEmpty() && inBuild.isEmpty()) {
            String near = Suggestions.closest(c.in().contractId(), knownContracts(builtContracts));
            c.out()
                    .add(Diagnostic.error(
                            "MESH-REF",
                            c.at("contractId"),
                            c.who() + "it consumes contract '"
                                    + c.in().contractId() + "', which no product in this build or in the registry for '"
                                    + environment + "' (" + registry.get().address() + ") offers",
                            (near != null ? "perhaps you meant '" + near + "'; else " : "")
                                    + "deploy the producing product to '" + environment
                                    + "' first (builds see each other's products when they share a registry: mesh.registry,"
                                    + " mesh.registry.file.root), or fix the contractId"));
            return c.unresolved();
        }
        List<Version> versions = new ArrayList<>();
        for (CatalogEntry e : offering) {
            for (CatalogEntry.Port port : e.outputPorts()) {
                if (c.in().contractId().equals(port.contractId())) versions.add(Version.of(e, port, building));
            }
        }
        Set<String> served = new LinkedHashSet<>();
        inBuild.forEach(o -> served.add(served(o.source().product().id(), o.port(), o.major())));
        versions.stream()
                .filter(Version::live)
                .forEach(v ->
                        served.add(served(v.producer().productId(), v.port().name(), v.major())));
        Version best = null;
        for (Version v : versions) {
            if (c.major() != ANY && v.major() != c.major()) continue;
            if (best == null || v.rank() > best.rank()) best = v;
        }
        if (best == null) {
            c.out()
                    .add(Diagnostic.error(
                            "MESH-REF",
                            c.toChange(true),
                            c.who() + "it reads major version "
                                    + c.major() + " of contract '" + c.in().contractId() + "', which is not served in '"
                                    + environment
                                    + "'" + (served.isEmpty() ? "" : "; served: " + String.join(", ", served)),
                            "set the input port's version to a served major version and adapt the consumer"));
            return c.unresolved();
        }
        String producer = best.producer().productId();
        if (best.retiredByBuild()) {
            // the registry still serves it, but this build's deploy retires it: fail now, not in the next build
            c.out()
                    .add(Diagnostic.error(
                            "MESH-RETIRED",
                            c.toChange(true),
                            c.who() + "this build retires version "
                                    + best.major() + " of contract '"
                                    + best.port().contractId() + "' of product '" + producer
                                    + "' (" + MajorVersionStatus.PROPERTY + " of its output port '"
                                    + best.port().name()
                                    + "'), and the input port still reads it",
                            (served.isEmpty()
                                            ? ""
                                            : "move the input port to "
                                                    + Objects.requireNonNullElse(
                                                            newer(best, inBuild, versions), "a served version")
                                                    + " (served: "
                                                    + String.join(", ", served) + "), or ")
                                    + "keep version " + best.major() + " of '" + producer
                                    + "' deprecated until '"
                                    + c.source().product().id() + "' has moved"));
            return c.unresolved();
        }
        if (!best.live()) {
            String what = "retired".equalsIgnoreCase(best.producer().status())
                    ? "product '" + producer + "' is retired"
                    : "version " + best.major() + " of contract '" + best.port().contractId() + "' of product '"
                            + producer + "' is retired";
            c.out()
                    .add(Diagnostic.error(
                            "MESH-RETIRED",
                            c.toChange(!served.isEmpty()),
                            c.who() + what,
                            served.isEmpty()
                                    ? "find another producer in the catalog (mesh:catalog)"
                                    : "move to a served version: " + String.join(", ", served)));
            return c.unresolved();
        }
        if (best.deprecated()) {
            boolean past = past(best.sunset());
            String sunset = best.sunset() == null
                    ? ""
                    : past
                            ? " and was due to be retired on " + best.sunset()
                            : " and will be retired after " + best.sunset();
            String newer = newer(best, inBuild, versions);
            c.out()
                    .add(Diagnostic.warning(
                            "MESH-DEPRECATED",
                            c.toChange(true),
                            "Input port '" + c.in().name()
                                    + "' of product '" + c.source().product().id() + "' reads version " + best.major()
                                    + " of contract '" + best.port().contractId() + "' of product '" + producer
                                    + "', which is deprecated" + sunset,
                            newer == null
                                    ? "ask the owning team what replaces it"
                                    : "move the input port to " + newer
                                            + (past
                                                    ? " now: its producer may retire version " + best.major()
                                                            + " at any time"
                                                    : " before the sunset")));
        }
        return new CatalogEntry.Input(
                c.in().name(),
                c.in().contractId(),
                c.in().version(),
                producer,
                best.port().name(),
                best.major());
    }

    /**
     * A version of a port the registry lists, as it stands once this build is deployed: a product of the build
     * that declares the version in {@code majorVersions} sets its status and sunset (what its deploy records).
     */
    private record Version(
            CatalogEntry producer, CatalogEntry.Port port, String status, String sunset, boolean declaredByBuild) {
        static Version of(CatalogEntry e, CatalogEntry.Port port, Map<String, ProductSource> building) {
            ProductSource source = building.get(e.productId());
            MajorVersionStatus declared =
                    source == null ? null : Retirements.declared(source, port.name(), port.majorVersion());
            return declared == null
                    ? new Version(e, port, port.status(), port.sunset(), false)
                    : new Version(
                            e,
                            port,
                            declared.status(),
                            declared.sunset() == null ? null : declared.sunset().toString(),
                            true);
        }

        int major() {
            return port.majorVersion();
        }

        boolean live() {
            return !MajorVersionStatus.RETIRED.equalsIgnoreCase(status)
                    && !MajorVersionStatus.RETIRED.equalsIgnoreCase(producer.status());
        }

        boolean retiredByBuild() {
            return declaredByBuild && MajorVersionStatus.RETIRED.equalsIgnoreCase(status) && port.live();
        }

        boolean deprecated() {
            return MajorVersionStatus.DEPRECATED.equalsIgnoreCase(status)
                    || MajorVersionStatus.DEPRECATED.equalsIgnoreCase(producer.status());
        }

        /** Prefer live over retired, active over deprecated, then the highest major version. */
        int rank() {
            int active = MajorVersionStatus.DEPRECATED.equalsIgnoreCase(status) ? 0 : 1;
            return ((live() ? 2 : 0) + active) * 10_000 + major();
        }
    }

    /** One served version as the messages list it: "port 'orders' v2 of product 'orders'". */
    private static String served(String productId, String port, int major) {
        return "port '" + port + "' v" + major + " of product '" + productId + "'";
    }

    /** The live major versions of the same producer's port newer than {@code old}, as "version 2[, 3]"; null if none. */
    private static String newer(Version old, List<Offer> inBuild, List<Version> versions) {
        Set<Integer> majors = new TreeSet<>();
        inBuild.stream()
                .filter(o -> o.source().product().id().equals(old.producer().productId())
                        && o.port().equals(old.port().name()))
                .forEach(o -> majors.add(o.major()));
        versions.stream()
                .filter(v -> v.producer().productId().equals(old.producer().productId())
                        && v.port().name().equals(old.port().name())
                        && v.live())
                .forEach(v -> majors.add(v.major()));
        majors.removeIf(m -> m <= old.major());
        return majors.isEmpty()
                ? null
                : "version " + majors.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Whether a sunset date (yyyy-mm-dd) is past: the version may be retired any day now. */
    private boolean past(String sunset) {
        if (sunset == null) return false;
        try {
            return today.isAfter(LocalDate.parse(sunset.strip()));
        } catch (DateTimeParseException notADate) {
            return false;
        }
    }

    /** Every contract id offered in the build or the registry, for "perhaps you meant" (on the error path only). */
    private Set<String> knownContracts(Set<String> built) {
        Set<String> ids = new TreeSet<>(built);
        for (CatalogEntry e : registry.get().catalog().entries(environment)) {
            e.outputPorts().forEach(p -> {
                if (p.contractId() != null) ids.add(p.contractId());
            });
        }
        return ids;
    }
}

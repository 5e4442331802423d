package dev.meshsdk.internal.engine;

import dev.meshsdk.ContractSource;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.model.Team;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.storage.PortAddresses;
import dev.meshsdk.spi.storage.StorageAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the catalog entry a deployment records: the one place that decides what the catalog keeps of a
 * product (owners, ports per live major version with their addresses, schema, classification, SLA, rules,
 * resolved inputs, descriptors as deployed).
 */
final class CatalogEntries {
    private CatalogEntries() {}

    /**
     * The entry for a product just deployed.
     *
     * @param planned  the ports as planned, with the binding each was deployed with
     * @param previous the entry recorded by the last deployment, whose other live major versions are kept
     * @param inputs   the input ports resolved to their producers
     */
    static CatalogEntry of(
            ProductSource source,
            String environment,
            List<Deployed> planned,
            CatalogEntry previous,
            List<CatalogEntry.Input> inputs,
            Instant now) {
        return of(source, environment, planned, previous, inputs, java.util.Set.of(), now);
    }

    /**
     * As above; an older major version keeps its catalog entry (with the status and sunset its product declares
     * in {@code majorVersions}, retired included) until its tables are dropped.
     *
     * @param dropped the older versions whose tables this deployment dropped, as {@code <port>|<major>}
     */
    static CatalogEntry of(
            ProductSource source,
            String environment,
            List<Deployed> planned,
            CatalogEntry previous,
            List<CatalogEntry.Input> inputs,
            java.util.Set<String> dropped,
            Instant now) {
        DataProduct p = source.product();
        List<CatalogEntry.Descriptor> descriptors = new ArrayList<>(descriptors(source));
        Map<String, CatalogEntry.Port> ports = new LinkedHashMap<>();
        for (Deployed d : planned) {
            CatalogEntry.Port port = port(source, d);
            ports.put(key(port), port);
        }
        if (previous != null) {
            for (CatalogEntry.Port old : previous.outputPorts()) {
                // a major version the contract moved away from is still served beside the new one, and keeps
                // the contract it was deployed with
                if (ports.containsKey(key(old))
                        || dropped.contains(key(old))
                        || ports.keySet().stream().noneMatch(k -> k.startsWith(old.name() + "|"))) continue;
                dev.meshsdk.model.MajorVersionStatus declared =
                        Retirements.declared(source, old.name(), old.majorVersion());
                if (declared == null && !old.live()) continue;
                String status = declared == null ? old.status() : declared.status();
                String sunset = declared == null
                        ? old.sunset()
                        : declared.sunset() == null ? null : declared.sunset().toString();
                String kept = retain(old, previous, descriptors);
                ports.put(
                        key(old),
                        new CatalogEntry.Port(
                                old.name(),
                                old.description(),
                                old.version(),
                                old.contractId(),
                                old.contractVersion(),
                                old.majorVersion(),
                                status,
                                sunset,
                                old.server(),
                                old.serverType(),
                                old.address(),
                                old.datasets(),
                                old.columns(),
                                old.sla(),
                                old.quality(),
                                kept));
            }
        }
        List<CatalogEntry.Port> sorted = new ArrayList<>(ports.values());
        sorted.sort(Comparator.comparing(CatalogEntry.Port::name)
                .thenComparing(
                        Comparator.comparingInt(CatalogEntry.Port::majorVersion).reversed()));
        return new CatalogEntry(
                p.id(),
                environment,
                p.name(),
                p.version(),
                p.status(),
                p.domain(),
                p.tenant(),
                p.tags(),
                owner(p.team()),
                p.description() == null ? null : p.description().purpose(),
                sorted,
                inputs,
                descriptors,
                now);
    }

    /** Copies an older major version's contract file into the new entry under {@code v<major>/}. */
    private static String retain(CatalogEntry.Port old, CatalogEntry previous, List<CatalogEntry.Descriptor> into) {
        if (old.contractFile() == null) return null;
        String path = old.contractFile().startsWith("v" + old.majorVersion() + "/")
                ? old.contractFile()
                : "v" + old.majorVersion() + "/" + old.contractFile();
        if (into.stream().anyMatch(d -> d.path().equals(path))) return path;
        previous.descriptors().stream()
                .filter(d -> d.path().equals(old.contractFile()))
                .findFirst()
                .ifPresent(d -> into.add(new CatalogEntry.Descriptor(path, d.kind(), d.text())));
        return path;
    }

    /** A port as deployed: its plan and the binding it was deployed with. */
    record Deployed(PortPlan plan, PortBinding binding, StorageAdapter adapter, Path baseDirectory) {}

    private static String key(CatalogEntry.Port port) {
        return port.name() + "|" + port.majorVersion();
    }

    private static CatalogEntry.Port port(ProductSource source, Deployed d) {
        PortBinding b = d.binding();
        DataContract c = b.contract();
        OutputPort out = b.port();
        Map<String, String> addresses = addresses(d);
        List<CatalogEntry.Dataset> datasets = new ArrayList<>();
        addresses.forEach((object, address) -> datasets.add(new CatalogEntry.Dataset(object, address)));
        String address = datasets.size() == 1 ? datasets.get(0).address() : portAddress(d);
        String sunset = c.customProperty("sunset").map(String::valueOf).orElse(null);
        return new CatalogEntry.Port(
                out.name(),
                out.description(),
                out.version(),
                c.id(),
                c.version(),
                b.contractMajorVersion(),
                c.status() == null ? "active" : c.status(),
                sunset,
                b.server().server(),
                b.server().type(),
                address,
                datasets,
                columns(c),
                sla(c),
                rules(c),
                relative(source, source.requireContractFile(c.id())));
    }

    /** The adapter's absolute addresses when it can tell them; else one derived from the server entry. */
    private static Map<String, String> addresses(Deployed d) {
        if (d.adapter() instanceof PortAddresses a) return a.addresses(d.binding());
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemaObject o : d.binding().contract().schema()) {
            out.put(o.storeName(), portAddress(d) + "/" + o.storeName());
        }
        return out;
    }

    private static String portAddress(Deployed d) {
        String address = d.plan().address();
        if (address == null || address.contains("://")) return address;
        Path path = Path.of(address);
        if (d.binding().server().type().equals("local") || path.isAbsolute()) {
            return d.baseDirectory().resolve(path).normalize().toUri().toString();
        }
        return d.binding().server().type() + "://" + address;
    }

    private static List<CatalogEntry.Column> columns(DataContract c) {
        List<CatalogEntry.Column> out = new ArrayList<>();
        for (SchemaObject o : c.schema()) {
            for (SchemaProperty prop : o.properties()) {
                out.add(new CatalogEntry.Column(
                        o.storeName(),
                        prop.storeName(),
                        prop.logicalType(),
                        prop.physicalType(),
                        prop.required(),
                        prop.primaryKey(),
                        prop.description(),
                        prop.classification(),
                        prop.subjectType().orElse(null)));
            }
        }
        return out;
    }

    private static List<CatalogEntry.Sla> sla(DataContract c) {
        List<CatalogEntry.Sla> out = new ArrayList<>();
        for (SlaProperty s : c.slaProperties()) {
            out.add(new CatalogEntry.Sla(
                    s.property(), s.value() == null ? null : String.valueOf(s.value()), s.unit(), s.element()));
        }
        return out;
    }

    private static List<CatalogEntry.Rule> rules(DataContract c) {
        List<CatalogEntry.Rule> out = new ArrayList<>();
        for (var scoped : dev.meshsdk.spi.quality.ScopedRules.of(c)) {
            QualityRule r = scoped.rule();
            out.add(new CatalogEntry.Rule(
                    r.label(),
                    scoped.scope(),
                    r.effectiveType(),
                    r.metric(),
                    r.threshold().map(Object::toString).orElse(null),
                    r.severity(),
                    r.description()));
        }
        return out;
    }

    private static CatalogEntry.Owner owner(Team team) {
        if (team == null) return null;
        return new CatalogEntry.Owner(
                team.name(),
                team.description(),
                team.members().stream()
                        .map(m -> new CatalogEntry.Member(m.username(), m.name(), m.role()))
                        .toList());
    }

    /** The product and contract files as deployed, relative to the product folder. */
    static List<CatalogEntry.Descriptor> descriptors(ProductSource source) {
        List<CatalogEntry.Descriptor> out = new ArrayList<>();
        out.add(new CatalogEntry.Descriptor("product.yaml", "DataProduct", read(source.file())));
        for (ContractSource c : source.contracts()) {
            out.add(new CatalogEntry.Descriptor(relative(source, c.file()), "DataContract", read(c.file())));
        }
        return out;
    }

    private static String relative(ProductSource source, Path file) {
        Path rel = source.directory().toAbsolutePath().relativize(file.toAbsolutePath());
        return rel.toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot read " + file + " to record it in the catalog: " + e.getMessage()
                            + "; check that the file is readable",
                    e);
        }
    }
}

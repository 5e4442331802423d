package dev.meshsdk.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds OpenLineage {@code RunEvent}s (spec 2-0-2) for the products of one mesh: the catalog entries and the
 * entries kept per deployment, by which input ports are resolved to the producers' tables as they were at the
 * run's time, and the quality records the assertions come from.
 *
 * <p>Where the quality assertions go: the facet's schema types it as an input dataset facet, so on inputs
 * it is written under {@code inputFacets} (as OpenLineage's dbt integration does). A publish audits the
 * tables it writes, its outputs, for which the spec has no output counterpart; there it is written among
 * the dataset's {@code facets}, as the facet's documentation example shows and where Marquez shows it.
 * Assertions are taken from the newest record of the port checked at or before the event's time, so that
 * one run is exported the same way every time.
 */
final class LineageEvents {
    static final String RUN_EVENT = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String DEPLOYMENT = "DEPLOYMENT";
    static final String PUBLISH = "PUBLISH";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final String producer;
    private final Function<String, String> jobNamespace;
    private final LineageFacets facets;
    private final Map<String, CatalogEntry> entries = new LinkedHashMap<>();
    /** The entries kept per deployment, by product, oldest first: the products as they were at a time. */
    private final Map<String, List<DeployedEntry>> deployed;
    /** The quality records by product, environment and port ({@link #portKey}). */
    private final Map<String, List<QualityRecord>> quality;

    /**
     * @param jobNamespace the job namespace of an environment
     * @param mesh         every product of the environment, to resolve input ports
     * @param deployed     the entries kept per deployment, of any products, any order (may be empty)
     * @param quality      quality records of any products, any order
     */
    LineageEvents(
            String producer,
            Function<String, String> jobNamespace,
            List<CatalogEntry> mesh,
            List<DeployedEntry> deployed,
            List<QualityRecord> quality) {
        this.producer = producer;
        this.jobNamespace = jobNamespace;
        this.facets = new LineageFacets(producer);
        mesh.forEach(e -> entries.put(e.productId(), e));
        this.deployed = deployed.stream()
                .sorted(Comparator.comparing(d -> d.record().deployedAt()))
                .collect(Collectors.groupingBy(d -> d.record().productId()));
        this.quality =
                quality.stream().collect(Collectors.groupingBy(q -> portKey(q.productId(), q.environment(), q.port())));
    }

    /**
     * A deployment's run of the product's job ({@code name} = product id): {@code COMPLETE} with the
     * resolved inputs and the live outputs when it succeeded, {@code FAIL} with neither when it failed.
     */
    ObjectNode deployment(DeploymentRecord d, CatalogEntry entry) {
        String namespace = jobNamespace.apply(d.environment());
        boolean ok = d.outcome() == DeploymentRecord.Outcome.SUCCEEDED;
        ObjectNode event = event(
                ok ? "COMPLETE" : "FAIL",
                d.deployedAt(),
                RunIds.of(d.deployedAt(), namespace, d.productId(), "deployment", d.checksum())
                        .toString(),
                namespace,
                d.productId(),
                entry == null ? null : facets.job(entry, DEPLOYMENT));
        if (ok && entry != null) {
            event.set("inputs", inputs(entry, d.deployedAt()));
            ArrayNode outputs = event.putArray("outputs");
            for (PortTable t : PortTable.live(entry)) outputs.add(output(t, latest(t.port(), entry, d.deployedAt())));
        }
        return event;
    }

    /**
     * A publish's run of job {@code <product>.<port>.publish}: the product's resolved inputs, and as outputs
     * the port's tables at the record's major version with the record's assertions; empty when the entry
     * has no such port.
     */
    Optional<ObjectNode> publish(QualityRecord q, CatalogEntry entry) {
        Optional<CatalogEntry.Port> port = entry.outputPorts().stream()
                .filter(p -> p.name().equals(q.port()) && p.majorVersion() == q.majorVersion())
                .findFirst();
        if (port.isEmpty()) return Optional.empty();
        String namespace = jobNamespace.apply(q.environment());
        String job = q.productId() + "." + q.port() + ".publish";
        ObjectNode event = event(
                "COMPLETE",
                q.checkedAt(),
                RunIds.of(q.checkedAt(), namespace, job, "v" + q.majorVersion()).toString(),
                namespace,
                job,
                facets.job(entry, PUBLISH));
        event.set("inputs", inputs(entry, q.checkedAt()));
        ArrayNode outputs = event.putArray("outputs");
        for (PortTable t : PortTable.of(entry, port.get())) outputs.add(output(t, Optional.of(q)));
        return Optional.of(event);
    }

    private ObjectNode event(
            String type, Instant time, String runId, String namespace, String job, ObjectNode jobFacets) {
        ObjectNode event = JSON.objectNode().put("eventType", type).put("eventTime", time.toString());
        event.putObject("run").put("runId", runId);
        ObjectNode j = event.putObject("job").put("namespace", namespace).put("name", job);
        if (jobFacets != null) j.set("facets", jobFacets);
        event.put("producer", producer).put("schemaURL", RUN_EVENT);
        return event;
    }

    /** The producers' tables each resolved input port reads, once each; unresolved inputs have no table. */
    private ArrayNode inputs(CatalogEntry consumer, Instant at) {
        ArrayNode inputs = JSON.arrayNode();
        Set<String> seen = new HashSet<>();
        for (CatalogEntry.Input in : consumer.inputPorts()) {
            CatalogEntry producerEntry = in.producer() == null ? null : entryAt(in.producer(), at);
            if (producerEntry == null) continue;
            for (CatalogEntry.Port p : producerEntry.outputPorts()) {
                if (!p.name().equals(in.producerPort()) || p.majorVersion() != in.majorVersion()) continue;
                Optional<QualityRecord> checked = latest(p, producerEntry, at);
                for (PortTable t : PortTable.of(producerEntry, p)) {
                    if (!seen.add(t.address().namespace() + " " + t.address().name())) continue;
                    ObjectNode input = dataset(t);
                    checked.map(q -> facets.assertions(t, q))
                            .ifPresent(a -> input.putObject("inputFacets").set("dataQualityAssertions", a));
                    inputs.add(input);
                }
            }
        }
        return inputs;
    }

    private ObjectNode output(PortTable t, Optional<QualityRecord> checked) {
        ObjectNode output = dataset(t);
        checked.map(q -> facets.assertions(t, q))
                .ifPresent(a -> ((ObjectNode) output.get("facets")).set("dataQualityAssertions", a));
        return output;
    }

    private ObjectNode dataset(PortTable t) {
        ObjectNode d = JSON.objectNode()
                .put("namespace", t.address().namespace())
                .put("name", t.address().name());
        d.set("facets", facets.dataset(t));
        return d;
    }

    /**
     * A product as its newest deployment at or before {@code at} left it, when that entry was kept; else as the
     * catalog shows it now (the product's deployments until then were recorded before entries were kept).
     */
    CatalogEntry entryAt(String productId, Instant at) {
        CatalogEntry then = keptAt(productId, at);
        return then != null ? then : entries.get(productId);
    }

    /** The entry kept for a product's newest deployment at or before {@code at}; null when none was kept. */
    CatalogEntry keptAt(String productId, Instant at) {
        CatalogEntry then = null;
        for (DeployedEntry d : deployed.getOrDefault(productId, List.of())) {
            if (d.record().deployedAt().isAfter(at)) break;
            then = d.entry();
        }
        return then;
    }

    /** The newest quality record of a port (at its major version) checked at or before {@code at}. */
    private Optional<QualityRecord> latest(CatalogEntry.Port port, CatalogEntry owner, Instant at) {
        return quality.getOrDefault(portKey(owner.productId(), owner.environment(), port.name()), List.of()).stream()
                .filter(q -> q.majorVersion() == port.majorVersion()
                        && !q.checkedAt().isAfter(at))
                .max(Comparator.comparing(QualityRecord::checkedAt));
    }

    private static String portKey(String productId, String environment, String port) {
        return productId + '\u0000' + environment + '\u0000' + port;
    }
}

package dev.meshsdk.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The mesh as OpenLineage run events (spec {@code 2-0-2}, {@code RunEvent}), for a lineage server such as
 * Marquez or any tool that reads OpenLineage; send them with a {@link LineageTransport}.
 *
 * <p>Each product is a job in namespace {@code mesh://<environment>} (or the one set with
 * {@link #jobNamespace}). A deployment is a run of job {@code <product id>}; a publish of an output port is
 * a run of job {@code <product id>.<port>.publish}. Each run is described by the product as that deployment
 * left it (the catalog entry the registry kept for it): inputs are the tables of the producers' ports that
 * the product's input ports resolved to, as the producers were then; outputs are the tables of the product's
 * live output ports. Tables carry the {@code schema}, {@code dataSource}, {@code documentation},
 * {@code ownership}, {@code tags} and {@code dataQualityAssertions} facets, and are named as OpenLineage's
 * naming spec says ({@code postgres://host:5432} + {@code db.schema.table}, {@code s3://bucket} + key,
 * {@code file} + path).
 *
 * <p>Run ids are derived from the run (product, time, descriptors' checksum or port), so exporting the
 * same history twice sends the same runs, which a lineage server updates rather than duplicates. Building
 * events has no side effects. Instances are immutable and thread-safe.
 */
public final class OpenLineageExport {
    private static final int DEFAULT_QUALITY_RECORDS = 100;
    private final String jobNamespace;
    private final URI producer;
    private final int qualityRecords;

    private OpenLineageExport(String jobNamespace, URI producer, int qualityRecords) {
        this.jobNamespace = jobNamespace;
        this.producer = producer;
        this.qualityRecords = qualityRecords;
    }

    /** An export with the defaults: job namespace {@code mesh://<environment>}, {@link #defaultProducer()}. */
    public static OpenLineageExport create() {
        return new OpenLineageExport(null, defaultProducer(), DEFAULT_QUALITY_RECORDS);
    }

    /** This export with every job in {@code namespace} instead of {@code mesh://<environment>}. */
    public OpenLineageExport jobNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use a blank OpenLineage job namespace;" + " leave it unset for mesh://<environment>");
        }
        return new OpenLineageExport(namespace, producer, qualityRecords);
    }

    /** This export naming {@code producer} as the events' producer (an absolute URI). */
    public OpenLineageExport producer(URI producer) {
        if (producer == null || !producer.isAbsolute()) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot name '" + producer
                            + "' as the OpenLineage producer: it must be an absolute URI such as https://example.com/my-build");
        }
        return new OpenLineageExport(jobNamespace, producer, qualityRecords);
    }

    /** This export reading at most {@code limit} quality records per product from a {@link MeshCatalog}. */
    public OpenLineageExport qualityRecords(int limit) {
        if (limit < 1) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot read " + limit + " quality records per product; read at least 1");
        }
        return new OpenLineageExport(jobNamespace, producer, limit);
    }

    /** The SDK as a producer: {@code https://meshsdk.dev/mesh-export/<version>}. */
    public static URI defaultProducer() {
        return URI.create("https://meshsdk.dev/mesh-export/" + Version.VALUE);
    }

    /**
     * The events of an environment as its registry recorded them: for each product, a run per deployment,
     * {@code COMPLETE} described by the catalog entry that deployment left ({@link MeshCatalog#deployedEntries})
     * or {@code FAIL} for a failed one, and a run per publish among its latest {@link #qualityRecords} quality
     * records, oldest first. A successful deployment recorded before the registry kept an entry per deployment
     * is left out, since describing it with later ports would rewrite its lineage; the current deployment is
     * always sent, described by the catalog's entry, which it stored.
     */
    public List<ObjectNode> events(MeshCatalog catalog) {
        List<CatalogEntry> entries = catalog.products();
        List<String> ids = entries.stream().map(CatalogEntry::productId).toList();
        List<DeploymentRecord> history = new ArrayList<>();
        catalog.histories(ids, Integer.MAX_VALUE).values().forEach(history::addAll);
        List<DeployedEntry> deployed = new ArrayList<>();
        catalog.deployedEntries(ids).values().forEach(deployed::addAll);
        List<QualityRecord> quality = new ArrayList<>();
        // the newest records of each port hold the newest of the product: keep those, as many as asked
        catalog.quality(ids, qualityRecords).values().forEach(records -> records.stream()
                .sorted(Comparator.comparing(QualityRecord::checkedAt).reversed())
                .limit(qualityRecords)
                .forEach(quality::add));
        return events(entries, history, deployed, quality);
    }

    /**
     * The events of a mesh given as values, oldest first: for each entry, a run per record of {@code history}
     * for it, and a run per {@code publish} record of {@code quality} whose port the product listed at the
     * record's time. A successful deployment is described by its entry in {@code deployed}; one without is
     * left out, except the newest, which {@code entries} describes (it stored that entry). A failed one is a
     * {@code FAIL} run without datasets, its job described by the entry kept before it, if any. Input ports
     * resolve to the producers' tables as the producers' entries in {@code deployed} were at the run's time,
     * else as {@code entries} shows them. Records of products not in {@code entries} are ignored.
     *
     * @param entries  every product of the environment, as the catalog shows it now
     * @param history  deployment records, any products, any order
     * @param deployed the entries kept per successful deployment, any products, any order (may be empty)
     * @param quality  quality records, any products, any order
     */
    public List<ObjectNode> events(
            List<CatalogEntry> entries,
            List<DeploymentRecord> history,
            List<DeployedEntry> deployed,
            List<QualityRecord> quality) {
        LineageEvents events = builder(entries, deployed, quality);
        Map<DeploymentRecord, CatalogEntry> keptFor = new HashMap<>();
        deployed.forEach(d -> keptFor.put(d.record(), d.entry()));
        Map<String, List<DeploymentRecord>> historyOf =
                history.stream().collect(Collectors.groupingBy(DeploymentRecord::productId));
        Map<String, List<QualityRecord>> qualityOf =
                quality.stream().collect(Collectors.groupingBy(QualityRecord::productId));
        List<Timed> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            List<DeploymentRecord> own = historyOf.getOrDefault(e.productId(), List.of()).stream()
                    .filter(d -> d.environment().equals(e.environment()))
                    .toList();
            DeploymentRecord current = own.stream()
                    .filter(d -> d.outcome() == DeploymentRecord.Outcome.SUCCEEDED)
                    .max(Comparator.comparing(DeploymentRecord::deployedAt))
                    .orElse(null);
            for (DeploymentRecord d : own) {
                if (d.outcome() == DeploymentRecord.Outcome.FAILED) {
                    // the job as the last deployment before it left it, if kept: a failed one leaves no entry
                    out.add(new Timed(events.deployment(d, events.keptAt(d.productId(), d.deployedAt()))));
                    continue;
                }
                CatalogEntry asDeployed = keptFor.getOrDefault(d, d.equals(current) ? e : null);
                if (asDeployed != null) out.add(new Timed(events.deployment(d, asDeployed)));
            }
            qualityOf.getOrDefault(e.productId(), List.of()).stream()
                    .filter(q -> q.environment().equals(e.environment())
                            && "publish"
                                    .equals(
                                            q.source() == null
                                                    ? null
                                                    : q.source().toLowerCase(Locale.ROOT)))
                    .forEach(q -> events.publish(q, events.entryAt(e.productId(), q.checkedAt()))
                            .ifPresent(ev -> out.add(new Timed(ev))));
        }
        return out.stream().sorted(Timed.ORDER).map(Timed::event).toList();
    }

    /**
     * The event of one deployment: {@code COMPLETE} with inputs and outputs when it succeeded, {@code FAIL}
     * without them when it failed.
     *
     * @param entry   the product as this deployment left it; may be null for a failed deployment
     * @param mesh    the other products of the environment, to resolve the input ports
     * @param quality quality records to take the tables' latest assertions from (at the deployment's time)
     */
    public ObjectNode deployment(
            DeploymentRecord record, CatalogEntry entry, List<CatalogEntry> mesh, List<QualityRecord> quality) {
        Objects.requireNonNull(record, "record");
        if (entry == null && record.outcome() == DeploymentRecord.Outcome.SUCCEEDED) {
            throw new MeshException(
                    ErrorCode.INTERNAL,
                    "Cannot describe the successful deployment of '" + record.productId()
                            + "' without its catalog entry");
        }
        return builder(mesh, List.of(), quality).deployment(record, entry);
    }

    /**
     * The event of one publish ({@code record} with source {@code publish}) of a port of {@code entry}.
     *
     * @throws MeshException {@code NOT_FOUND} when the entry has no such port at the record's major version
     */
    public ObjectNode publish(
            QualityRecord record, CatalogEntry entry, List<CatalogEntry> mesh, List<QualityRecord> quality) {
        return builder(mesh, List.of(), quality)
                .publish(record, entry)
                .orElseThrow(() -> new MeshException(
                        ErrorCode.NOT_FOUND,
                        "Cannot describe the publish of port '" + record.port() + "' v" + record.majorVersion()
                                + " of product '"
                                + record.productId() + "': the catalog entry has no such port; its ports: "
                                + entry.outputPorts().stream()
                                        .map(p -> p.name() + " v" + p.majorVersion())
                                        .toList()));
    }

    private LineageEvents builder(List<CatalogEntry> mesh, List<DeployedEntry> deployed, List<QualityRecord> quality) {
        return new LineageEvents(
                producer.toString(),
                env -> jobNamespace != null ? jobNamespace : "mesh://" + env,
                mesh == null ? List.of() : mesh,
                deployed == null ? List.of() : deployed,
                quality == null ? List.of() : quality);
    }

    /** An event with its time and job, to send runs in the order they happened. */
    private record Timed(Instant time, String job, ObjectNode event) {
        static final Comparator<Timed> ORDER = Comparator.comparing(Timed::time).thenComparing(Timed::job);

        Timed(ObjectNode event) {
            this(
                    Instant.parse(event.get("eventTime").asText()),
                    event.path("job").path("name").asText(),
                    event);
        }
    }

    /** The module's version, for the producer URI (filtered in by the build). */
    private static final class Version {
        static final String VALUE = read();

        private static String read() {
            try (InputStream in = OpenLineageExport.class.getResourceAsStream("export.properties")) {
                Properties p = new Properties();
                if (in != null) p.load(in);
                String v = p.getProperty("version", "");
                return v.isBlank() || v.startsWith("${") ? "unknown" : v;
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}

package dev.meshsdk.catalog.site;

import dev.meshsdk.Lineage;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SiteData} indexed once for the pages: products by id, lineage links by producer and by
 * consumer, quality records by port and major version (newest first), deployments newest first. Every
 * lookup a page makes is a map access, so writing the site is linear in the size of the catalog.
 */
final class SiteModel {
    /** One producer-to-consumer link of the lineage graph: every input port of the pair, merged. */
    record Link(String producer, String consumer, List<Lineage.Edge> edges) {}

    /** The latest quality state of a product or a port. */
    enum Verdict {
        PASSED("passed"),
        FAILED("failed"),
        NONE("no checks");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    final String environment;
    final List<CatalogEntry> entries;
    private final Map<String, CatalogEntry> byId = new HashMap<>();
    private final Map<String, List<Link>> byProducer = new HashMap<>();
    private final Map<String, List<Link>> byConsumer = new HashMap<>();
    private final List<Link> links;
    /** By product id, then port name and major version: its records, newest first. */
    private final Map<String, Map<String, List<QualityRecord>>> quality = new HashMap<>();

    private final Map<String, List<DeploymentRecord>> deployments;
    /** The usage report, null when the registry keeps none. */
    final dev.meshsdk.UsageReport usage;

    SiteModel(SiteData data) {
        this.environment = data.environment();
        this.entries = data.entries().stream()
                .sorted(Comparator.comparing(CatalogEntry::productId))
                .toList();
        entries.forEach(e -> byId.put(e.productId(), e));
        Map<String, Link> pairs = new LinkedHashMap<>();
        for (Lineage.Edge edge : data.edges()) {
            if (edge.producer() == null || edge.consumer() == null) continue;
            pairs.computeIfAbsent(
                            edge.producer() + '\u0000' + edge.consumer(),
                            k -> new Link(edge.producer(), edge.consumer(), new ArrayList<>()))
                    .edges()
                    .add(edge);
        }
        this.links = pairs.values().stream()
                .sorted(Comparator.comparing(Link::producer).thenComparing(Link::consumer))
                .toList();
        for (Link link : links) {
            byProducer.computeIfAbsent(link.producer(), k -> new ArrayList<>()).add(link);
            byConsumer.computeIfAbsent(link.consumer(), k -> new ArrayList<>()).add(link);
        }
        data.quality().forEach((id, records) -> {
            Map<String, List<QualityRecord>> byPort = new HashMap<>();
            for (QualityRecord r : records) {
                byPort.computeIfAbsent(portKey(r.port(), r.majorVersion()), k -> new ArrayList<>())
                        .add(r);
            }
            byPort.values()
                    .forEach(list -> list.sort(
                            Comparator.comparing(QualityRecord::checkedAt).reversed()));
            quality.put(id, byPort);
        });
        this.deployments = data.deployments();
        this.usage = data.usage();
    }

    CatalogEntry entry(String productId) {
        return byId.get(productId);
    }

    /** Every link of the mesh, by producer then consumer. */
    List<Link> links() {
        return links;
    }

    /** The links from {@code productId}'s ports to its consumers, by consumer. */
    List<Link> downstream(String productId) {
        return byProducer.getOrDefault(productId, List.of());
    }

    /** The links from {@code productId}'s producers to it, by producer. */
    List<Link> upstream(String productId) {
        return byConsumer.getOrDefault(productId, List.of());
    }

    /** The output ports consumers may still read: one per port and live contract major version. */
    static List<CatalogEntry.Port> livePorts(CatalogEntry e) {
        return e.outputPorts().stream()
                .filter(CatalogEntry.Port::live)
                .sorted(Comparator.comparing(CatalogEntry.Port::name)
                        .thenComparing(Comparator.comparingInt(CatalogEntry.Port::majorVersion)
                                .reversed()))
                .toList();
    }

    /** The quality records of one port in one major version, newest first, at most {@code limit}. */
    List<QualityRecord> quality(String productId, CatalogEntry.Port port, int limit) {
        List<QualityRecord> records = quality.getOrDefault(productId, Map.of())
                .getOrDefault(portKey(port.name(), port.majorVersion()), List.of());
        return records.subList(0, Math.min(limit, records.size()));
    }

    private static String portKey(String port, int majorVersion) {
        return port + '\u0000' + majorVersion;
    }

    /** The latest verdict of one port: that of its newest record. */
    Verdict verdict(String productId, CatalogEntry.Port port) {
        List<QualityRecord> latest = quality(productId, port, 1);
        if (latest.isEmpty()) return Verdict.NONE;
        return latest.get(0).passed() ? Verdict.PASSED : Verdict.FAILED;
    }

    /** A product's latest verdict: failed when any live port's latest record failed, none without any. */
    Verdict verdict(CatalogEntry e) {
        Verdict out = Verdict.NONE;
        for (CatalogEntry.Port port : livePorts(e)) {
            Verdict v = verdict(e.productId(), port);
            if (v == Verdict.FAILED) return v;
            if (v == Verdict.PASSED) out = v;
        }
        return out;
    }

    /** A product's deployments, newest first. */
    List<DeploymentRecord> deployments(String productId) {
        return deployments.getOrDefault(productId, List.of()).stream()
                .sorted(Comparator.comparing(DeploymentRecord::deployedAt).reversed())
                .toList();
    }

    /** The page of a product relative to a page {@code depth} folders below the site's root. */
    static String productHref(String productId, int depth) {
        return "../".repeat(depth) + PageNames.productPath(productId);
    }
}

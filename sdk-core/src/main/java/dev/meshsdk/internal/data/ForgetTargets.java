package dev.meshsdk.internal.data;

import dev.meshsdk.Lineage;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where one subject type's data is, by the catalog: every port version whose contract marks a subject key of
 * the type, and the columns downstream of them that are named like such a key but are not marked. Reads
 * catalog entries only; no store is touched.
 */
final class ForgetTargets {
    private ForgetTargets() {}

    /** One port in one contract major version, and its subject-key columns of the type. */
    record Target(CatalogEntry entry, CatalogEntry.Port port, List<CatalogEntry.Column> keys) {
        String label() {
            return entry.productId() + "/" + port.name() + " v" + port.majorVersion();
        }
    }

    /** Every subject type some port of the catalog marks, lower-cased and sorted. */
    static Set<String> knownTypes(List<CatalogEntry> entries) {
        Set<String> out = new TreeSet<>();
        for (CatalogEntry e : entries) {
            for (CatalogEntry.Port p : e.outputPorts()) {
                for (CatalogEntry.Column c : p.columns()) {
                    if (c.subjectKey() != null) out.add(c.subjectKey().trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The port versions that mark a subject key of {@code type}, by product id, port and major version. */
    static List<Target> of(List<CatalogEntry> entries, String type) {
        List<Target> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            for (CatalogEntry.Port p : e.outputPorts()) {
                List<CatalogEntry.Column> keys =
                        p.columns().stream().filter(c -> isKey(c, type)).toList();
                if (!keys.isEmpty()) out.add(new Target(e, p, keys));
            }
        }
        return out;
    }

    /**
     * Warnings for the columns of products downstream of a target (transitively, by the lineage) that have the
     * name of one of its subject keys but are not a subject key of the type: forget does not search them.
     */
    static List<Diagnostic> unmarkedDownstream(
            List<CatalogEntry> entries, List<Target> targets, String type, List<Lineage.Edge> edges) {
        Map<String, CatalogEntry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.productId(), e));
        Set<String> seen = new LinkedHashSet<>();
        List<Diagnostic> out = new ArrayList<>();
        for (Target t : targets) {
            for (String consumer : downstream(t.entry().productId(), edges)) {
                CatalogEntry c = byId.get(consumer);
                if (c == null) continue;
                for (CatalogEntry.Port p : c.outputPorts()) {
                    for (CatalogEntry.Column col : p.columns()) {
                        if (isKey(col, type)) continue;
                        for (CatalogEntry.Column key : t.keys()) {
                            if (!col.name().equalsIgnoreCase(key.name())) continue;
                            String id = c.productId() + "|" + p.name() + "|" + p.majorVersion() + "|" + col.object()
                                    + "|" + col.name();
                            if (!seen.add(id)) continue;
                            out.add(Diagnostic.warning(
                                    "MESH-ERASURE",
                                    location(c, p),
                                    "Column '" + col.object()
                                            + "." + col.name() + "' of port '" + p.name() + "' v" + p.majorVersion()
                                            + " of product '" + c.productId()
                                            + "' may hold the subject's data: it is named"
                                            + " like subject key '" + key.name() + "' of upstream product '"
                                            + t.entry().productId() + "' but is not a subject key of type '" + type
                                            + "', so it was not searched",
                                    "mark it as subjectKey: " + type
                                            + " in the contract if it identifies the subject, then forget again"));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean isKey(CatalogEntry.Column c, String type) {
        return c.subjectKey() != null && c.subjectKey().trim().equalsIgnoreCase(type);
    }

    /** The products that read {@code producer}'s ports, directly or through others. */
    private static Set<String> downstream(String producer, List<Lineage.Edge> edges) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(producer));
        while (!todo.isEmpty()) {
            String at = todo.poll();
            for (Lineage.Edge e : edges) {
                if (e.producer().equals(at) && !e.consumer().equals(producer) && out.add(e.consumer())) {
                    todo.add(e.consumer());
                }
            }
        }
        return out;
    }

    private static Location location(CatalogEntry e, CatalogEntry.Port p) {
        String file = p.contractFile() != null ? p.contractFile() : "product.yaml";
        return Location.of(Path.of(e.productId()).resolve(file));
    }
}

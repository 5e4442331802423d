package dev.meshsdk.storage.local;

import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.storage.delta.DeltaColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares one wanted table with what was found and lists the changes, without touching anything.
 * Additive and compatible changes are planned; anything that would break readers or lose data is
 * {@link Change.Refused} with a hint to provision the next major version beside the table.
 */
final class LocalPlanner {
    private LocalPlanner() {}

    static List<Change> plan(TableSpec want, TableState found, List<AccessGrant> access, int major) {
        List<Change> changes = new ArrayList<>();
        String t = want.target();
        String hint = hint(want.target(), major);
        if (!found.tableExists()) {
            Map<String, String> properties = new LinkedHashMap<>(want.properties());
            properties.putAll(TableSpecs.CREATE_ONLY);
            changes.add(new Change.CreateTable(
                    t, want.columns(), want.primaryKey(), want.partitionBy(), properties, want.comment()));
        } else {
            planColumns(want, found, hint, changes);
            if (!want.partitionBy().equals(found.partitionColumns())) {
                changes.add(new Change.Refused(
                        t,
                        "partition columns " + found.partitionColumns() + " would become " + want.partitionBy()
                                + ", which rewrites the table",
                        hint));
            }
            planProperties(want, found, changes);
        }
        planAccess(t, found.grants(), access, changes);
        return changes;
    }

    private static void planColumns(TableSpec want, TableState found, String hint, List<Change> changes) {
        List<Change> columns = DeltaColumns.plan(
                want.target(),
                found.columns(),
                want.columns(),
                hint,
                c -> DeltaColumns.cannotDrop(found.properties(), found.partitionColumns(), c));
        boolean alters = columns.stream().anyMatch(c -> !(c instanceof Change.Refused));
        String mapping = found.properties().get("delta.columnMapping.mode");
        if (alters && !"name".equals(mapping) && !"id".equals(mapping)) {
            columns.removeIf(c -> !(c instanceof Change.Refused));
            columns.add(new Change.Refused(
                    want.target(),
                    "the table was not created with column mapping, and Delta"
                            + " Kernel cannot change the schema of such a table",
                    hint));
        }
        changes.addAll(columns);
    }

    private static void planProperties(TableSpec want, TableState found, List<Change> changes) {
        Map<String, String> set = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : want.properties().entrySet()) {
            if (!e.getValue().equals(found.properties().get(e.getKey()))) set.put(e.getKey(), e.getValue());
        }
        List<String> removed = new ArrayList<>();
        for (String k : new TreeSet<>(found.properties().keySet())) {
            if (!TableSpecs.managed(k) || want.properties().containsKey(k)) continue;
            if (!k.startsWith("delta.")) {
                removed.add(k);
            } else if (k.equals(TableSpecs.RETENTION)
                    && !TableSpecs.DEFAULT_RETENTION.equals(found.properties().get(k))) {
                // The kernel cannot unset delta.* properties; Delta's default has the same effect.
                set.put(k, TableSpecs.DEFAULT_RETENTION);
            }
        }
        if (!set.isEmpty() || !removed.isEmpty()) {
            changes.add(new Change.SetProperties(want.target(), set, removed));
        }
    }

    private static void planAccess(String t, List<AccessGrant> found, List<AccessGrant> access, List<Change> changes) {
        Set<AccessGrant> wanted = new LinkedHashSet<>(access);
        for (AccessGrant g : wanted) {
            if (!found.contains(g)) changes.add(new Change.Grant(t, g.principal(), g.privilege()));
        }
        for (AccessGrant g : found) {
            if (!wanted.contains(g)) changes.add(new Change.Revoke(t, g.principal(), g.privilege()));
        }
    }

    private static String hint(String target, int major) {
        int base = Math.max(major, 1);
        String name = base >= 2 ? target.substring(0, target.length() - ("_v" + base).length()) : target;
        return "bump the contract's major version to " + (base + 1) + " to provision " + name + "_v" + (base + 1)
                + " beside it";
    }
}

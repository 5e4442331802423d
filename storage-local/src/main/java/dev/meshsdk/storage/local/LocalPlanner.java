package dev.meshsdk.storage.local;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AccessGrant;
import io.delta.kernel.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
            changes.add(new Change.CreateTable(t, want.columns(), want.primaryKey(), want.partitionBy(), properties,
                    want.comment()));
        } else {
            planColumns(want, found, hint, changes);
            if (!want.partitionBy().equals(found.partitionColumns())) {
                changes.add(new Change.Refused(t, "partition columns " + found.partitionColumns() + " would become "
                        + want.partitionBy() + ", which rewrites the table", hint));
            }
            planProperties(want, found, changes);
        }
        planAccess(t, found.grants(), access, changes);
        return changes;
    }

    private static void planColumns(TableSpec want, TableState found, String hint, List<Change> changes) {
        String t = want.target();
        Map<String, Column> actual = new LinkedHashMap<>();
        for (Column c : found.columns()) actual.put(key(c.name()), c);
        Set<String> wanted = new LinkedHashSet<>();
        List<Change> schemaChanges = new ArrayList<>();
        for (Column c : want.columns()) {
            wanted.add(key(c.name()));
            Column a = actual.get(key(c.name()));
            if (a == null) {
                if (!c.nullable()) {
                    changes.add(new Change.Refused(t, "new column '" + c.name()
                            + "' is required, and the rows already in the table have no value for it", hint));
                } else {
                    schemaChanges.add(new Change.AddColumn(t, c));
                }
                continue;
            }
            Optional<String> breaking = breaking(a, c);
            if (breaking.isPresent()) {
                changes.add(new Change.Refused(t, breaking.get(), hint));
            } else if (!sameColumn(a, c)) {
                schemaChanges.add(new Change.AlterColumn(t, a, c));
            }
        }
        for (Column a : found.columns()) {
            if (!wanted.contains(key(a.name()))) {
                changes.add(new Change.Refused(t, "column '" + a.name() + "' was removed from the contract", hint));
            }
        }
        if (!schemaChanges.isEmpty() && !"name".equals(found.properties().get("delta.columnMapping.mode"))
                && !"id".equals(found.properties().get("delta.columnMapping.mode"))) {
            changes.add(new Change.Refused(t, "the table was not created with column mapping, and Delta Kernel cannot"
                    + " change the schema of such a table", hint));
            return;
        }
        changes.addAll(schemaChanges);
    }

    /** Why changing column {@code from} to {@code to} breaks readers or data, if it does. */
    static Optional<String> breaking(Column from, Column to) {
        if (!from.type().equals(to.type())) {
            DataType a = DeltaTypes.parseRequired(from.type());
            DataType b = DeltaTypes.parseRequired(to.type());
            if (!DeltaTypes.isWidening(a, b)) {
                return Optional.of("column '" + to.name() + "' would change type from " + from.type() + " to "
                        + to.type() + ", which is not a widening");
            }
        }
        if (from.nullable() && !to.nullable()) {
            return Optional.of("column '" + to.name() + "' would become required, and rows already in the table"
                    + " may hold nulls");
        }
        return Optional.empty();
    }

    /** Whether the table's column already is what the contract wants (type, nullability, comment, classification). */
    static boolean sameColumn(Column a, Column b) {
        return a.type().equals(b.type()) && a.nullable() == b.nullable() && Objects.equals(a.comment(), b.comment())
                && Objects.equals(a.classification(), b.classification());
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

    /** Delta column names are case-insensitive. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String hint(String target, int major) {
        int base = Math.max(major, 1);
        String name = base >= 2 ? target.substring(0, target.length() - ("_v" + base).length()) : target;
        return "bump the contract's major version to " + (base + 1) + " to provision " + name + "_v" + (base + 1)
                + " beside it";
    }
}

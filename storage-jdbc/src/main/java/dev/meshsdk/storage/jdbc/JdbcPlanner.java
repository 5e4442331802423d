package dev.meshsdk.storage.jdbc;

import dev.meshsdk.internal.schema.ColumnEvolution;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the tables a contract wants with the tables found and lists the changes, without side effects.
 *
 * <p>Columns follow the SDK's column-evolution rules ({@link ColumnEvolution}), which the Delta stores follow too,
 * with the dialect's widenings and whether it can drop {@code NOT NULL}: a new nullable column, a wider type, a relaxed
 * {@code NOT NULL} and a new comment are planned in place. Anything that could break a consumer (a column gone or
 * renamed, a narrower or different type, a new {@code NOT NULL}, another primary key or unique constraint) is
 * {@link Change.Refused} with a hint: publish a new major version of the contract, which is provisioned beside the old
 * table as {@code <table>_v<major>}. A table changed by hand shows up the same way, so drift is visible in the plan.
 */
public final class JdbcPlanner {
    private final SqlDialect dialect;
    private final ColumnEvolution.Store store;

    public JdbcPlanner(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        // Quoted SQL names compare exactly; the classification is part of the column comment (TableSpecs).
        this.store =
                new ColumnEvolution.Store(dialect.name(), dialect::isWidening, dialect.canRelaxNotNull(), false, false);
    }

    /** The changes for {@code port}, given the tables found (by name; a missing entry means absent). */
    public List<Change> plan(PortBinding port, List<TableSpec> desired, Map<String, TableState> actual) {
        List<Change> out = new ArrayList<>();
        Set<AccessGrant> wanted = new LinkedHashSet<>();
        for (AccessGrant g : port.access()) {
            dialect.checkPrincipal(g.principal());
            dialect.privileges(g.privilege());
            wanted.add(g);
        }
        for (TableSpec spec : desired) {
            TableState found = actual.getOrDefault(spec.name(), TableState.absent(spec.name()));
            if (!found.exists()) {
                out.add(create(spec));
            } else {
                out.addAll(evolve(port, spec, found));
            }
            for (AccessGrant g : wanted) {
                if (!found.grants().contains(g) || !found.owned().contains(g)) {
                    out.add(new Change.Grant(spec.name(), g.principal(), g.privilege()));
                }
            }
            for (AccessGrant g : found.owned()) {
                if (!wanted.contains(g)) out.add(new Change.Revoke(spec.name(), g.principal(), g.privilege()));
            }
        }
        return out;
    }

    private Change.CreateTable create(TableSpec spec) {
        Map<String, String> properties = new LinkedHashMap<>(spec.properties());
        if (!spec.unique().isEmpty()) properties.put("unique", String.join(",", spec.unique()));
        return new Change.CreateTable(
                spec.name(), spec.columns(), spec.primaryKey(), List.of(), properties, spec.comment());
    }

    private List<Change> evolve(PortBinding port, TableSpec spec, TableState found) {
        String hint = majorHint(port, spec);
        // Every column the contract no longer has can be dropped in place (ALTER TABLE ... DROP COLUMN).
        List<Change> out = new ArrayList<>(
                ColumnEvolution.plan(spec.name(), found.columns(), spec.columns(), store, hint, column -> null));
        if (found.primaryKey() != null && !found.primaryKey().equals(spec.primaryKey())) {
            out.add(new Change.Refused(
                    spec.name(),
                    "the primary key is " + keyText(found.primaryKey())
                            + " in the table but the contract wants " + keyText(spec.primaryKey())
                            + " (changed in the contract, or by hand)",
                    hint));
        }
        if (found.unique() != null) {
            for (String column : spec.unique()) {
                if (!found.unique().contains(column)) {
                    out.add(new Change.Refused(
                            spec.name(),
                            "column '" + column + "' is unique in the contract but"
                                    + " has no unique constraint in the table (added in the contract, or dropped by hand);"
                                    + " existing rows may hold duplicates",
                            "check for duplicates and add the constraint by" + " hand, or " + hint));
                }
            }
            for (String column : found.unique()) {
                if (!spec.unique().contains(column) && !spec.primaryKey().equals(List.of(column))) {
                    out.add(new Change.Refused(
                            spec.name(),
                            "column '" + column + "' has a unique constraint in the"
                                    + " table that the contract does not declare (removed in the contract, or added by hand)",
                            "mark it unique in the contract, drop the constraint by hand, or " + hint));
                }
            }
        }
        if (!Objects.equals(found.comment(), spec.comment())) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("comment", spec.comment());
            out.add(new Change.SetProperties(spec.name(), props, List.of()));
        }
        return out;
    }

    private static String keyText(List<String> key) {
        return key.isEmpty() ? "none" : "(" + String.join(", ", key) + ")";
    }

    private static String majorHint(PortBinding port, TableSpec spec) {
        int next = Math.max(2, port.contractMajorVersion() + 1);
        String base = spec.name().replaceFirst("_v\\d+$", "");
        return "publish it as contract version " + next + ".0.0 to provision " + base + "_v" + next
                + " beside the current table";
    }
}

package dev.meshsdk.storage.jdbc;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
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
 * <p>Additive and widening changes are planned in place: a new nullable column, a wider type, a relaxed
 * {@code NOT NULL}, a new comment. Anything that could break a consumer (a column gone or renamed, a
 * narrower or different type, a new {@code NOT NULL}) is {@link Change.Refused} with a hint: publish a new
 * major version of the contract, which is provisioned beside the old table as {@code <table>_v<major>}.
 * A table changed by hand shows up the same way, so drift is visible in the plan.
 */
public final class JdbcPlanner {
    private final SqlDialect dialect;

    public JdbcPlanner(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
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
        return new Change.CreateTable(spec.name(), spec.columns(), spec.primaryKey(), List.of(), properties,
                spec.comment());
    }

    private List<Change> evolve(PortBinding port, TableSpec spec, TableState found) {
        List<Change> out = new ArrayList<>();
        String hint = majorHint(port, spec);
        Set<String> wantedNames = new LinkedHashSet<>();
        for (Column want : spec.columns()) {
            wantedNames.add(want.name());
            Column have = found.column(want.name());
            if (have == null) {
                if (want.nullable()) {
                    out.add(new Change.AddColumn(spec.name(), want));
                } else {
                    out.add(new Change.Refused(spec.name(), "new column '" + want.name()
                            + "' is required (NOT NULL) and has no default, so existing rows cannot hold it",
                            "make it optional, or " + hint));
                }
                continue;
            }
            String type = have.type();
            if (!have.type().equals(want.type())) {
                if (dialect.isWidening(have.type(), want.type())) {
                    type = want.type();
                } else {
                    out.add(new Change.Refused(spec.name(), "column '" + want.name() + "' is " + have.type()
                            + " in the table but the contract wants " + want.type()
                            + ", which is not a compatible widening (changed in the contract, or by hand)",
                            hint));
                }
            }
            boolean nullable = have.nullable();
            if (have.nullable() && !want.nullable()) {
                out.add(new Change.Refused(spec.name(), "column '" + want.name()
                        + "' is nullable in the table but the contract makes it required; existing rows may"
                        + " hold nulls", "keep it optional, or " + hint));
            } else if (!have.nullable() && want.nullable()) {
                if (dialect.canRelaxNotNull()) {
                    nullable = true;
                } else {
                    out.add(new Change.Refused(spec.name(), "column '" + want.name() + "' is NOT NULL and "
                            + dialect.name() + " cannot drop NOT NULL in place", hint));
                }
            }
            Column to = new Column(want.name(), type, want.logicalType(), nullable, want.comment(),
                    want.classification());
            if (!type.equals(have.type()) || nullable != have.nullable()
                    || !Objects.equals(have.comment(), want.comment())) {
                out.add(new Change.AlterColumn(spec.name(), have, to));
            }
        }
        for (Column have : found.columns()) {
            if (!wantedNames.contains(have.name())) {
                out.add(new Change.Refused(spec.name(), "column '" + have.name() + "' (" + have.type()
                        + ") is in the table but not in contract " + port.contract().id() + " "
                        + port.contract().version() + " (dropped or renamed in the contract, or added by hand)",
                        "put it back in the contract, drop it by hand if it was added by hand, or " + hint,
                        have.name()));
            }
        }
        if (found.primaryKey() != null && !found.primaryKey().equals(spec.primaryKey())) {
            out.add(new Change.Refused(spec.name(), "the primary key is " + keyText(found.primaryKey())
                    + " in the table but the contract wants " + keyText(spec.primaryKey())
                    + " (changed in the contract, or by hand)", hint));
        }
        if (found.unique() != null) {
            for (String column : spec.unique()) {
                if (!found.unique().contains(column)) {
                    out.add(new Change.Refused(spec.name(), "column '" + column + "' is unique in the contract but"
                            + " has no unique constraint in the table (added in the contract, or dropped by hand);"
                            + " existing rows may hold duplicates", "check for duplicates and add the constraint by"
                            + " hand, or " + hint));
                }
            }
            for (String column : found.unique()) {
                if (!spec.unique().contains(column) && !spec.primaryKey().equals(List.of(column))) {
                    out.add(new Change.Refused(spec.name(), "column '" + column + "' has a unique constraint in the"
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

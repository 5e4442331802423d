package dev.meshsdk.storage.jdbc;

import dev.meshsdk.plan.Column;
import dev.meshsdk.spi.AccessGrant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A table as found in the catalog.
 *
 * @param columns in table order; {@link Column#type()} is the type as the catalog spells it
 * @param grants  privileges present on the table, as {@code read} (SELECT) and {@code write} (INSERT,
 *                UPDATE and DELETE) per role
 * @param primaryKey the primary key columns in key order, empty for none, null when the store does not say
 * @param owned   grants the SDK made and recorded in {@code mesh.grants}; only these are ever revoked
 * @param unique  columns with a single-column unique constraint, sorted; null when the store does not say
 */
public record TableState(
        String name,
        boolean exists,
        List<Column> columns,
        List<String> primaryKey,
        String comment,
        Set<AccessGrant> grants,
        Set<AccessGrant> owned,
        List<String> unique) {
    public TableState {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
        grants = Set.copyOf(grants);
        owned = Set.copyOf(owned);
        unique = unique == null ? null : unique.stream().sorted().toList();
    }

    /** A table whose store does not report unique constraints. */
    public TableState(
            String name,
            boolean exists,
            List<Column> columns,
            List<String> primaryKey,
            String comment,
            Set<AccessGrant> grants,
            Set<AccessGrant> owned) {
        this(name, exists, columns, primaryKey, comment, grants, owned, null);
    }

    /** A table that does not exist. */
    public static TableState absent(String name) {
        return new TableState(name, false, List.of(), List.of(), null, Set.of(), Set.of());
    }

    /** The column named {@code name}, or null. */
    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** A stable one-line description, used for facts and the fingerprint. */
    public String describe() {
        if (!exists) return "absent";
        StringBuilder b = new StringBuilder();
        for (Column c : columns) {
            if (b.length() > 0) b.append(", ");
            b.append(c.name()).append(' ').append(c.type()).append(c.nullable() ? "" : " not null");
        }
        return b.toString();
    }

    /** Everything the plan depends on, for the fingerprint. */
    String canonical() {
        StringBuilder b = new StringBuilder(name).append('|').append(exists);
        for (Column c : columns) {
            b.append("|c:")
                    .append(c.name())
                    .append(':')
                    .append(c.type())
                    .append(':')
                    .append(c.nullable())
                    .append(':')
                    .append(c.comment());
        }
        b.append("|pk:")
                .append(primaryKey)
                .append("|unique:")
                .append(unique)
                .append("|comment:")
                .append(comment);
        b.append("|grants:").append(sorted(grants)).append("|owned:").append(sorted(owned));
        return b.toString();
    }

    static Set<String> sorted(Set<AccessGrant> grants) {
        Set<String> out = new TreeSet<>();
        for (AccessGrant g : grants) out.add(g.principal() + ":" + g.privilege());
        return out;
    }
}

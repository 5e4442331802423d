package dev.meshsdk.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change a plan makes to a port's home. A change carries everything needed to apply it, so a saved
 * plan can be applied later without planning again. {@link Refused} is not applied: a plan holding one
 * cannot be deployed. {@link KeepTable} is not applied either: it says why a retired version's table stays.
 * {@link DropColumn} is planned by the engine in place of a refusal the policies allow.
 *
 * <p>Storage adapters plan and apply the table and access changes. The engine plans and applies the
 * version changes itself: {@link SetVersionStatus} and {@link Rollback} change the catalog only, and
 * {@link DropTable} is applied through {@link dev.meshsdk.spi.storage.SupportsDropTable}.
 */
public sealed interface Change {

    /** The object the change applies to (a table name, a path, a prefix). */
    String target();

    /** {@code +} create or grant, {@code ~} alter, {@code -} revoke, {@code !} refused. */
    default char symbol() {
        return '~';
    }

    /** A one-line description for a plan summary. */
    String summary();

    /**
     * Creates a table (or another object) with its columns and properties.
     *
     * @param note what a person should know about the new table, or null: the engine sets it (a rollback to a
     *     version whose table was dropped says the table starts empty); adapters ignore it
     */
    record CreateTable(
            String target,
            List<Column> columns,
            List<String> primaryKey,
            List<String> partitionBy,
            Map<String, String> properties,
            String comment,
            String note)
            implements Change {
        public CreateTable {
            Objects.requireNonNull(target, "target");
            columns = List.copyOf(columns);
            primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
            partitionBy = partitionBy == null ? List.of() : List.copyOf(partitionBy);
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        /** A table to create, with no note. */
        public CreateTable(
                String target,
                List<Column> columns,
                List<String> primaryKey,
                List<String> partitionBy,
                Map<String, String> properties,
                String comment) {
            this(target, columns, primaryKey, partitionBy, properties, comment, null);
        }

        /** This change with {@code note} as its note. */
        public CreateTable withNote(String note) {
            return new CreateTable(target, columns, primaryKey, partitionBy, properties, comment, note);
        }

        @Override
        public char symbol() {
            return '+';
        }

        @Override
        public String summary() {
            return "create " + target + " (" + columns.size() + " columns" + (note == null ? "" : "; " + note) + ")";
        }
    }

    /** Adds a nullable column, an additive change. */
    record AddColumn(String target, Column column) implements Change {
        public AddColumn {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public char symbol() {
            return '+';
        }

        @Override
        public String summary() {
            return "add column " + target + "." + column.name() + " " + column.type();
        }
    }

    /**
     * Changes a column compatibly: a wider type, a comment, or nullability relaxed. {@code from} is the
     * column as found, {@code to} as wanted.
     */
    record AlterColumn(String target, Column from, Column to) implements Change {
        public AlterColumn {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String summary() {
            StringBuilder b = new StringBuilder("alter column ")
                    .append(target)
                    .append('.')
                    .append(to.name());
            if (!from.type().equals(to.type()))
                b.append(" type ").append(from.type()).append(" -> ").append(to.type());
            if (from.nullable() != to.nullable()) b.append(to.nullable() ? " drop not null" : " set not null");
            if (!Objects.equals(from.comment(), to.comment())) b.append(" comment");
            return b.toString();
        }
    }

    /** Sets table properties (retention, ownership, format options); {@code removed} lists keys to unset. */
    record SetProperties(String target, Map<String, String> properties, List<String> removed) implements Change {
        public SetProperties {
            Objects.requireNonNull(target, "target");
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            removed = removed == null ? List.of() : List.copyOf(removed);
        }

        @Override
        public String summary() {
            return "set properties on " + target + " " + new java.util.TreeMap<>(properties).keySet()
                    + (removed.isEmpty() ? "" : " unset " + removed);
        }
    }

    /** Grants a privilege ({@code read}, {@code write}) on the target to a principal. */
    record Grant(String target, String principal, String privilege) implements Change {
        public Grant {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(privilege, "privilege");
        }

        @Override
        public char symbol() {
            return '+';
        }

        @Override
        public String summary() {
            return "grant " + privilege + " on " + target + " to " + principal;
        }
    }

    /** Revokes a privilege the SDK granted before and the contract no longer lists. */
    record Revoke(String target, String principal, String privilege) implements Change {
        public Revoke {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(privilege, "privilege");
        }

        @Override
        public char symbol() {
            return '-';
        }

        @Override
        public String summary() {
            return "revoke " + privilege + " on " + target + " from " + principal;
        }
    }

    /**
     * A change the adapter will not make: a breaking change without a new major version, or drift it
     * cannot reconcile. {@code hint} says what to do.
     *
     * @param droppedColumn the column the refusal is about when it is one in the table that the contract no longer
     *                      has (dropped or renamed in the contract), else null: policies weigh such a drop by the
     *                      column's use, and when they allow it the engine plans a {@link DropColumn} in its place, so
     *                      an adapter names the column only when its {@code apply} can drop it
     */
    record Refused(String target, String reason, String hint, String droppedColumn) implements Change {
        public Refused {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }

        /** A refusal that is not about a dropped column. */
        public Refused(String target, String reason, String hint) {
            this(target, reason, hint, null);
        }

        @Override
        public char symbol() {
            return '!';
        }

        @Override
        public String summary() {
            return "refused on " + target + ": " + reason + (hint == null ? "" : "; " + hint);
        }
    }

    /**
     * Drops a column that is in the table but no longer in the contract, with its data. Never planned by a storage
     * adapter: the engine plans it in place of the adapter's {@link Refused} naming that column
     * ({@link Refused#droppedColumn()}) when the policies allow the drop (the governance pack does for a column
     * nobody read in 90 days, with {@code mesh.breaking.allowUnreadColumnDrops}). {@code reason} says why it may go.
     * Applied through {@link dev.meshsdk.spi.storage.StorageAdapter#apply} like the other table changes.
     */
    record DropColumn(String target, String column, String reason) implements Change {
        public DropColumn {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public char symbol() {
            return '-';
        }

        @Override
        public String summary() {
            return "drop column " + column + " of " + target + " (" + reason + ")";
        }
    }

    /**
     * Marks an older contract major version of a port {@code deprecated} or {@code retired} in the catalog, as
     * the product's {@code majorVersions} custom property declares: consumers' builds then warn (deprecated,
     * naming the sunset) or fail (retired). {@code target} is the port's name.
     */
    record SetVersionStatus(String target, int majorVersion, String status, String sunset) implements Change {
        public SetVersionStatus {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String summary() {
            return ("retired".equals(status) ? "retire " : "deprecate ") + target + " v" + majorVersion
                    + (sunset == null ? "" : " (sunset " + sunset + ")");
        }
    }

    /**
     * Drops a table of a retired contract major version, with its data: planned only after the version's
     * sunset and when no consumer registered in the catalog still reads it. {@code reason} says so.
     */
    record DropTable(String target, int majorVersion, String reason) implements Change {
        public DropTable {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public char symbol() {
            return '-';
        }

        @Override
        public String summary() {
            return "drop table " + target + " (" + reason + ")";
        }
    }

    /** Not applied: why the table of a retired major version is kept (consumers still read it, or the sunset is ahead). */
    record KeepTable(String target, int majorVersion, String reason) implements Change {
        public KeepTable {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public char symbol() {
            return '=';
        }

        @Override
        public String summary() {
            return "keep table " + target + " v" + majorVersion + ": " + reason;
        }
    }

    /**
     * The port goes back to an older contract major version than the one deployed last: it is served from that
     * version's table again, and the newer version's table stays beside it. {@code target} is the port's name.
     */
    record Rollback(String target, int fromMajorVersion, int toMajorVersion) implements Change {
        public Rollback {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String summary() {
            return "rollback " + target + " " + fromMajorVersion + " -> " + toMajorVersion;
        }
    }
}

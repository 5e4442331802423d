package dev.meshsdk.spi.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an erasure did to one port: how many rows went, in total and per table, and how far each table is
 * from the rows being physically gone.
 *
 * @param target      the tables erased, comma-separated, as the store names them
 * @param rowsDeleted rows deleted from every table of the port together
 * @param tables      one entry per table searched; empty from adapters that do not report per table
 */
public record ErasureResult(String target, long rowsDeleted, List<TableErasure> tables) {
    public ErasureResult {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** A result without per-table detail. */
    public ErasureResult(String target, long rowsDeleted) {
        this(target, rowsDeleted, List.of());
    }

    /** A result summing {@code tables}. */
    public static ErasureResult of(List<TableErasure> tables) {
        return new ErasureResult(
                String.join(",", tables.stream().map(TableErasure::table).toList()),
                tables.stream().mapToLong(TableErasure::rowsDeleted).sum(),
                tables);
    }

    /**
     * The erasure of one table. Holds no row value.
     *
     * @param table           the table as the store names it ({@code schema.table}, a Delta table's location)
     * @param column          the subject-key column searched
     * @param rowsDeleted     rows deleted by this erasure (0 when the subject had none left)
     * @param version         the table's version once the erasure (and its purge) committed: the Delta version,
     *                        the PostgreSQL transaction id of the delete; null when the store has none
     * @param physicallyGone  whether the deleted rows are gone from the store's files now (Delta: the files
     *                        that held them were rewritten and vacuumed; PostgreSQL: the table was vacuumed)
     * @param unrecoverableFrom from when the store's own means (Delta time travel to an earlier version) can no
     *                        longer bring the rows back: now when physically gone, the end of the VACUUM horizon
     *                        when old files wait for it, null when unknown (not purged)
     * @param note            what a person should know about this table's erasure, or null
     */
    public record TableErasure(
            String table,
            String column,
            long rowsDeleted,
            String version,
            boolean physicallyGone,
            Instant unrecoverableFrom,
            String note) {
        public TableErasure {
            Objects.requireNonNull(table, "table");
            if (rowsDeleted < 0) throw new IllegalArgumentException("rowsDeleted must not be negative");
        }
    }
}

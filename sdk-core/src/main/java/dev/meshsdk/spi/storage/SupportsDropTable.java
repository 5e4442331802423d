package dev.meshsdk.spi.storage;

import dev.meshsdk.spi.PortBinding;
import java.util.List;

/**
 * The optional ability of a {@link StorageAdapter} to drop the tables of a retired contract major version. The
 * engine plans a drop only for a version its product declared {@code retired}, after the version's sunset, when
 * no consumer in the registry still reads it, and it applies it only from a plan that shows the drop; adapters
 * without this ability keep such tables, and the plan says so.
 *
 * <p>Called like the adapter's other methods: from one thread at a time. Store failures are thrown as
 * {@link dev.meshsdk.MeshException} with {@code STORAGE_FAILURE} and the cause attached.
 */
public interface SupportsDropTable {

    /**
     * The tables of the port's contract major version that exist in the store, named as the adapter's plans name
     * them ({@link dev.meshsdk.plan.Change#target()}); empty when none does. No side effects.
     */
    List<String> tables(PortBinding port);

    /**
     * Drops one of {@link #tables(PortBinding)}, with its data and the grants the SDK recorded for it. Idempotent:
     * dropping a table that is gone does nothing.
     *
     * @throws dev.meshsdk.MeshException {@code INVALID_CONFIGURATION} when {@code table} is not a table of the
     *                                   port's contract major version: nothing else is ever dropped
     */
    void dropTable(PortBinding port, String table);
}

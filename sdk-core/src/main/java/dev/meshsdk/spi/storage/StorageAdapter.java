package dev.meshsdk.spi.storage;

import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.PortBinding;
import java.util.List;

/**
 * Provisions output ports in one kind of store: inspects what is there, plans the changes, applies them.
 * Access (grant and revoke) is planned and applied as {@link Change.Grant} and {@link Change.Revoke}. An adapter
 * that can drop the tables of a retired contract major version also implements {@link SupportsDropTable}.
 *
 * <p>The engine calls one adapter from one thread at a time, for one port at a time (except {@link #erase} in an
 * adapter that also implements {@link SupportsConcurrentErasure}); an adapter may
 * be used for many ports and environments over its life. Store failures are thrown as
 * {@link dev.meshsdk.MeshException} with {@code STORAGE_FAILURE} and the cause attached.
 */
public interface StorageAdapter extends AutoCloseable {

    /**
     * Reads the actual state of the port's home (tables, schema, properties, grants the SDK owns).
     * No side effects. A home that does not exist yet is {@link PortState#absent()}.
     */
    PortState inspect(PortBinding port);

    /**
     * The changes that bring {@code actual} to what the port's contract describes, in the order they
     * must be applied. No side effects. A breaking change that the contract's version does not allow
     * is returned as {@link Change.Refused}; one that drops a column names it ({@link Change.Refused#droppedColumn()})
     * only when {@link #apply} can drop it, since the policies may then have the engine plan a {@link Change.DropColumn}
     * in its place. An empty list means the port is up to date. An adapter may
     * inspect again and throw {@code STALE_PLAN} when {@code actual} no longer matches the store.
     */
    List<Change> plan(PortBinding port, PortState actual);

    /**
     * Applies one change that {@link #plan} returned (perhaps in another process, from a saved plan).
     * Must be idempotent: applying a change that is already in effect does nothing.
     */
    void apply(PortBinding port, Change change);

    /**
     * Deletes every row of one data subject from the port, in one transaction where the store has them,
     * and returns how many rows went. The default says the adapter does not support erasure.
     */
    default ErasureResult erase(PortBinding port, ErasureRequest request) {
        throw new dev.meshsdk.MeshException(
                dev.meshsdk.ErrorCode.UNSUPPORTED,
                "Cannot erase a data subject from port '" + port.port().name() + "': the '"
                        + port.server().type() + "' storage adapter does not support erasure");
    }

    /** Releases connections and clients. Called once, when the {@code Mesh} closes. */
    @Override
    void close();
}

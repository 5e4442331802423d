package dev.meshsdk.spi.registry;

/**
 * The mesh's central metadata layer, made of small parts: the deployment history, the catalog of what is
 * deployed, the deploy locks, the quality results kept per port, and the audit log of erasures. Several builds (of several teams)
 * may share one registry; that is what makes their products visible to each other.
 *
 * <p>Implementations are safe for concurrent use by several processes (two builds deploying at once).
 * Failures are thrown as {@link dev.meshsdk.MeshException} with {@code REGISTRY_FAILURE} and a message
 * naming the registry's address and what to check; a registry never answers with an empty catalog when
 * it cannot be read.
 */
public interface Registry extends AutoCloseable {

    /** The deployments of each product per environment, and the current one. */
    DeploymentHistory deployments();

    /** The products deployed per environment, as the catalog shows them. */
    Catalog catalog();

    /** The per-product deploy locks. */
    DeployLocks locks();

    /** The quality results kept for each output port. */
    QualityHistory quality();

    /**
     * The audit log of data subject erasures. The default says the registry does not keep one; the SDK then
     * refuses to erase before deleting anything, since an erasure must leave a record.
     */
    default ErasureLog erasures() {
        throw new dev.meshsdk.MeshException(
                dev.meshsdk.ErrorCode.UNSUPPORTED,
                "Cannot keep erasure receipts in" + " the registry: "
                        + getClass().getName() + " does not support an erasure log");
    }

    /**
     * How each output port is read, per day. The default says the registry does not keep usage; collecting and
     * reporting usage then fail with {@code UNSUPPORTED}, and every other goal works as before.
     */
    default UsageHistory usage() {
        throw new dev.meshsdk.MeshException(
                dev.meshsdk.ErrorCode.UNSUPPORTED,
                "Cannot keep usage in the registry: " + getClass().getName() + " does not support usage history");
    }

    /**
     * Where this registry is, as messages name it: a folder (absolute) or {@code host:port/database}, never a
     * credential. Called on error paths only, and must not fail. The default names the implementation.
     */
    default String address() {
        return getClass().getName();
    }

    /** Releases connections. Called once, when the {@code Mesh} closes. */
    @Override
    void close();
}

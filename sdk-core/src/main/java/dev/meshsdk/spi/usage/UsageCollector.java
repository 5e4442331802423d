package dev.meshsdk.spi.usage;

import dev.meshsdk.spi.PortBinding;
import java.util.List;

/**
 * Observes who reads the tables of one kind of store: cumulative counters the store keeps (PostgreSQL's
 * statistics views), or read events a governed reader recorded. The SDK diffs, rolls the observations up to
 * ports and products per day and keeps them in the registry ({@link dev.meshsdk.spi.registry.UsageHistory}), so
 * that a collector only reports what the store says now. Reads by the SDK's own sessions are left out where the
 * store tells them apart. Created per {@code Mesh} by a {@link UsageCollectorFactory}; not used concurrently.
 */
public interface UsageCollector extends AutoCloseable {

    /** Whether this collector observes the store the port lives in. No side effects, no store access. */
    boolean supports(PortBinding port);

    /**
     * Observes the targets (all supported by this collector). Called once per collection. A store that cannot
     * be read in part (a missing extension or privilege) is a warning in the batch and the rest is observed; a
     * target that cannot be observed at all is listed in {@link UsageBatch#uncollected()}, and a store that
     * cannot be read at all (a failed login) in {@link UsageBatch#unreadable()}: the collection fails after the
     * other stores are recorded.
     *
     * @throws dev.meshsdk.MeshException {@code STORAGE_FAILURE} only when nothing could be observed; the
     *     other collectors still run, and the collection fails as for an unreadable store
     */
    UsageBatch collect(List<UsageTarget> targets);

    /** Releases connections. Called once, when the {@code Mesh} closes. */
    @Override
    void close();
}

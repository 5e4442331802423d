package dev.meshsdk.spi.registry;

/** The registry's part that keeps two deployments of one product from running at once. */
public interface DeployLocks {

    /**
     * Takes the deploy lock of one product in one environment, or fails at once with {@code LOCK_HELD}
     * naming the holder. The lock is released when the returned handle closes, or when the holding
     * process dies. May run concurrently (that is its purpose).
     */
    DeployLock lock(String productId, String environment, String holder);
}

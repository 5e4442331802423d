package dev.meshsdk.spi.registry;

/** A held deploy lock; closing it releases the lock. */
public interface DeployLock extends AutoCloseable {
    @Override
    void close();
}

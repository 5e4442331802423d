package dev.meshsdk.spi.storage;

/**
 * The optional ability of a {@link StorageAdapter} to erase a data subject from several of its ports at once.
 * {@code Mesh.forget} erases the ports of different adapters side by side; without this ability it calls
 * {@link StorageAdapter#erase} for one of an adapter's ports at a time, as it calls the adapter's other methods.
 * With it, it erases up to {@link #erasureConcurrency()} of the adapter's ports at once, each from a thread of its
 * own; the adapter's other methods stay one thread at a time, and never run during a forget.
 */
public interface SupportsConcurrentErasure {

    /**
     * How many ports the engine may erase through this adapter at once: 1 or more (less than 1 counts as 1).
     * Called once per forget, before the first erasure, from the thread that called {@code forget}.
     */
    int erasureConcurrency();
}

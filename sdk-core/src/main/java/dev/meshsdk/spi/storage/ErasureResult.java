package dev.meshsdk.spi.storage;

/** How many rows an erasure removed from one port, and from which object. */
public record ErasureResult(String target, long rowsDeleted) {
}

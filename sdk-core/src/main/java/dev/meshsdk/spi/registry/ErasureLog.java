package dev.meshsdk.spi.registry;

import java.util.List;
import java.util.Optional;

/**
 * The registry's audit log of data subject erasures: one {@link ErasureReceipt} per port and step, found by
 * the subject's keyed hash. It holds no personal data. Appends and reads may run concurrently, from several
 * processes; failures throw {@link dev.meshsdk.MeshException} with {@code REGISTRY_FAILURE}.
 */
public interface ErasureLog {

    /**
     * Appends a receipt. Called before a port is erased ({@code PENDING}) and after ({@code DONE} or
     * {@code FAILED}); a receipt that cannot be kept fails the call, and the erasure stops.
     */
    void record(ErasureReceipt receipt);

    /** Every receipt of one subject (by hash) in an environment, in the order they were recorded. */
    List<ErasureReceipt> receipts(String subjectHash, String environment);

    /**
     * A key for hashing subjects that the registry keeps itself, for an embedded setup where no key was
     * configured: created at random on first use, and the same for every build sharing the registry. Empty
     * (the default) for registries that leave the key to the secrets. A key kept beside the receipts protects
     * them less than a secret kept apart: anyone who reads both can test guessed values.
     */
    default Optional<byte[]> keptKey() {
        return Optional.empty();
    }
}

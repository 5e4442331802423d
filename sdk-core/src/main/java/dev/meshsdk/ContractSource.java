package dev.meshsdk;

import dev.meshsdk.model.DataContract;
import java.nio.file.Path;
import java.util.Objects;

/** A data contract and the file it was read from. */
public record ContractSource(Path file, DataContract contract) {
    public ContractSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contract, "contract");
    }
}

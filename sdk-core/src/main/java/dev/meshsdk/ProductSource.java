package dev.meshsdk;

import dev.meshsdk.diag.SourceMap;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A data product as read from its directory ({@code src/main/mesh/} or one folder below it): the ODPS
 * product file, its ODCS contracts, the SHA-256 checksum of all of them, and where each element was
 * written.
 */
public record ProductSource(
        Path directory,
        Path file,
        DataProduct product,
        List<ContractSource> contracts,
        String checksum,
        SourceMap sourceMap) {
    public ProductSource {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(product, "product");
        contracts = List.copyOf(contracts);
        Objects.requireNonNull(checksum, "checksum");
        sourceMap = sourceMap == null ? SourceMap.none() : sourceMap;
    }

    /** The contract with the given id, if the product has it. */
    public Optional<ContractSource> contract(String contractId) {
        return contracts.stream()
                .filter(c ->
                        contractId != null && contractId.equals(c.contract().id()))
                .findFirst();
    }

    /** The contract with the given id; callers use it after validation, when every reference resolves. */
    public DataContract requireContract(String contractId) {
        return contract(contractId)
                .map(ContractSource::contract)
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_DESCRIPTOR,
                        "Cannot find contract '" + contractId + "' of product '" + product.id()
                                + "'; validate the product first"));
    }

    /** The file of the contract with the given id; callers use it after validation. */
    public Path requireContractFile(String contractId) {
        return contract(contractId).map(ContractSource::file).orElse(file);
    }
}

package dev.meshsdk.internal.engine;

import dev.meshsdk.ContractSource;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.spi.PortBinding;
import java.nio.file.Path;
import java.util.List;

/** Binds one output port of a product read from the registry, as a deployment bound it. */
public final class PortBindings {
    private PortBindings() {}

    /**
     * The binding of {@code port} in {@code environment}.
     *
     * @param contractFile the contract the port version was deployed with, relative to the product folder;
     *                     null for the product's current contract
     */
    public static PortBinding of(ProductSource source, String port, String contractFile, String environment) {
        ProductSource scoped = source;
        if (contractFile != null) {
            Path file = source.directory().resolve(contractFile);
            List<ContractSource> only = source.contracts().stream()
                    .filter(c -> c.file().equals(file))
                    .toList();
            if (!only.isEmpty()) {
                scoped = new ProductSource(
                        source.directory(),
                        source.file(),
                        source.product(),
                        only,
                        source.checksum(),
                        source.sourceMap());
            }
        }
        for (Bindings.Located located : Bindings.of(only(scoped, port), environment, List.of())) {
            if (located.binding() != null) return located.binding();
        }
        throw new MeshException(
                ErrorCode.NOT_FOUND,
                "Cannot bind output port '" + port + "' of product '"
                        + source.product().id() + "': its contract has no server for environment '" + environment
                        + "'; ask the owning team to add one, or use another environment");
    }

    /** The product with only the named output port, bound to the contract given. */
    private static ProductSource only(ProductSource source, String port) {
        var product = source.product();
        var outs = product.outputPorts().stream()
                .filter(o -> o.name().equals(port))
                .toList();
        if (outs.isEmpty()) {
            throw new MeshException(
                    ErrorCode.NOT_FOUND,
                    "Cannot bind output port '" + port + "' of product '" + product.id()
                            + "': the product has no such port");
        }
        if (source.contracts().size() == 1) {
            String id = source.contracts().get(0).contract().id();
            outs = outs.stream()
                    .map(o -> new dev.meshsdk.model.OutputPort(
                            o.name(),
                            o.description(),
                            o.type(),
                            o.version(),
                            id,
                            o.tags(),
                            o.customProperties(),
                            o.extensions()))
                    .toList();
        }
        var narrowed = new dev.meshsdk.model.DataProduct(
                product.apiVersion(),
                product.kind(),
                product.id(),
                product.name(),
                product.version(),
                product.status(),
                product.domain(),
                product.tenant(),
                product.description(),
                product.tags(),
                product.inputPorts(),
                outs,
                product.team(),
                product.customProperties(),
                product.extensions());
        return new ProductSource(
                source.directory(), source.file(), narrowed, source.contracts(), source.checksum(), source.sourceMap());
    }
}

package dev.meshsdk.spi;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.Server;
import java.util.List;
import java.util.Objects;

/**
 * An output port bound to its home in one environment: the port, its contract, the contract's server
 * for the environment, and the access it should grant. What every storage adapter works on.
 */
public record PortBinding(
        ProductRef product,
        OutputPort port,
        DataContract contract,
        Server server,
        String environment,
        List<AccessGrant> access) {
    public PortBinding {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(environment, "environment");
        access = access == null ? List.of() : List.copyOf(access);
    }

    /** The major version of the contract, used to place breaking changes beside the old version. */
    public int contractMajorVersion() {
        return majorOf(contract.version());
    }

    /**
     * A JSON pointer to this binding's server in its contract ({@code /servers/2}), to which an adapter appends the
     * field it refuses ({@code /format}) in a {@link dev.meshsdk.spi.storage.PortProblems.Problem}.
     */
    public String serverPointer() {
        int i = contract.servers().indexOf(server);
        return i < 0 ? "/servers" : "/servers/" + i;
    }

    /** The major version of a version text ({@code 2.1.0}, {@code v2.1.0}, {@code 2}); 0 when there is none. */
    public static int majorOf(String version) {
        String v = version == null ? null : version.startsWith("v") ? version.substring(1) : version;
        if (v == null) return 0;
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

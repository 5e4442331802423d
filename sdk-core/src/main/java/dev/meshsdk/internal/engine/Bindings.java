package dev.meshsdk.internal.engine;

import dev.meshsdk.ProductSource;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.Role;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.ProductRef;
import dev.meshsdk.spi.policy.WithheldAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Binds a product's output ports to their servers in one environment. */
public final class Bindings {
    private Bindings() {}

    /**
     * One binding per output port and server of that port's contract serving the environment; its access
     * is what the contract's roles grant less what the policies withhold.
     */
    static List<Located> of(ProductSource source, String environment, List<WithheldAccess> withheld) {
        DataProduct product = source.product();
        ProductRef ref = new ProductRef(
                product.id(),
                product.displayName(),
                product.version(),
                product.domain(),
                product.team() == null ? null : product.team().name());
        List<Located> out = new ArrayList<>();
        for (OutputPort port : product.outputPorts()) {
            DataContract contract = source.requireContract(port.contractId());
            List<Server> servers = contract.serversFor(environment);
            for (Server server : servers) {
                List<AccessGrant> access = access(contract).stream()
                        .filter(g -> withheld.stream().noneMatch(w -> w.covers(port.name(), g.principal())))
                        .toList();
                out.add(new Located(
                        new PortBinding(ref, port, contract, server, environment, access),
                        port,
                        indexOf(contract.servers(), server)));
            }
            if (servers.isEmpty()) {
                out.add(new Located(null, port, -1));
            }
        }
        return out;
    }

    /** Where {@code server} itself is in {@code servers}: by identity, not a comparison of every setting. */
    private static int indexOf(List<Server> servers, Server server) {
        for (int i = 0; i < servers.size(); i++) if (servers.get(i) == server) return i;
        return -1;
    }

    /**
     * Read and write grants from the contract's roles; other access levels grant nothing. Public for the usage
     * report, which recognises a consumer's reads by its grants.
     */
    public static List<AccessGrant> access(DataContract contract) {
        List<AccessGrant> grants = new ArrayList<>();
        for (Role role : contract.roles()) {
            String access = role.access() == null ? "read" : role.access().toLowerCase(Locale.ROOT);
            if (role.role() != null && (access.equals("read") || access.equals("write"))) {
                grants.add(new AccessGrant(role.role(), access));
            }
        }
        return grants;
    }

    /**
     * A binding (null when the port's contract has no server for the environment), the port, and the
     * index of the server in the contract.
     */
    record Located(PortBinding binding, OutputPort port, int serverIndex) {}
}

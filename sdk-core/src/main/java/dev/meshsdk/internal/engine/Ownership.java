package dev.meshsdk.internal.engine;

import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one rule on who may deploy a product id: in an environment, a product id belongs to the team the
 * registry recorded for it, so that a second team choosing the same id (two teams' {@code orders}) is stopped
 * before it replaces the first team's tables, grants and catalog entry. A product moves to another team by a
 * deployment under the new team's name with {@code mesh.transfer} naming the product (comma-separated ids);
 * a product recorded without a team is claimed by the first team that deploys it with one. The registry
 * cannot tell who runs a build, so this guards against mistakes, not against someone who writes another
 * team's name.
 *
 * <p>Likewise a contract id belongs to the one product that offers it: a second product (a copied product
 * that kept its contract's id) offering it in the registry is refused (two in one build are MESH-DUP), since
 * consumers of the contract would then resolve to either. A product re-deploying its own contract is not
 * affected.
 */
public final class Ownership {
    static final String TRANSFER = "mesh.transfer";
    private final String environment;
    private final Supplier<Catalog> catalog;
    private final Set<String> transfers;

    /** @param config read for {@code mesh.transfer}, the product ids whose owner may change in this build */
    public Ownership(String environment, Supplier<Catalog> catalog, Map<String, String> config) {
        this.environment = environment;
        this.catalog = catalog;
        this.transfers = Arrays.stream(config.getOrDefault(TRANSFER, "").split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toSet());
    }

    /**
     * An error at the product's team (or id) for each product the registry records for another team, and
     * one at the output port's contractId for each contract id another product already offers.
     */
    public List<Diagnostic> check(List<ProductSource> products) {
        List<Diagnostic> out = new ArrayList<>();
        checkProductIds(products, out);
        checkContractIds(products, out);
        return out;
    }

    private void checkProductIds(List<ProductSource> products, List<Diagnostic> out) {
        for (ProductSource p : products) {
            Optional<CatalogEntry> recorded = catalog.get().entry(p.product().id(), environment);
            String owner = recorded.map(CatalogEntry::owner)
                    .map(CatalogEntry.Owner::team)
                    .orElse(null);
            if (owner == null || owner.isBlank()) continue;
            String team = p.product().team() == null ? null : p.product().team().name();
            if (owner.equals(team)
                    || (team != null && transfers.contains(p.product().id()))) continue;
            String at = team == null ? "/id" : "/team/name";
            out.add(Diagnostic.error(
                    "MESH-OWNER",
                    p.sourceMap().locate(p.file(), at),
                    "Cannot deploy product '"
                            + p.product().id() + "' to '" + environment + "' as "
                            + (team == null ? "a product with no team" : "team '" + team + "'")
                            + ": the registry records it as owned by team '" + owner + "'"
                            + " (version " + recorded.get().version() + ")",
                    "choose another product id if this is a different product; "
                            + (team == null
                                    ? "set team.name to the owning team"
                                    : "if it really moves to team '" + team + "', agree it with team '" + owner
                                            + "' and deploy once with -D" + TRANSFER + "="
                                            + p.product().id())));
        }
    }

    private void checkContractIds(List<ProductSource> products, List<Diagnostic> out) {
        for (ProductSource p : products) {
            String id = p.product().id();
            List<OutputPort> ports = p.product().outputPorts();
            for (int i = 0; i < ports.size(); i++) {
                String contractId = ports.get(i).contractId();
                if (contractId == null) continue;
                Optional<CatalogEntry> other = catalog.get().offering(contractId, environment).stream()
                        .filter(e -> !e.productId().equals(id))
                        .findFirst();
                if (other.isEmpty()) continue;
                String team =
                        other.get().owner() == null ? null : other.get().owner().team();
                out.add(Diagnostic.error(
                        "MESH-OWNER",
                        p.sourceMap().locate(p.file(), "/outputPorts/" + i + "/contractId"),
                        "Cannot offer contract '" + contractId + "' from output port '"
                                + ports.get(i).name() + "' of product '" + id + "': product '"
                                + other.get().productId() + "'"
                                + (team == null || team.isBlank() ? "" : " of team '" + team + "'")
                                + " already offers it"
                                + " in '" + environment + "', and its consumers would resolve to either",
                        "give this product's contract its own id (the contract's id and this port's contractId);"
                                + " if it is the same data, consume it from '"
                                + other.get().productId()
                                + "' instead"));
            }
        }
    }
}

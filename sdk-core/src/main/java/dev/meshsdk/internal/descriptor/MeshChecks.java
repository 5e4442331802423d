package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ContractSource;
import dev.meshsdk.ProductSource;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.IdRule;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.OutputPort;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across the products of one load: unique ids, contracts' {@code dataProduct}, and cycles (input ports
 * resolve in InputResolution).
 */
final class MeshChecks {
    private MeshChecks() {}

    static void check(List<ProductSource> products, Problems problems) {
        Map<String, ProductSource> productIds = new HashMap<>();
        Map<String, ContractSource> contractIds = new HashMap<>();
        for (ProductSource p : products) {
            String id = p.product().id();
            if (id != null) {
                ProductSource first = productIds.putIfAbsent(id, p);
                if (first != null) {
                    problems.error(
                            "MESH-DUP",
                            p.file(),
                            "/id",
                            "Cannot load product " + Quoted.of(id) + ": product id is also used by " + first.file(),
                            "give each product its own id");
                }
            }
            for (ContractSource c : p.contracts()) {
                String cid = c.contract().id();
                if (cid == null) continue;
                ContractSource first = contractIds.putIfAbsent(cid, c);
                if (first != null) {
                    problems.error(
                            "MESH-DUP",
                            c.file(),
                            "/id",
                            "Cannot load contract " + Quoted.of(cid) + ": contract id is also used by " + first.file(),
                            "give each contract its own id");
                }
            }
        }
        dataProducts(products, productIds.keySet(), problems);
        cycles(products, problems);
    }

    /**
     * A contract used by a product whose {@code dataProduct} names another product: move the contract there when
     * the project has that product, else the name is most likely a typo of this one's. A product whose own id
     * breaks the id rule has that error only (its id is no name to write).
     */
    private static void dataProducts(List<ProductSource> products, Set<String> projectIds, Problems problems) {
        for (ProductSource p : products) {
            String id = p.product().id();
            if (id == null || !IdRule.isValid(id)) continue;
            Set<String> misplaced = new HashSet<>();
            for (OutputPort o : p.product().outputPorts()) {
                ContractSource source = p.contract(o.contractId()).orElse(null);
                if (source == null) continue;
                DataContract c = source.contract();
                String named = c.dataProduct();
                if (named == null || named.equals(id) || !misplaced.add(String.valueOf(c.id()))) continue;
                boolean exists = projectIds.contains(named);
                String hint = exists
                        ? "write 'dataProduct: " + Quoted.shown(id)
                                + "', or move the contract to the folder of product " + Quoted.of(named)
                        : Suggestions.closest(named, List.of(id)) != null
                                ? "perhaps you meant '" + Quoted.shown(id) + "'"
                                : "write 'dataProduct: " + Quoted.shown(id) + "'";
                problems.error(
                        "MESH-REF",
                        source.file(),
                        "/dataProduct",
                        "Cannot use contract " + Quoted.of(c.id()) + " in product " + Quoted.of(id)
                                + ": its dataProduct is " + Quoted.of(named)
                                + (exists ? "" : ", which is no product of the project"),
                        hint);
            }
        }
    }

    private static void cycles(List<ProductSource> products, Problems problems) {
        for (List<String> cycle : ProductGraph.cycles(products)) {
            String text = String.join(" -> ", cycle.stream().map(Quoted::shown).toList()) + " -> "
                    + Quoted.shown(cycle.get(0));
            Set<String> members = new HashSet<>(cycle);
            for (int k = 0; k < cycle.size(); k++) {
                String consumer = cycle.get(k);
                String producer = cycle.get((k + 1) % cycle.size());
                for (ProductSource p : products) {
                    if (!consumer.equals(p.product().id())) continue;
                    List<InputPort> inputs = p.product().inputPorts();
                    for (int i = 0; i < inputs.size(); i++) {
                        if (!producedBy(inputs.get(i).contractId(), producer, products) || !members.contains(producer))
                            continue;
                        problems.error(
                                "MESH-CYCLE",
                                p.file(),
                                Pointers.child(Pointers.child("/inputPorts", i), "contractId"),
                                "Cannot order products: input port "
                                        + Quoted.of(inputs.get(i).name()) + " of " + Quoted.of(consumer)
                                        + " closes a cycle " + text,
                                "remove one of these input ports; products must not consume each other");
                    }
                }
            }
        }
    }

    private static boolean producedBy(String contractId, String productId, List<ProductSource> products) {
        if (contractId == null) return false;
        for (ProductSource p : products) {
            if (!productId.equals(p.product().id())) continue;
            for (OutputPort o : p.product().outputPorts()) if (contractId.equals(o.contractId())) return true;
        }
        return false;
    }
}

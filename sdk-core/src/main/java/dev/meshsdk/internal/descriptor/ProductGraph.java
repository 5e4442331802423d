package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.OutputPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The lineage between products: product A consumes product B when an input port of A names the
 * {@code contractId} of an output port of B. Used to deploy producers before their consumers.
 */
public final class ProductGraph {
    private ProductGraph() {}

    /**
     * The products with each one after the products it consumes; otherwise ordered by product id.
     *
     * @throws MeshException {@link ErrorCode#INVALID_DESCRIPTOR} when input ports form a cycle
     */
    public static List<ProductSource> dependencyOrder(List<ProductSource> products) {
        List<List<Integer>> producers = edges(products);
        int n = products.size();
        int[] pending = new int[n];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) consumers.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            pending[i] = producers.get(i).size();
            for (int p : producers.get(i)) consumers.get(p).add(i);
        }
        Comparator<Integer> byId =
                Comparator.comparing((Integer i) -> idOf(products.get(i))).thenComparingInt(i -> i);
        PriorityQueue<Integer> ready = new PriorityQueue<>(byId);
        for (int i = 0; i < n; i++) if (pending[i] == 0) ready.add(i);
        List<ProductSource> ordered = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            ordered.add(products.get(i));
            for (int c : consumers.get(i)) if (--pending[c] == 0) ready.add(c);
        }
        if (ordered.size() < n) {
            List<String> cycle = cycles(products).get(0);
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot order products for deployment: input ports form a cycle " + String.join(" -> ", cycle)
                            + " -> " + cycle.get(0) + "; a product cannot consume itself through other products");
        }
        return ordered;
    }

    /** The ids of the products among {@code products} whose output ports {@code source} consumes. */
    public static List<String> consumes(ProductSource source, List<ProductSource> products) {
        Set<String> out = new LinkedHashSet<>();
        for (InputPort in : source.product().inputPorts()) {
            if (in.contractId() == null) continue;
            for (ProductSource other : products) {
                if (other == source
                        || Objects.equals(other.product().id(), source.product().id())) continue;
                if (produces(other, in.contractId()) && other.product().id() != null)
                    out.add(other.product().id());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every cycle, one per strongly connected group of products, as product ids in consumption order
     * (each consumes the next; the last consumes the first), starting at the smallest id.
     */
    static List<List<String>> cycles(List<ProductSource> products) {
        List<List<Integer>> producers = edges(products);
        int n = products.size();
        int[] state = new int[n]; // 0 new, 1 on stack, 2 done
        List<List<String>> found = new ArrayList<>();
        Set<Set<String>> seen = new java.util.HashSet<>();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> idOf(products.get(i))));
        for (int start : order) {
            if (state[start] == 0) dfs(start, producers, state, new ArrayList<>(), products, found, seen);
        }
        return found;
    }

    private static void dfs(
            int node,
            List<List<Integer>> producers,
            int[] state,
            List<Integer> stack,
            List<ProductSource> products,
            List<List<String>> found,
            Set<Set<String>> seen) {
        state[node] = 1;
        stack.add(node);
        for (int next : producers.get(node)) {
            if (state[next] == 1) {
                List<String> cycle = new ArrayList<>();
                for (int k = stack.indexOf(next); k < stack.size(); k++) cycle.add(idOf(products.get(stack.get(k))));
                if (seen.add(new java.util.HashSet<>(cycle))) found.add(rotate(cycle));
            } else if (state[next] == 0) {
                dfs(next, producers, state, stack, products, found, seen);
            }
        }
        stack.remove(stack.size() - 1);
        state[node] = 2;
    }

    private static List<String> rotate(List<String> cycle) {
        int min = 0;
        for (int i = 1; i < cycle.size(); i++) if (cycle.get(i).compareTo(cycle.get(min)) < 0) min = i;
        List<String> out = new ArrayList<>(cycle.subList(min, cycle.size()));
        out.addAll(cycle.subList(0, min));
        return out;
    }

    /** For each product, the indexes of the products it consumes. */
    private static List<List<Integer>> edges(List<ProductSource> products) {
        Map<String, List<Integer>> byContract = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            for (OutputPort out : products.get(i).product().outputPorts()) {
                if (out.contractId() != null) {
                    List<Integer> l = byContract.computeIfAbsent(out.contractId(), k -> new ArrayList<>());
                    if (!l.contains(i)) l.add(i);
                }
            }
        }
        List<List<Integer>> producers = new ArrayList<>(products.size());
        for (int i = 0; i < products.size(); i++) {
            Set<Integer> ps = new LinkedHashSet<>();
            for (InputPort in : products.get(i).product().inputPorts()) {
                for (int p : byContract.getOrDefault(in.contractId(), List.of())) {
                    if (p != i && !Objects.equals(idOf(products.get(p)), idOf(products.get(i)))) ps.add(p);
                }
            }
            producers.add(new ArrayList<>(ps));
        }
        return producers;
    }

    private static boolean produces(ProductSource p, String contractId) {
        for (OutputPort out : p.product().outputPorts()) if (contractId.equals(out.contractId())) return true;
        return false;
    }

    private static String idOf(ProductSource p) {
        return p.product().id() == null ? "" : p.product().id();
    }
}

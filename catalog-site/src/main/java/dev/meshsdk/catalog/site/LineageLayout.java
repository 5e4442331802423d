package dev.meshsdk.catalog.site;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A layered placement of a lineage graph: products in columns, producers to the left of their
 * consumers, and the links to draw between them. Both layouts are linear in the size of the graph (plus
 * the sorting of each column), so that the mesh-wide one stays cheap for thousands of products.
 *
 * @param layers    the columns, left to right, each a list of product ids top to bottom
 * @param rows      the row of each product, when the layout places them; empty to centre each column
 * @param links     the links between products of the layout
 * @param truncated whether the neighbourhood was cut at its size limit
 */
record LineageLayout(
        List<List<String>> layers, Map<String, Integer> rows, List<SiteModel.Link> links, boolean truncated) {

    int nodes() {
        return layers.stream().mapToInt(List::size).sum();
    }

    /**
     * The whole mesh: a product's column is its depth, the length of the longest producer chain above
     * it (Kahn's topological order). Products on a cycle, which a mesh should not have, are placed one
     * column right of their placed producers, and the cycle's back link is drawn right to left. Within a
     * column products are ordered by the mean row of their producers (one barycentre pass) and placed at
     * that row when it is free, which keeps most links short and level without an iterative crossing
     * minimisation.
     */
    static LineageLayout mesh(SiteModel model) {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        model.entries.forEach(e -> indegree.put(e.productId(), 0));
        for (SiteModel.Link link : model.links()) {
            indegree.putIfAbsent(link.producer(), 0);
            if (!link.producer().equals(link.consumer())) indegree.merge(link.consumer(), 1, Integer::sum);
            else indegree.putIfAbsent(link.consumer(), 0);
        }
        Map<String, Integer> depth = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        indegree.keySet().stream().filter(id -> indegree.get(id) == 0).sorted().forEach(id -> {
            depth.put(id, 0);
            ready.add(id);
        });
        Map<String, Integer> remaining = new HashMap<>(indegree);
        while (!ready.isEmpty()) {
            String at = ready.poll();
            int d = depth.get(at);
            for (SiteModel.Link link : model.downstream(at)) {
                String next = link.consumer();
                if (next.equals(at)) continue;
                depth.merge(next, d + 1, Math::max);
                if (remaining.merge(next, -1, Integer::sum) == 0) ready.add(next);
            }
        }
        // What is left sits on a cycle or below one.
        indegree.keySet().stream().filter(id -> !depth.containsKey(id)).sorted().forEach(id -> {
            int d = 0;
            for (SiteModel.Link link : model.upstream(id)) {
                Integer p = depth.get(link.producer());
                if (p != null) d = Math.max(d, p + 1);
            }
            depth.put(id, d);
        });

        TreeMap<Integer, List<String>> columns = new TreeMap<>();
        indegree.keySet().forEach(id -> columns.computeIfAbsent(depth.get(id), k -> new ArrayList<>())
                .add(id));
        Map<String, Integer> row = new HashMap<>();
        List<List<String>> layers = new ArrayList<>();
        for (List<String> column : columns.values()) {
            Map<String, Double> centre = new HashMap<>();
            for (String id : column) {
                double sum = 0;
                int n = 0;
                for (SiteModel.Link link : model.upstream(id)) {
                    Integer r = row.get(link.producer());
                    if (r != null) {
                        sum += r;
                        n++;
                    }
                }
                centre.put(id, n == 0 ? Double.MAX_VALUE : sum / n);
            }
            column.sort(
                    Comparator.comparingDouble((String id) -> centre.get(id)).thenComparing(id -> id));
            int next = 0;
            for (String id : column) {
                double c = centre.get(id);
                int r = c == Double.MAX_VALUE ? next : Math.max(next, (int) Math.round(c));
                row.put(id, r);
                next = r + 1;
            }
            layers.add(List.copyOf(column));
        }
        return new LineageLayout(List.copyOf(layers), Map.copyOf(row), model.links(), false);
    }

    /**
     * The neighbourhood of one product: its producers up to {@code hops} links upstream in the columns
     * to its left, its consumers up to {@code hops} links downstream to its right, at most {@code limit}
     * products on each side (nearest first), and every link among them.
     */
    static LineageLayout around(SiteModel model, String productId, int hops, int limit) {
        Map<String, Integer> column = new LinkedHashMap<>();
        column.put(productId, 0);
        boolean truncated = walk(model, productId, hops, limit, true, column);
        truncated |= walk(model, productId, hops, limit, false, column);
        TreeMap<Integer, List<String>> columns = new TreeMap<>();
        column.forEach(
                (id, c) -> columns.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
        List<List<String>> layers = new ArrayList<>();
        for (List<String> ids : columns.values()) {
            ids.sort(Comparator.naturalOrder());
            layers.add(List.copyOf(ids));
        }
        List<SiteModel.Link> links = new ArrayList<>();
        for (String id : column.keySet()) {
            for (SiteModel.Link link : model.downstream(id)) {
                if (column.containsKey(link.consumer())) links.add(link);
            }
        }
        return new LineageLayout(List.copyOf(layers), Map.of(), List.copyOf(links), truncated);
    }

    private static boolean walk(
            SiteModel model, String start, int hops, int limit, boolean up, Map<String, Integer> column) {
        int added = 0;
        List<String> frontier = List.of(start);
        for (int hop = 1; hop <= hops && !frontier.isEmpty(); hop++) {
            List<String> next = new ArrayList<>();
            for (String at : frontier) {
                for (SiteModel.Link link : up ? model.upstream(at) : model.downstream(at)) {
                    String other = up ? link.producer() : link.consumer();
                    if (column.containsKey(other)) continue;
                    if (added == limit) return true;
                    column.put(other, up ? -hop : hop);
                    next.add(other);
                    added++;
                }
            }
            frontier = next;
        }
        return false;
    }
}

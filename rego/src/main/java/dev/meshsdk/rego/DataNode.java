package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A node of the virtual document tree: the rules defined at a path and its child nodes. */
final class DataNode {
    final List<String> path;
    final Map<String, DataNode> children = new TreeMap<>();
    final List<Ast.Rule> rules = new ArrayList<>();
    Ast.Rule defaultRule;

    DataNode(List<String> path) {
        this.path = List.copyOf(path);
    }

    DataNode child(String key) {
        return children.computeIfAbsent(key, k -> {
            List<String> p = new ArrayList<>(path);
            p.add(k);
            return new DataNode(p);
        });
    }

    boolean hasRules() {
        return !rules.isEmpty() || defaultRule != null;
    }

    String dotted() {
        return path.isEmpty() ? "data" : "data." + String.join(".", path);
    }
}

package dev.meshsdk.rego;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The documents visible to one evaluation context: input, base data and the replacements made by
 * {@code with}. A fresh scope (and so a fresh rule cache) is made for every {@code with}.
 */
final class Scope {
    /** A replacement installed by {@code with} for a function or builtin. */
    record Mock(RegoValue constant, String builtin, String function) {}

    final RegoValue input;
    final RegoValue data;
    final Set<List<String>> masked;
    final Map<String, Mock> mocks;
    final Map<DataNode, Optional<RegoValue>> cache = new HashMap<>();
    final Set<DataNode> inProgress = new HashSet<>();

    Scope(RegoValue input, RegoValue data, Set<List<String>> masked, Map<String, Mock> mocks) {
        this.input = input;
        this.data = data;
        this.masked = masked;
        this.mocks = mocks;
    }

    /** The same documents with empty caches, for a fresh attempt at an evaluation. */
    Scope fresh() {
        return new Scope(input, data, masked, mocks);
    }

    /** Base data at a path, or null. */
    RegoValue baseAt(List<String> path) {
        RegoValue v = data;
        for (String s : path) {
            if (!(v instanceof RegoValue.Obj o)) {
                return null;
            }
            v = o.get(RegoValue.of(s));
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    boolean isMasked(List<String> path) {
        return !masked.isEmpty() && masked.contains(path);
    }
}

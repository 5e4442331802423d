package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Evaluates references into {@code data}: base documents merged with rule-defined documents. */
final class VirtualDocs {
    private final Eval eval;

    VirtualDocs(Eval eval) {
        this.eval = eval;
    }

    boolean data(List<Ast.Term> path, Bindings b, Eval.VK k) {
        return data(path, 0, eval.policy.root, new ArrayList<>(), b, k);
    }

    private boolean data(List<Ast.Term> path, int i, DataNode node, List<String> cur, Bindings b, Eval.VK k) {
        Scope scope = eval.scope;
        if (node == null || scope.isMasked(cur)) {
            RegoValue base = scope.baseAt(cur);
            return base == null || walkBase(base, path, i, b, k);
        }
        if (node.hasRules() || i == path.size()) {
            RegoValue v = nodeValue(node);
            return v == null || eval.walk(v, path, i, b, k);
        }
        Ast.Term e = path.get(i);
        if (e instanceof Ast.Scalar s) {
            return select(path, i, node, cur, s.value(), b, k); // its value at once, no continuation
        }
        if (Eval.closed(e, b)) {
            return eval.term(e, b, (key, b2) -> select(path, i, node, cur, key, b2, k));
        }
        TreeSet<String> keys = new TreeSet<>(node.children.keySet());
        RegoValue base = scope.baseAt(cur);
        if (base instanceof RegoValue.Obj o) {
            for (RegoValue kv : o.map().keySet()) {
                if (kv instanceof RegoValue.Str s) {
                    keys.add(s.value());
                }
            }
        }
        for (String key : keys) {
            boolean more = eval.unifyValue(
                    e, RegoValue.of(key), b, b2 -> data(path, i + 1, node.children.get(key), append(cur, key), b2, k));
            if (!more) {
                return false;
            }
        }
        return true;
    }

    /** Goes on below {@code node} with the value {@code key} of the path operand at {@code i}. */
    private boolean select(
            List<Ast.Term> path, int i, DataNode node, List<String> cur, RegoValue key, Bindings b, Eval.VK k) {
        String sk = key instanceof RegoValue.Str s
                ? s.value()
                : key instanceof RegoValue.Num n && n.isInteger() ? n.toString() : null;
        if (sk != null) {
            return data(path, i + 1, node.children.get(sk), append(cur, sk), b, k);
        }
        RegoValue base = eval.scope.baseAt(cur);
        RegoValue c = base == null ? null : Eval.child(base, key);
        return c == null || eval.walk(c, path, i + 1, b, k);
    }

    /** Walks base data, where integer operands also select string keys ("2" for 2). */
    private boolean walkBase(RegoValue v, List<Ast.Term> path, int i, Bindings b, Eval.VK k) {
        if (i == path.size()) {
            return k.go(v, b);
        }
        Ast.Term e = path.get(i);
        if (v instanceof RegoValue.Obj o && e instanceof Ast.Scalar s) {
            RegoValue c = baseChild(o, s.value());
            return c == null || walkBase(c, path, i + 1, b, k);
        }
        if (v instanceof RegoValue.Obj o && Eval.closed(e, b)) {
            return eval.term(e, b, (key, b2) -> {
                RegoValue c = baseChild(o, key);
                return c == null || walkBase(c, path, i + 1, b2, k);
            });
        }
        return eval.walk(v, path, i, b, k);
    }

    private static RegoValue baseChild(RegoValue.Obj o, RegoValue key) {
        RegoValue c = o.get(key);
        if (c == null && key instanceof RegoValue.Num n && n.isInteger()) {
            c = o.get(RegoValue.of(n.toString()));
        }
        return c;
    }

    private static List<String> append(List<String> l, String s) {
        List<String> r = new ArrayList<>(l.size() + 1);
        r.addAll(l);
        r.add(s);
        return r;
    }

    /** The full value of a node (null if undefined), cached per scope. */
    RegoValue nodeValue(DataNode node) {
        Scope scope = eval.scope;
        if (scope.isMasked(node.path)) {
            return scope.baseAt(node.path);
        }
        Optional<RegoValue> cached = scope.cache.get(node);
        if (cached != null) {
            return cached.orElse(null);
        }
        if (!scope.inProgress.add(node)) {
            throw new RegoException(
                    "eval_recursion_error",
                    "rule " + node.dotted()
                            + " depends on itself (recursion); Rego rules must not be recursive, rewrite it");
        }
        RegoValue v;
        try {
            v = computeNodeValue(node);
        } finally {
            scope.inProgress.remove(node);
        }
        scope.cache.put(node, Optional.ofNullable(v));
        return v;
    }

    private RegoValue computeNodeValue(DataNode node) {
        Scope scope = eval.scope;
        RegoValue base = scope.baseAt(node.path);
        RuleValues rv = new RuleValues(eval, node);
        RegoValue own = node.hasRules() && base == null ? rv.value() : null;
        if (base != null && node.hasRules()) {
            return patchMasked(node.path, base);
        }
        if (own != null) {
            return patchMasked(node.path, own);
        }
        if (node.hasRules() && node.children.isEmpty()) {
            return patchMasked(node.path, base);
        }
        TreeMap<RegoValue, Object> m = new TreeMap<>();
        RegoValue start = own != null ? own : base;
        if (start instanceof RegoValue.Obj o) {
            for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
                if (own == null && e.getKey() instanceof RegoValue.Str ks && node.children.containsKey(ks.value())) {
                    continue;
                }
                m.put(e.getKey(), e.getValue());
            }
        } else if (start != null) {
            return patchMasked(node.path, start);
        }
        for (DataNode child : node.children.values()) {
            RegoValue cv = nodeValue(child);
            if (cv != null) {
                ObjectBuilder.merge(m, RegoValue.of(child.path.get(child.path.size() - 1)), cv);
            }
        }
        return patchMasked(node.path, ObjectBuilder.build(m));
    }

    private RegoValue patchMasked(List<String> path, RegoValue v) {
        Scope scope = eval.scope;
        if (scope.masked.isEmpty()) {
            return v;
        }
        for (List<String> mp : scope.masked) {
            if (mp.size() > path.size() && mp.subList(0, path.size()).equals(path)) {
                v = ObjectBuilder.setPath(
                        v == null ? new RegoValue.Obj(new TreeMap<>()) : v,
                        mp.subList(path.size(), mp.size()),
                        scope.baseAt(mp));
            }
        }
        return v;
    }
}

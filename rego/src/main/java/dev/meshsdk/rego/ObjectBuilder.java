package dev.meshsdk.rego;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds objects from rule outputs. Intermediate levels are mutable maps; values produced by
 * rules are atomic leaves, so a second, different value for the same key is a conflict.
 */
final class ObjectBuilder {
    private ObjectBuilder() {}

    static final String KEYS_UNIQUE = "object keys must be unique";

    static void insert(TreeMap<RegoValue, Object> m, List<RegoValue> keys, RegoValue v, boolean setLeaf, Ast.Loc loc) {
        TreeMap<RegoValue, Object> cur = m;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object ex = cur.get(keys.get(i));
            if (ex == null) {
                TreeMap<RegoValue, Object> n = new TreeMap<>();
                cur.put(keys.get(i), n);
                cur = n;
            } else if (ex instanceof TreeMap<?, ?> tm) {
                @SuppressWarnings("unchecked")
                TreeMap<RegoValue, Object> t = (TreeMap<RegoValue, Object>) tm;
                cur = t;
            } else {
                throw conflict(loc);
            }
        }
        RegoValue last = keys.get(keys.size() - 1);
        Object ex = cur.get(last);
        if (setLeaf) {
            if (ex == null) {
                TreeSet<RegoValue> s = new TreeSet<>();
                s.add(v);
                cur.put(last, s);
            } else if (ex instanceof TreeSet<?> ts) {
                @SuppressWarnings("unchecked")
                TreeSet<RegoValue> s = (TreeSet<RegoValue>) ts;
                s.add(v);
            } else {
                throw conflict(loc);
            }
        } else if (ex == null) {
            cur.put(last, v);
        } else if (!(ex instanceof RegoValue rv && rv.equals(v))) {
            throw conflict(loc);
        }
    }

    /** Merges a computed child document into the builder at {@code key}. */
    static void merge(TreeMap<RegoValue, Object> m, RegoValue key, RegoValue v) {
        Object ex = m.get(key);
        if (ex == null) {
            m.put(key, v);
        } else if (ex instanceof TreeMap<?, ?> tm && v instanceof RegoValue.Obj o) {
            @SuppressWarnings("unchecked")
            TreeMap<RegoValue, Object> t = (TreeMap<RegoValue, Object>) tm;
            for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
                merge(t, e.getKey(), e.getValue());
            }
        } else if (ex instanceof TreeSet<?> ts && v instanceof RegoValue.SetV sv) {
            @SuppressWarnings("unchecked")
            TreeSet<RegoValue> s = (TreeSet<RegoValue>) ts;
            s.addAll(sv.items());
        } else if (!(ex instanceof RegoValue rv && rv.equals(v))) {
            throw conflict(null);
        }
    }

    private static RegoException conflict(Ast.Loc loc) {
        return RegoException.conflict(
                (loc == null ? "" : loc + ": ") + KEYS_UNIQUE + "; make the rules produce each key once");
    }

    static RegoValue build(Map<RegoValue, Object> m) {
        TreeMap<RegoValue, RegoValue> out = new TreeMap<>();
        for (Map.Entry<RegoValue, Object> e : m.entrySet()) {
            out.put(e.getKey(), toValue(e.getValue()));
        }
        return new RegoValue.Obj(out);
    }

    @SuppressWarnings("unchecked")
    private static RegoValue toValue(Object o) {
        if (o instanceof RegoValue v) {
            return v;
        } else if (o instanceof TreeSet<?> s) {
            return new RegoValue.SetV((TreeSet<RegoValue>) s);
        }
        return build((Map<RegoValue, Object>) o);
    }

    /** Returns {@code v} with {@code path} set to {@code value}, creating objects on the way. */
    static RegoValue setPath(RegoValue v, List<String> path, RegoValue value) {
        if (path.isEmpty()) {
            return value;
        }
        TreeMap<RegoValue, RegoValue> m = v instanceof RegoValue.Obj o ? new TreeMap<>(o.map()) : new TreeMap<>();
        RegoValue key = RegoValue.of(path.get(0));
        RegoValue child = m.get(key);
        m.put(key, setPath(child, path.subList(1, path.size()), value));
        return new RegoValue.Obj(m);
    }
}

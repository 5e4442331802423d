package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** object.* builtins. */
final class ObjectBuiltins {
    private ObjectBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add("object.get", 3, (a, c) -> {
            RegoValue.Obj o = Args.obj("object.get", a, 0);
            if (a[1] instanceof RegoValue.Arr path) {
                RegoValue cur = o;
                for (RegoValue k : path.items()) {
                    cur = Eval.child(cur, k);
                    if (cur == null) {
                        return a[2];
                    }
                }
                return cur == null ? a[2] : cur;
            }
            RegoValue v = o.get(a[1]);
            return v == null ? a[2] : v;
        });
        r.add(
                "object.keys",
                1,
                (a, c) -> new RegoValue.SetV(
                        new TreeSet<>(Args.obj("object.keys", a, 0).map().keySet())));
        r.add("object.remove", 2, (a, c) -> {
            RegoValue.Obj o = Args.obj("object.remove", a, 0);
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>(o.map());
            for (RegoValue k : keysOf("object.remove", a, 1)) {
                m.remove(k);
            }
            return new RegoValue.Obj(m);
        });
        r.add("object.filter", 2, (a, c) -> {
            RegoValue.Obj o = Args.obj("object.filter", a, 0);
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
            for (RegoValue k : keysOf("object.filter", a, 1)) {
                RegoValue v = o.get(k);
                if (v != null) {
                    m.put(k, v);
                }
            }
            return new RegoValue.Obj(m);
        });
        r.add("object.union", 2, (a, c) -> {
            RegoValue.Obj x = Args.obj("object.union", a, 0);
            RegoValue.Obj y = Args.obj("object.union", a, 1);
            return unionAll(List.of(x, y), c.limits());
        });
        r.add("object.union_n", 1, (a, c) -> {
            RegoValue.Arr arr = Args.arr("object.union_n", a, 0);
            List<RegoValue.Obj> objects = new ArrayList<>();
            for (RegoValue v : arr.items()) {
                if (!(v instanceof RegoValue.Obj o)) {
                    throw RegoException.type("object.union_n: operand 1 must be array of objects but got"
                            + " array containing " + v.typeName());
                }
                objects.add(o);
            }
            return unionAll(objects, c.limits());
        });
        r.add("object.subset", 2, (a, c) -> {
            RegoValue sup = a[0];
            RegoValue sub = a[1];
            boolean okSup =
                    sup instanceof RegoValue.Obj || sup instanceof RegoValue.Arr || sup instanceof RegoValue.SetV;
            if (!okSup) {
                throw Args.typeErr("object.subset", 0, "one of {object, array, set}", sup);
            }
            if (!(sub instanceof RegoValue.Obj || sub instanceof RegoValue.Arr || sub instanceof RegoValue.SetV)) {
                throw Args.typeErr("object.subset", 1, "one of {object, array, set}", sub);
            }
            if (sup instanceof RegoValue.Obj && !(sub instanceof RegoValue.Obj)) {
                throw RegoException.type("object.subset: operand 2 must be object if operand 1 is object" + " but got "
                        + sub.typeName());
            }
            return RegoValue.of(subset(sup, sub));
        });
    }

    private static List<RegoValue> keysOf(String fn, RegoValue[] a, int i) {
        RegoValue v = a[i];
        if (v instanceof RegoValue.Obj o) {
            return new ArrayList<>(o.map().keySet());
        } else if (v instanceof RegoValue.Arr arr) {
            return arr.items();
        } else if (v instanceof RegoValue.SetV s) {
            return s.toList();
        }
        throw Args.typeErr(fn, i, "one of {object, set, array}", v);
    }

    /**
     * The union of objects, later ones winning and nested objects merged, in one pass: each
     * member is merged once into a mutable tree (charged a step each), instead of copying the
     * growing result once per object.
     */
    static RegoValue unionAll(List<RegoValue.Obj> objects, Limits limits) {
        TreeMap<RegoValue, Object> acc = new TreeMap<>();
        for (RegoValue.Obj o : objects) {
            merge(acc, o, limits);
        }
        return freeze(acc);
    }

    private static void merge(TreeMap<RegoValue, Object> into, RegoValue.Obj o, Limits limits) {
        for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
            limits.step();
            Object existing = into.get(e.getKey());
            if (e.getValue() instanceof RegoValue.Obj v && existing instanceof RegoValue.Obj old) {
                TreeMap<RegoValue, Object> m = new TreeMap<>();
                merge(m, old, limits);
                merge(m, v, limits);
                into.put(e.getKey(), m);
            } else if (e.getValue() instanceof RegoValue.Obj v && existing instanceof TreeMap<?, ?> m) {
                @SuppressWarnings("unchecked")
                TreeMap<RegoValue, Object> tree = (TreeMap<RegoValue, Object>) m;
                merge(tree, v, limits);
            } else {
                into.put(e.getKey(), e.getValue());
                limits.size(into.size(), null);
            }
        }
    }

    private static RegoValue freeze(TreeMap<RegoValue, Object> tree) {
        TreeMap<RegoValue, RegoValue> out = new TreeMap<>();
        for (Map.Entry<RegoValue, Object> e : tree.entrySet()) {
            @SuppressWarnings("unchecked")
            RegoValue v = e.getValue() instanceof TreeMap<?, ?> m
                    ? freeze((TreeMap<RegoValue, Object>) m)
                    : (RegoValue) e.getValue();
            out.put(e.getKey(), v);
        }
        return new RegoValue.Obj(out);
    }

    static boolean subset(RegoValue sup, RegoValue sub) {
        if (sup instanceof RegoValue.Obj a && sub instanceof RegoValue.Obj b) {
            for (Map.Entry<RegoValue, RegoValue> e : b.map().entrySet()) {
                RegoValue v = a.get(e.getKey());
                if (v == null) {
                    return false;
                }
                if (v instanceof RegoValue.Obj && e.getValue() instanceof RegoValue.Obj
                        || v instanceof RegoValue.SetV && e.getValue() instanceof RegoValue.SetV
                        || v instanceof RegoValue.Arr && e.getValue() instanceof RegoValue.Arr) {
                    if (!subset(v, e.getValue())) {
                        return false;
                    }
                } else if (!v.equals(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof RegoValue.SetV a && sub instanceof RegoValue.SetV b) {
            return a.items().containsAll(b.items());
        }
        if (sup instanceof RegoValue.Arr a && sub instanceof RegoValue.SetV b) {
            return a.items().containsAll(b.items());
        }
        if (sup instanceof RegoValue.Arr a && sub instanceof RegoValue.Arr b) {
            return java.util.Collections.indexOfSubList(a.items(), b.items()) >= 0;
        }
        return false;
    }
}

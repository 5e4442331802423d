package dev.meshsdk.rego;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** RFC 6902 JSON Patch over values (json.patch); a failing patch makes the result undefined. */
final class JsonPatch {
    private JsonPatch() {}

    /**
     * Applies {@code ops} in order. Values are immutable, so every operation copies the containers
     * along its path: that work is charged before each operation, and a container about to grow
     * past the size limit is refused, so a long patch of a growing document fails within the step
     * budget instead of running for minutes.
     */
    static RegoValue apply(RegoValue doc, List<RegoValue> ops, Limits limits) {
        RegoValue cur = doc;
        for (RegoValue op : ops) {
            if (!(op instanceof RegoValue.Obj o)) {
                throw RegoException.type("json.patch: operand 2 must be array of objects but got " + op.typeName());
            }
            String kind = str(o.get(RegoValue.of("op")));
            List<RegoValue> path = path(o.get(RegoValue.of("path")));
            if (kind == null || path == null) {
                return null;
            }
            charge(cur, path, limits);
            List<RegoValue> fromPath = path(o.get(RegoValue.of("from")));
            if (fromPath != null) {
                charge(cur, fromPath, limits);
            }
            RegoValue value = o.get(RegoValue.of("value"));
            switch (kind) {
                case "add" -> cur = value == null ? null : add(cur, path, value);
                case "remove" -> cur = remove(cur, path);
                case "replace" ->
                    cur = value == null || get(cur, path) == null ? null : add(remove(cur, path), path, value);
                case "move", "copy" -> {
                    List<RegoValue> from = path(o.get(RegoValue.of("from")));
                    RegoValue v = from == null ? null : get(cur, from);
                    if (v == null) {
                        return null;
                    }
                    if (kind.equals("move")) {
                        cur = remove(cur, from);
                    }
                    cur = cur == null ? null : add(cur, path, v);
                }
                case "test" -> {
                    RegoValue v = get(cur, path);
                    if (v == null || !v.equals(value)) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** Charges copying the containers along {@code path}; checks the last can grow by one. */
    private static void charge(RegoValue doc, List<RegoValue> path, Limits limits) {
        RegoValue cur = doc;
        long work = 1;
        int size = 0;
        for (RegoValue seg : path) {
            size = cur instanceof RegoValue.Arr a
                    ? a.items().size()
                    : cur instanceof RegoValue.Obj o
                            ? o.map().size()
                            : cur instanceof RegoValue.SetV s ? s.items().size() : 0;
            work += size + 1;
            cur = cur == null ? null : get(cur, List.of(seg));
        }
        limits.size(size + 1L, null);
        limits.charge(work);
    }

    private static String str(RegoValue v) {
        return v instanceof RegoValue.Str s ? s.value() : null;
    }

    private static List<RegoValue> path(RegoValue v) {
        if (v instanceof RegoValue.Arr a) {
            return a.items();
        }
        if (!(v instanceof RegoValue.Str s)) {
            return null;
        }
        List<RegoValue> out = new ArrayList<>();
        if (s.value().isEmpty()) {
            return out;
        }
        String t = s.value().startsWith("/") ? s.value().substring(1) : s.value();
        for (String seg : t.split("/", -1)) {
            out.add(RegoValue.of(seg.replace("~1", "/").replace("~0", "~")));
        }
        return out;
    }

    static RegoValue get(RegoValue v, List<RegoValue> path) {
        RegoValue cur = v;
        for (RegoValue seg : path) {
            if (cur instanceof RegoValue.Arr a) {
                Integer i = index(seg, a.items().size(), false);
                cur = i == null ? null : a.items().get(i);
            } else if (cur instanceof RegoValue.SetV s) {
                cur = s.items().contains(seg) ? seg : null;
            } else if (cur instanceof RegoValue.Obj o) {
                cur = o.get(seg);
            } else {
                return null;
            }
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private static Integer index(RegoValue seg, int size, boolean allowEnd) {
        String s =
                seg instanceof RegoValue.Str str ? str.value() : seg instanceof RegoValue.Num n ? n.toString() : null;
        if (s == null) {
            return null;
        }
        if (s.equals("-")) {
            return allowEnd ? size : null;
        }
        if (s.length() > 1 && s.startsWith("0") || s.startsWith("+") || s.startsWith("-")) {
            return null;
        }
        try {
            int i = new BigInteger(s).intValueExact();
            return i >= 0 && (i < size || allowEnd && i == size) ? i : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static RegoValue add(RegoValue v, List<RegoValue> path, RegoValue value) {
        if (path.isEmpty()) {
            return value;
        }
        RegoValue seg = path.get(0);
        List<RegoValue> rest = path.subList(1, path.size());
        if (v instanceof RegoValue.Obj o) {
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>(o.map());
            if (rest.isEmpty()) {
                m.put(seg, value);
            } else {
                RegoValue c = o.get(seg);
                RegoValue n = c == null ? null : add(c, rest, value);
                if (n == null) {
                    return null;
                }
                m.put(seg, n);
            }
            return new RegoValue.Obj(m);
        } else if (v instanceof RegoValue.Arr a) {
            List<RegoValue> l = new ArrayList<>(a.items());
            Integer i = index(seg, l.size(), rest.isEmpty());
            if (i == null) {
                return null;
            }
            if (rest.isEmpty()) {
                l.add(i, value);
            } else {
                RegoValue n = add(l.get(i), rest, value);
                if (n == null) {
                    return null;
                }
                l.set(i, n);
            }
            return new RegoValue.Arr(l);
        } else if (v instanceof RegoValue.SetV s) {
            TreeSet<RegoValue> t = new TreeSet<>(s.items());
            if (rest.isEmpty()) {
                if (!seg.equals(value) && !(seg.equals(RegoValue.of("-")))) {
                    return null;
                }
                t.add(value);
                return new RegoValue.SetV(t);
            }
            if (!t.remove(seg)) {
                return null;
            }
            RegoValue n = add(seg, rest, value);
            if (n == null) {
                return null;
            }
            t.add(n);
            return new RegoValue.SetV(t);
        }
        return null;
    }

    private static RegoValue remove(RegoValue v, List<RegoValue> path) {
        if (v == null || path.isEmpty()) {
            return null;
        }
        RegoValue seg = path.get(0);
        List<RegoValue> rest = path.subList(1, path.size());
        if (v instanceof RegoValue.Obj o) {
            if (o.get(seg) == null) {
                return null;
            }
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>(o.map());
            if (rest.isEmpty()) {
                m.remove(seg);
            } else {
                RegoValue n = remove(o.get(seg), rest);
                if (n == null) {
                    return null;
                }
                m.put(seg, n);
            }
            return new RegoValue.Obj(m);
        } else if (v instanceof RegoValue.Arr a) {
            List<RegoValue> l = new ArrayList<>(a.items());
            Integer i = index(seg, l.size(), false);
            if (i == null) {
                return null;
            }
            if (rest.isEmpty()) {
                l.remove((int) i);
            } else {
                RegoValue n = remove(l.get(i), rest);
                if (n == null) {
                    return null;
                }
                l.set(i, n);
            }
            return new RegoValue.Arr(l);
        } else if (v instanceof RegoValue.SetV s) {
            if (!rest.isEmpty() || !s.items().contains(seg)) {
                return null;
            }
            TreeSet<RegoValue> t = new TreeSet<>(s.items());
            t.remove(seg);
            return new RegoValue.SetV(t);
        }
        return null;
    }
}

package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** semver, units, walk, print, uuid, casts, graph and other small builtins. */
final class MiscBuiltins {
    private MiscBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add("units.parse", 1, (a, c) -> UnitsParser.parse(Args.str("units.parse", a, 0), false));
        r.add("units.parse_bytes", 1, (a, c) -> UnitsParser.parse(Args.str("units.parse_bytes", a, 0), true));
        r.add(
                "semver.is_valid",
                1,
                (a, c) -> RegoValue.of(a[0] instanceof RegoValue.Str s && Semver.parse(s.value()) != null));
        r.add("semver.compare", 2, (a, c) -> {
            String x = Args.str("semver.compare", a, 0);
            String y = Args.str("semver.compare", a, 1);
            Semver sx = Semver.parse(x);
            Semver sy = Semver.parse(y);
            if (sx == null) {
                throw RegoException.builtin(
                        "semver.compare: operand 1: string " + JsonText.quote(x) + " is not a valid SemVer");
            }
            if (sy == null) {
                throw RegoException.builtin(
                        "semver.compare: operand 2: string " + JsonText.quote(y) + " is not a valid SemVer");
            }
            return RegoValue.of(Integer.signum(sx.compareTo(sy)));
        });
        r.addMulti("walk", 1, (a, c) -> {
            List<RegoValue> out = new ArrayList<>();
            walk(new ArrayList<>(), a[0], out, c);
            return out;
        });
        r.add("print", -1, (a, c) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : " ").append(MoreStringBuiltins.plain(a[i]));
            }
            c.query().print.accept(sb.toString());
            return RegoValue.TRUE;
        });
        r.add("opa.runtime", 0, (a, c) -> new RegoValue.Obj(new TreeMap<>()));
        r.add("uuid.rfc4122", 1, (a, c) -> c.query()
                .memo
                .computeIfAbsent(
                        "uuid:" + Args.str("uuid.rfc4122", a, 0),
                        k -> Args.str(java.util.UUID.randomUUID().toString())));
        r.add("uuid.parse", 1, (a, c) -> UuidParser.parse(Args.str("uuid.parse", a, 0)));
        r.add("rand.intn", 2, (a, c) -> {
            String s = Args.str("rand.intn", a, 0);
            long n = Args.integer("rand.intn", a, 1).longValue();
            if (n == 0) {
                return RegoValue.of(0);
            }
            return c.query()
                    .memo
                    .computeIfAbsent(
                            "rand:" + s + ":" + n,
                            k -> RegoValue.of(java.util.concurrent.ThreadLocalRandom.current()
                                    .nextLong(Math.abs(n))));
        });
        r.add(
                "cast_array",
                1,
                (a, c) ->
                        a[0] instanceof RegoValue.Arr ? a[0] : new RegoValue.Arr(Args.collection("cast_array", a, 0)));
        r.add(
                "cast_set",
                1,
                (a, c) -> a[0] instanceof RegoValue.SetV
                        ? a[0]
                        : new RegoValue.SetV(new TreeSet<>(Args.collection("cast_set", a, 0))));
        r.add("cast_string", 1, (a, c) -> Args.str(Args.str("cast_string", a, 0)));
        r.add("cast_boolean", 1, (a, c) -> RegoValue.of(Args.bool("cast_boolean", a, 0)));
        r.add("cast_null", 1, (a, c) -> {
            if (!(a[0] instanceof RegoValue.Null)) {
                throw Args.typeErr("cast_null", 0, "null", a[0]);
            }
            return a[0];
        });
        r.add("cast_object", 1, (a, c) -> Args.obj("cast_object", a, 0));
        r.add("graph.reachable", 2, (a, c) -> reachable(Args.obj("graph.reachable", a, 0), a[1], "graph.reachable"));
        r.add("graph.reachable_paths", 2, (a, c) -> reachablePaths(Args.obj("graph.reachable_paths", a, 0), a[1]));
        r.add("array.flatten", 1, (a, c) -> {
            List<RegoValue> out = new ArrayList<>();
            for (RegoValue v : Args.arr("array.flatten", a, 0).items()) {
                if (v instanceof RegoValue.Arr inner) {
                    out.addAll(inner.items());
                } else {
                    out.add(v);
                }
            }
            return new RegoValue.Arr(out);
        });
    }

    private static void walk(List<RegoValue> path, RegoValue v, List<RegoValue> out, BuiltinContext c) {
        out.add(new RegoValue.Arr(List.of(new RegoValue.Arr(path), v)));
        c.limits().size(out.size(), null);
        c.eval().iterate(v, (k, child) -> {
            path.add(k);
            walk(path, child, out, c);
            path.remove(path.size() - 1);
            return true;
        });
    }

    private static List<RegoValue> neighbours(RegoValue.Obj g, RegoValue node) {
        RegoValue e = g.get(node);
        if (e instanceof RegoValue.Arr || e instanceof RegoValue.SetV) {
            return Args.collection("graph", new RegoValue[] {e}, 0);
        }
        return List.of();
    }

    private static RegoValue reachable(RegoValue.Obj g, RegoValue init, String fn) {
        if (!(init instanceof RegoValue.Arr) && !(init instanceof RegoValue.SetV)) {
            throw Args.typeErr(fn, 1, "one of {set, array}", init);
        }
        TreeSet<RegoValue> seen = new TreeSet<>();
        Deque<RegoValue> q = new ArrayDeque<>(Args.collection(fn, new RegoValue[] {init}, 0));
        while (!q.isEmpty()) {
            RegoValue n = q.poll();
            if (g.get(n) == null || !seen.add(n)) {
                continue;
            }
            q.addAll(neighbours(g, n));
        }
        return new RegoValue.SetV(seen);
    }

    private static RegoValue reachablePaths(RegoValue.Obj g, RegoValue init) {
        TreeSet<RegoValue> out = new TreeSet<>();
        for (RegoValue start : Args.collection("graph.reachable_paths", new RegoValue[] {init}, 0)) {
            if (g.get(start) == null) {
                continue;
            }
            List<RegoValue> path = new ArrayList<>();
            paths(g, start, path, out);
        }
        return new RegoValue.SetV(out);
    }

    private static void paths(RegoValue.Obj g, RegoValue n, List<RegoValue> path, TreeSet<RegoValue> out) {
        path.add(n);
        List<RegoValue> next = new ArrayList<>();
        for (RegoValue x : neighbours(g, n)) {
            if (!path.contains(x) && g.get(x) != null) {
                next.add(x);
            }
        }
        if (next.isEmpty()) {
            out.add(new RegoValue.Arr(path));
        }
        for (RegoValue x : next) {
            paths(g, x, path, out);
        }
        path.remove(path.size() - 1);
    }

    /** A parsed semantic version (2.0.0). */
    record Semver(BigDecimal major, BigDecimal minor, BigDecimal patch, String pre) implements Comparable<Semver> {
        private static final java.util.regex.Pattern P = java.util.regex.Pattern.compile(
                "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
                        + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\."
                        + "[0-9a-zA-Z-]+)*))?$");

        static Semver parse(String s) {
            java.util.regex.Matcher m = P.matcher(s);
            if (!m.matches()) {
                return null;
            }
            return new Semver(
                    new BigDecimal(m.group(1)), new BigDecimal(m.group(2)), new BigDecimal(m.group(3)), m.group(4));
        }

        @Override
        public int compareTo(Semver o) {
            int c = major.compareTo(o.major);
            c = c != 0 ? c : minor.compareTo(o.minor);
            c = c != 0 ? c : patch.compareTo(o.patch);
            if (c != 0) {
                return c;
            }
            if (pre == null || o.pre == null) {
                return pre == null ? (o.pre == null ? 0 : 1) : -1;
            }
            String[] a = pre.split("\\.");
            String[] b = o.pre.split("\\.");
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                boolean na = a[i].matches("\\d+");
                boolean nb = b[i].matches("\\d+");
                int d = na && nb
                        ? new BigDecimal(a[i]).compareTo(new BigDecimal(b[i]))
                        : na ? -1 : nb ? 1 : a[i].compareTo(b[i]);
                if (d != 0) {
                    return d;
                }
            }
            return Integer.compare(a.length, b.length);
        }
    }
}

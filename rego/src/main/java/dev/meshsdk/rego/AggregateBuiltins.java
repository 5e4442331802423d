package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/** Aggregates and array/set collection builtins. */
final class AggregateBuiltins {
    private AggregateBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add("count", 1, (a, c) -> {
            RegoValue v = a[0];
            if (v instanceof RegoValue.Arr x) {
                return RegoValue.of(x.items().size());
            } else if (v instanceof RegoValue.SetV x) {
                return RegoValue.of(x.items().size());
            } else if (v instanceof RegoValue.Obj x) {
                return RegoValue.of(x.map().size());
            } else if (v instanceof RegoValue.Str x) {
                return RegoValue.of(x.value().codePointCount(0, x.value().length()));
            }
            throw Args.typeErr("count", 0, "one of {array, object, set, string}", v);
        });
        r.add("sum", 1, (a, c) -> {
            BigDecimal s = BigDecimal.ZERO;
            for (RegoValue v : Args.collection("sum", a, 0)) {
                if (!(v instanceof RegoValue.Num n)) {
                    throw RegoException.type("sum: operand 1 must be one of {set[number], array[number]}" + " but got "
                            + a[0].typeName());
                }
                Numbers.sum(c.limits(), s, n.value());
                s = s.add(n.value());
            }
            return CoreBuiltins.num(s);
        });
        r.add("product", 1, (a, c) -> {
            BigDecimal s = BigDecimal.ONE;
            for (RegoValue v : Args.collection("product", a, 0)) {
                if (!(v instanceof RegoValue.Num n)) {
                    throw RegoException.type("product: operand 1 must be one of {set[number],"
                            + " array[number]} but got " + a[0].typeName());
                }
                Numbers.product(c.limits(), s, n.value());
                s = s.multiply(n.value());
            }
            return CoreBuiltins.num(s);
        });
        r.add("max", 1, (a, c) -> {
            List<RegoValue> l = Args.collection("max", a, 0);
            return l.isEmpty() ? null : Collections.max(l);
        });
        r.add("min", 1, (a, c) -> {
            List<RegoValue> l = Args.collection("min", a, 0);
            return l.isEmpty() ? null : Collections.min(l);
        });
        r.add("sort", 1, (a, c) -> {
            List<RegoValue> l = new ArrayList<>(Args.collection("sort", a, 0));
            Collections.sort(l);
            return new RegoValue.Arr(l);
        });
        r.add("all", 1, (a, c) -> {
            for (RegoValue v : Args.collection("all", a, 0)) {
                if (!v.equals(RegoValue.TRUE)) {
                    return RegoValue.FALSE;
                }
            }
            return RegoValue.TRUE;
        });
        r.add("any", 1, (a, c) -> RegoValue.of(Args.collection("any", a, 0).contains(RegoValue.TRUE)));
        r.add("array.concat", 2, (a, c) -> {
            List<RegoValue> x = Args.arr("array.concat", a, 0).items();
            List<RegoValue> y = Args.arr("array.concat", a, 1).items();
            c.limits().size((long) x.size() + y.size(), null);
            c.limits().charge((long) x.size() + y.size());
            List<RegoValue> l = new ArrayList<>(x);
            l.addAll(y);
            return new RegoValue.Arr(l);
        });
        r.add("array.reverse", 1, (a, c) -> {
            List<RegoValue> l = new ArrayList<>(Args.arr("array.reverse", a, 0).items());
            Collections.reverse(l);
            return new RegoValue.Arr(l);
        });
        r.add("array.slice", 3, (a, c) -> {
            List<RegoValue> l = Args.arr("array.slice", a, 0).items();
            long from = Args.integer("array.slice", a, 1).longValue();
            long to = Args.integer("array.slice", a, 2).longValue();
            from = Math.max(0, from);
            to = Math.min(l.size(), to);
            if (from >= to) {
                return new RegoValue.Arr(List.of());
            }
            return new RegoValue.Arr(l.subList((int) from, (int) to));
        });
        r.add("union", 1, (a, c) -> {
            TreeSet<RegoValue> out = new TreeSet<>();
            for (RegoValue v : Args.set("union", a, 0).items()) {
                if (!(v instanceof RegoValue.SetV s)) {
                    throw RegoException.type("union: operand 1 must be set of sets but got " + v.typeName());
                }
                c.limits().size((long) out.size() + s.items().size(), null);
                c.limits().charge(s.items().size());
                out.addAll(s.items());
            }
            return new RegoValue.SetV(out);
        });
        r.add("intersection", 1, (a, c) -> {
            TreeSet<RegoValue> out = null;
            for (RegoValue v : Args.set("intersection", a, 0).items()) {
                if (!(v instanceof RegoValue.SetV s)) {
                    throw RegoException.type("intersection: operand 1 must be set of sets but got " + v.typeName());
                }
                if (out == null) {
                    out = new TreeSet<>(s.items());
                } else {
                    out.retainAll(s.items());
                }
            }
            return new RegoValue.SetV(out == null ? new TreeSet<>() : out);
        });
    }
}

package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;

/** Unification of terms with terms and with values, binding variables on the way. */
final class Unifier {
    private final Eval eval;

    Unifier(Eval eval) {
        this.eval = eval;
    }

    boolean unify(Ast.Term a, Ast.Term c, Bindings b, Eval.K k) {
        if (a instanceof Ast.Scalar s) {
            return unifyValue(c, s.value(), b, k); // a scalar evaluates to its value at once
        }
        if (Eval.closed(a, b)) {
            return eval.term(a, b, (va, b2) -> unifyValue(c, va, b2, k));
        }
        if (Eval.closed(c, b)) {
            return eval.term(c, b, (vc, b2) -> unifyValue(a, vc, b2, k));
        }
        if (a instanceof Ast.ArrayTerm x && c instanceof Ast.ArrayTerm y) {
            return x.items().size() != y.items().size() || unifyPairs(x.items(), y.items(), 0, b, k);
        }
        if (a instanceof Ast.ObjectTerm x && c instanceof Ast.ObjectTerm y) {
            return x.pairs().size() != y.pairs().size() || unifyObjects(x, y, b, k);
        }
        Ast.Var v = firstUnbound(a, b);
        throw Eval.unsafe(v != null ? v : firstUnbound(c, b));
    }

    private boolean unifyPairs(List<Ast.Term> x, List<Ast.Term> y, int i, Bindings b, Eval.K k) {
        if (i == x.size()) {
            return k.go(b);
        }
        return unify(x.get(i), y.get(i), b, b2 -> unifyPairs(x, y, i + 1, b2, k));
    }

    private boolean unifyObjects(Ast.ObjectTerm x, Ast.ObjectTerm y, Bindings b, Eval.K k) {
        List<Ast.Term> lx = new ArrayList<>();
        List<Ast.Term> ly = new ArrayList<>();
        for (Ast.Pair px : x.pairs()) {
            Ast.Pair match = null;
            for (Ast.Pair py : y.pairs()) {
                if (px.key() instanceof Ast.Scalar sx
                        && py.key() instanceof Ast.Scalar sy
                        && sx.value().equals(sy.value())) {
                    match = py;
                }
            }
            if (match == null) {
                return true;
            }
            lx.add(px.value());
            ly.add(match.value());
        }
        return unifyPairs(lx, ly, 0, b, k);
    }

    private static Ast.Var firstUnbound(Ast.Term t, Bindings b) {
        java.util.Set<String> vars = new java.util.LinkedHashSet<>();
        Resolver.collectVars(t, vars);
        for (String n : vars) {
            if (!n.equals("input") && !n.equals("data") && b.get(n) == null) {
                return new Ast.Var(n, t.loc());
            }
        }
        return new Ast.Var("?", t.loc());
    }

    /** Unifies a (possibly non-ground) term with a value. */
    boolean unifyValue(Ast.Term pat, RegoValue v, Bindings b, Eval.K k) {
        if (pat instanceof Ast.Var var) {
            if (var.isRoot()) {
                return eval.term(pat, b, (x, b2) -> !x.equals(v) || k.go(b2));
            }
            RegoValue cur = var.isWildcard() ? null : b.get(var.name());
            if (cur == null) {
                return k.go(var.isWildcard() ? b : b.bind(var.name(), v));
            }
            return !cur.equals(v) || k.go(b);
        }
        if (pat instanceof Ast.ArrayTerm a && !Eval.closed(pat, b)) {
            if (!(v instanceof RegoValue.Arr arr)
                    || arr.items().size() != a.items().size()) {
                return true;
            }
            return unifyItems(a.items(), arr.items(), 0, b, k);
        }
        if (pat instanceof Ast.ObjectTerm o && !Eval.closed(pat, b)) {
            if (!(v instanceof RegoValue.Obj obj)
                    || obj.map().size() != o.pairs().size()) {
                return true;
            }
            return unifyObjectValue(o.pairs(), 0, obj, b, k);
        }
        if (pat instanceof Ast.Scalar s) {
            return !s.value().equals(v) || k.go(b);
        }
        return eval.term(pat, b, (x, b2) -> !x.equals(v) || k.go(b2));
    }

    private boolean unifyItems(List<Ast.Term> pats, List<RegoValue> vals, int i, Bindings b, Eval.K k) {
        if (i == pats.size()) {
            return k.go(b);
        }
        return unifyValue(pats.get(i), vals.get(i), b, b2 -> unifyItems(pats, vals, i + 1, b2, k));
    }

    private boolean unifyObjectValue(List<Ast.Pair> pairs, int i, RegoValue.Obj obj, Bindings b, Eval.K k) {
        if (i == pairs.size()) {
            return k.go(b);
        }
        Ast.Pair p = pairs.get(i);
        return eval.term(p.key(), b, (key, b2) -> {
            RegoValue val = obj.get(key);
            return val == null || unifyValue(p.value(), val, b2, b3 -> unifyObjectValue(pairs, i + 1, obj, b3, k));
        });
    }
}

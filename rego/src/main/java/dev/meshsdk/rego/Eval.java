package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Top-down evaluation of bodies and terms in continuation-passing style. Continuations return
 * {@code true} to ask for more solutions and {@code false} to stop the enumeration.
 */
final class Eval {
    interface K {
        boolean go(Bindings b);
    }

    interface VK {
        boolean go(RegoValue v, Bindings b);
    }

    final Policy policy;
    final Scope scope;
    final Limits limits;
    final QueryContext qctx;
    final VirtualDocs docs;
    final Calls calls;
    private final Unifier unifier;

    Eval(Policy policy, Scope scope, Limits limits, QueryContext qctx) {
        this.policy = policy;
        this.scope = scope;
        this.limits = limits;
        this.qctx = qctx;
        this.docs = new VirtualDocs(this);
        this.calls = new Calls(this);
        this.unifier = new Unifier(this);
    }

    // ---- bodies ----

    boolean body(List<Ast.Literal> body, int i, Bindings b, K k) {
        if (i == body.size()) {
            return k.go(b);
        }
        Ast.Literal l = body.get(i);
        if (!Safety.ready(l, b, policy)) {
            // like OPA, run a later expression first when it binds what this one needs
            for (int j = i + 1; j < body.size(); j++) {
                if (Safety.ready(body.get(j), b, policy)) {
                    List<Ast.Literal> rest = new ArrayList<>(body.subList(i, body.size()));
                    rest.add(0, rest.remove(j - i));
                    return body(rest, 0, b, k);
                }
            }
        }
        return literal(l, b, b2 -> body(body, i + 1, b2, k));
    }

    boolean literal(Ast.Literal l, Bindings b, K k) {
        limits.enter(l.loc());
        try {
            limits.step();
            if (!l.withs().isEmpty()) {
                return new WithScope(this).eval(l, b, k);
            }
            return literalNoWith(l, b, k);
        } finally {
            limits.exit();
        }
    }

    boolean literalNoWith(Ast.Literal l, Bindings b, K k) {
        if (l.negated()) {
            boolean[] found = {false};
            expr(l.expr(), b, b2 -> {
                found[0] = true;
                return false;
            });
            return found[0] || k.go(b);
        }
        return expr(l.expr(), b, k);
    }

    /** Whether the body has at least one solution. */
    boolean exists(List<Ast.Literal> body, Bindings b) {
        boolean[] found = {false};
        body(body, 0, b, b2 -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    private boolean expr(Ast.Expr e, Bindings b, K k) {
        if (e instanceof Ast.TermExpr te) {
            Ast.Term t = te.term();
            if (t instanceof Ast.Call c && c.target() == null && c.args().size() == 2) {
                if (c.op().equals("eq")) {
                    return unify(c.args().get(0), c.args().get(1), b, k);
                }
                if (c.op().equals("assign")) {
                    return unify(
                            c.args().get(0), c.args().get(1), declare(c.args().get(0), b), k);
                }
            }
            return term(t, b, (v, b2) -> isFalse(v) || k.go(b2));
        } else if (e instanceof Ast.SomeDecl d) {
            Bindings nb = b;
            for (Ast.Var v : d.vars()) {
                nb = nb.declare(v.name());
            }
            return k.go(nb);
        } else if (e instanceof Ast.SomeIn s) {
            Bindings nb = declare(s.value(), s.key() == null ? b : declare(s.key(), b));
            return term(
                    s.collection(),
                    nb,
                    (coll, b2) -> iterate(
                            coll,
                            (key, val) -> s.key() == null
                                    ? unifyValue(s.value(), val, b2, k)
                                    : unifyValue(s.key(), key, b2, b3 -> unifyValue(s.value(), val, b3, k))));
        } else if (e instanceof Ast.Every ev) {
            return every(ev, b, k);
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private boolean every(Ast.Every ev, Bindings b, K k) {
        Bindings nb = declare(ev.value(), ev.key() == null ? b : declare(ev.key(), b));
        return term(ev.domain(), nb, (coll, b2) -> {
            if (!(coll instanceof RegoValue.Arr)
                    && !(coll instanceof RegoValue.Obj)
                    && !(coll instanceof RegoValue.SetV)) {
                return true;
            }
            boolean all = iterate(coll, (key, val) -> {
                boolean[] ok = {false};
                K check = b4 -> {
                    ok[0] = exists(ev.body(), b4);
                    return !ok[0];
                };
                if (ev.key() == null) {
                    unifyValue(ev.value(), val, b2, check);
                } else {
                    unifyValue(ev.key(), key, b2, b3 -> unifyValue(ev.value(), val, b3, check));
                }
                return ok[0];
            });
            return !all || k.go(b);
        });
    }

    static boolean isFalse(RegoValue v) {
        return v instanceof RegoValue.Bool bo && !bo.value();
    }

    static Bindings declare(Ast.Term t, Bindings b) {
        if (t instanceof Ast.Var v) {
            return b.declare(v.name());
        }
        java.util.Set<String> vars = new java.util.LinkedHashSet<>();
        Resolver.collectVars(t, vars);
        for (String v : vars) {
            b = b.declare(v);
        }
        return b;
    }

    interface EntryK {
        boolean go(RegoValue key, RegoValue value);
    }

    /** Calls {@code k} for every (key, value) of a collection; returns false if stopped. */
    boolean iterate(RegoValue coll, EntryK k) {
        if (coll instanceof RegoValue.Arr a) {
            for (int i = 0; i < a.items().size(); i++) {
                limits.step();
                if (!k.go(RegoValue.of(i), a.items().get(i))) {
                    return false;
                }
            }
        } else if (coll instanceof RegoValue.Obj o) {
            for (Map.Entry<RegoValue, RegoValue> en : o.map().entrySet()) {
                limits.step();
                if (!k.go(en.getKey(), en.getValue())) {
                    return false;
                }
            }
        } else if (coll instanceof RegoValue.SetV s) {
            for (RegoValue x : s.items()) {
                limits.step();
                if (!k.go(x, x)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- terms ----

    boolean term(Ast.Term t, Bindings b, VK k) {
        if (t instanceof Ast.Scalar s) {
            return k.go(s.value(), b);
        }
        limits.enter(t.loc());
        try {
            return nested(t, b, k);
        } finally {
            limits.exit();
        }
    }

    private boolean nested(Ast.Term t, Bindings b, VK k) {
        if (t instanceof Ast.Scalar s) {
            return k.go(s.value(), b);
        } else if (t instanceof Ast.Var v) {
            return var(v, b, k);
        } else if (t instanceof Ast.Ref r) {
            return ref(r, b, k);
        } else if (t instanceof Ast.Call c) {
            return calls.call(c, b, k);
        } else if (t instanceof Ast.ArrayTerm a) {
            return list(
                    a.items(),
                    0,
                    new RegoValue[a.items().size()],
                    b,
                    (vals, b2) -> k.go(new RegoValue.Arr(List.of(vals)), b2));
        } else if (t instanceof Ast.SetTerm s) {
            return list(
                    s.items(),
                    0,
                    new RegoValue[s.items().size()],
                    b,
                    (vals, b2) -> k.go(new RegoValue.SetV(new TreeSet<>(List.of(vals))), b2));
        } else if (t instanceof Ast.ObjectTerm o) {
            List<Ast.Term> flat = new ArrayList<>();
            o.pairs().forEach(p -> {
                flat.add(p.key());
                flat.add(p.value());
            });
            return list(flat, 0, new RegoValue[flat.size()], b, (vals, b2) -> {
                TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
                for (int i = 0; i < vals.length; i += 2) {
                    m.put(vals[i], vals[i + 1]);
                }
                return k.go(new RegoValue.Obj(m), b2);
            });
        } else if (t instanceof Ast.ArrayCompr c) {
            List<RegoValue> out = new ArrayList<>();
            body(
                    c.body(),
                    0,
                    b,
                    b2 -> term(c.head(), b2, (v, b3) -> {
                        out.add(v);
                        limits.size(out.size(), c.loc());
                        return true;
                    }));
            return k.go(new RegoValue.Arr(out), b);
        } else if (t instanceof Ast.SetCompr c) {
            TreeSet<RegoValue> out = new TreeSet<>();
            body(
                    c.body(),
                    0,
                    b,
                    b2 -> term(c.head(), b2, (v, b3) -> {
                        out.add(v);
                        limits.size(out.size(), c.loc());
                        return true;
                    }));
            return k.go(new RegoValue.SetV(out), b);
        } else if (t instanceof Ast.ObjectCompr c) {
            TreeMap<RegoValue, RegoValue> out = new TreeMap<>();
            body(
                    c.body(),
                    0,
                    b,
                    b2 -> term(
                            c.key(),
                            b2,
                            (kv, b3) -> term(c.value(), b3, (vv, b4) -> {
                                RegoValue prev = out.put(kv, vv);
                                if (prev != null && !prev.equals(vv)) {
                                    throw RegoException.conflict(c.loc() + ": object keys must be unique; make the"
                                            + " comprehension produce each key once");
                                }
                                limits.size(out.size(), c.loc());
                                return true;
                            })));
            return k.go(new RegoValue.Obj(out), b);
        } else if (t instanceof Ast.Template tp) {
            return new TemplateEval(this).eval(tp, b, k);
        }
        throw new IllegalStateException("unknown term " + t);
    }

    interface ListK {
        boolean go(RegoValue[] vals, Bindings b);
    }

    /**
     * Evaluates terms into {@code acc}, always picking next a term that is closed under the
     * current bindings, so {@code x == a[x]} binds x through the reference first.
     */
    boolean list(List<Ast.Term> items, int i, RegoValue[] acc, Bindings b, ListK k) {
        return listAny(items, new boolean[items.size()], items.size() - i, acc, b, k);
    }

    private boolean listAny(List<Ast.Term> items, boolean[] done, int remaining, RegoValue[] acc, Bindings b, ListK k) {
        if (remaining == 0) {
            return k.go(acc.clone(), b);
        }
        int at = pick(items, done, b);
        done[at] = true;
        // each element's continuation runs inside the previous one: count it as a level
        limits.enter(items.get(at).loc());
        try {
            return term(items.get(at), b, (v, b2) -> {
                acc[at] = v;
                return listAny(items, done, remaining - 1, acc, b2, k);
            });
        } finally {
            limits.exit();
            done[at] = false;
        }
    }

    /** The term to evaluate next: the first closed one left, else the first one left. */
    private static int pick(List<Ast.Term> items, boolean[] done, Bindings b) {
        int n = items.size();
        if (n == 1) {
            return 0;
        }
        int first = -1;
        for (int j = 0; j < n; j++) {
            if (!done[j]) {
                if (closed(items.get(j), b)) {
                    return j;
                }
                if (first < 0) {
                    first = j;
                }
            }
        }
        return first;
    }

    private boolean var(Ast.Var v, Bindings b, VK k) {
        if (v.kind() == Ast.Var.INPUT) {
            return scope.input == null || k.go(scope.input, b);
        }
        if (v.kind() == Ast.Var.DATA) {
            RegoValue d = docs.nodeValue(policy.root);
            return d == null || k.go(d, b);
        }
        RegoValue x = b.get(v.name());
        if (x == null) {
            throw unsafe(v);
        }
        return k.go(x, b);
    }

    static RegoException unsafe(Ast.Var v) {
        String name = v.isWildcard() ? "_" : v.name();
        return RegoException.compile(v.loc() + ": var " + name + " is unsafe; bind it before use"
                + " (for example with 'some " + name + " in ...' or ':=')");
    }

    boolean ref(Ast.Ref r, Bindings b, VK k) {
        Ast.Term head = r.head();
        if (head instanceof Ast.Var v) {
            if (v.kind() == Ast.Var.DATA) {
                return docs.data(r.path(), b, k);
            }
            if (v.kind() == Ast.Var.INPUT) {
                return scope.input == null || walk(scope.input, r.path(), 0, b, k);
            }
            RegoValue x = b.get(v.name());
            if (x == null) {
                throw unsafe(v);
            }
            return walk(x, r.path(), 0, b, k);
        }
        return term(head, b, (hv, b2) -> walk(hv, r.path(), 0, b2, k));
    }

    boolean walk(RegoValue v, List<Ast.Term> path, int i, Bindings b, VK k) {
        // a scalar operand (most of a path) selects at once: evaluating it needs no continuation
        while (i < path.size() && path.get(i) instanceof Ast.Scalar s) {
            v = child(v, s.value());
            if (v == null) {
                return true;
            }
            i++;
        }
        if (i == path.size()) {
            return k.go(v, b);
        }
        Ast.Term e = path.get(i);
        int at = i;
        RegoValue from = v;
        if (closed(e, b)) {
            return term(e, b, (key, b2) -> {
                RegoValue c = child(from, key);
                return c == null || walk(c, path, at + 1, b2, k);
            });
        }
        return iterate(from, (key, c) -> unifyValue(e, key, b, b2 -> walk(c, path, at + 1, b2, k)));
    }

    static RegoValue child(RegoValue v, RegoValue key) {
        if (v instanceof RegoValue.Obj o) {
            return o.get(key);
        } else if (v instanceof RegoValue.Arr a
                && key instanceof RegoValue.Num n
                && n.isInteger()
                && n.value().precision() - n.value().scale() <= 10) {
            java.math.BigInteger idx = n.toBigIntegerExact();
            if (idx.signum() >= 0
                    && idx.compareTo(java.math.BigInteger.valueOf(a.items().size())) < 0) {
                return a.items().get(idx.intValue());
            }
        } else if (v instanceof RegoValue.SetV s) {
            return s.items().contains(key) ? key : null;
        }
        return null;
    }

    /** Whether a term can be evaluated without binding variables other than ref operands. */
    static boolean closed(Ast.Term t, Bindings b) {
        if (t instanceof Ast.Var v) {
            return v.kind() == Ast.Var.LOCAL ? b.get(v.name()) != null : v.isRoot();
        } else if (t instanceof Ast.Ref r) {
            return closed(r.head(), b);
        } else if (t instanceof Ast.ArrayTerm a) {
            return allClosed(a.items(), b);
        } else if (t instanceof Ast.SetTerm s) {
            return allClosed(s.items(), b);
        } else if (t instanceof Ast.ObjectTerm o) {
            for (Ast.Pair p : o.pairs()) {
                if (!closed(p.key(), b) || !closed(p.value(), b)) {
                    return false;
                }
            }
            return true;
        } else if (t instanceof Ast.Call c) {
            return allClosed(c.args(), b);
        }
        return true;
    }

    private static boolean allClosed(List<Ast.Term> ts, Bindings b) {
        for (Ast.Term t : ts) {
            if (!closed(t, b)) {
                return false;
            }
        }
        return true;
    }

    // ---- unification (see Unifier) ----

    boolean unify(Ast.Term a, Ast.Term c, Bindings b, K k) {
        return unifier.unify(a, c, b, k);
    }

    /** Unifies a (possibly non-ground) term with a value. */
    boolean unifyValue(Ast.Term pat, RegoValue v, Bindings b, K k) {
        return unifier.unifyValue(pat, v, b, k);
    }
}

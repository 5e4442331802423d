package dev.meshsdk.policy.rego;

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

  Eval(Policy policy, Scope scope, Limits limits, QueryContext qctx) {
    this.policy = policy;
    this.scope = scope;
    this.limits = limits;
    this.qctx = qctx;
    this.docs = new VirtualDocs(this);
    this.calls = new Calls(this);
  }

  // ---- bodies ----

  boolean body(List<Ast.Literal> body, int i, Bindings b, K k) {
    if (i == body.size()) {
      return k.go(b);
    }
    return literal(body.get(i), b, b2 -> body(body, i + 1, b2, k));
  }

  boolean literal(Ast.Literal l, Bindings b, K k) {
    limits.step();
    if (!l.withs().isEmpty()) {
      return new WithScope(this).eval(l, b, k);
    }
    return literalNoWith(l, b, k);
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
          return unify(c.args().get(0), c.args().get(1), declare(c.args().get(0), b), k);
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
      return term(s.collection(), nb, (coll, b2) -> iterate(coll, (key, val) ->
          s.key() == null ? unifyValue(s.value(), val, b2, k)
              : unifyValue(s.key(), key, b2, b3 -> unifyValue(s.value(), val, b3, k))));
    } else if (e instanceof Ast.Every ev) {
      return every(ev, b, k);
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  private boolean every(Ast.Every ev, Bindings b, K k) {
    Bindings nb = declare(ev.value(), ev.key() == null ? b : declare(ev.key(), b));
    return term(ev.domain(), nb, (coll, b2) -> {
      if (!(coll instanceof RegoValue.Arr) && !(coll instanceof RegoValue.Obj)
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
    } else if (t instanceof Ast.Var v) {
      return var(v, b, k);
    } else if (t instanceof Ast.Ref r) {
      return ref(r, b, k);
    } else if (t instanceof Ast.Call c) {
      return calls.call(c, b, k);
    } else if (t instanceof Ast.ArrayTerm a) {
      return list(a.items(), 0, new RegoValue[a.items().size()], b,
          (vals, b2) -> k.go(new RegoValue.Arr(List.of(vals)), b2));
    } else if (t instanceof Ast.SetTerm s) {
      return list(s.items(), 0, new RegoValue[s.items().size()], b,
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
      body(c.body(), 0, b, b2 -> term(c.head(), b2, (v, b3) -> {
        out.add(v);
        limits.size(out.size(), c.loc());
        return true;
      }));
      return k.go(new RegoValue.Arr(out), b);
    } else if (t instanceof Ast.SetCompr c) {
      TreeSet<RegoValue> out = new TreeSet<>();
      body(c.body(), 0, b, b2 -> term(c.head(), b2, (v, b3) -> {
        out.add(v);
        limits.size(out.size(), c.loc());
        return true;
      }));
      return k.go(new RegoValue.SetV(out), b);
    } else if (t instanceof Ast.ObjectCompr c) {
      TreeMap<RegoValue, RegoValue> out = new TreeMap<>();
      body(c.body(), 0, b, b2 -> term(c.key(), b2, (kv, b3) -> term(c.value(), b3, (vv, b4) -> {
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

  private boolean listAny(List<Ast.Term> items, boolean[] done, int remaining, RegoValue[] acc,
      Bindings b, ListK k) {
    if (remaining == 0) {
      return k.go(acc.clone(), b);
    }
    int pick = -1;
    for (int j = 0; j < items.size() && pick < 0; j++) {
      if (!done[j] && closed(items.get(j), b)) {
        pick = j;
      }
    }
    for (int j = 0; j < items.size() && pick < 0; j++) {
      if (!done[j]) {
        pick = j;
      }
    }
    int at = pick;
    done[at] = true;
    try {
      return term(items.get(at), b, (v, b2) -> {
        acc[at] = v;
        return listAny(items, done, remaining - 1, acc, b2, k);
      });
    } finally {
      done[at] = false;
    }
  }

  private boolean var(Ast.Var v, Bindings b, VK k) {
    if (v.name().equals("input")) {
      return scope.input == null || k.go(scope.input, b);
    }
    if (v.name().equals("data")) {
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
      if (v.name().equals("data")) {
        return docs.data(r.path(), b, k);
      }
      if (v.name().equals("input")) {
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
    if (i == path.size()) {
      return k.go(v, b);
    }
    Ast.Term e = path.get(i);
    if (closed(e, b)) {
      return term(e, b, (key, b2) -> {
        RegoValue c = child(v, key);
        return c == null || walk(c, path, i + 1, b2, k);
      });
    }
    return iterate(v, (key, c) -> unifyValue(e, key, b, b2 -> walk(c, path, i + 1, b2, k)));
  }

  static RegoValue child(RegoValue v, RegoValue key) {
    if (v instanceof RegoValue.Obj o) {
      return o.get(key);
    } else if (v instanceof RegoValue.Arr a && key instanceof RegoValue.Num n && n.isInteger()) {
      java.math.BigInteger idx = n.toBigIntegerExact();
      if (idx.signum() >= 0 && idx.compareTo(java.math.BigInteger.valueOf(a.items().size())) < 0) {
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
      return v.name().equals("input") || v.name().equals("data")
          || (!v.isWildcard() && b.get(v.name()) != null);
    } else if (t instanceof Ast.Ref r) {
      return closed(r.head(), b);
    } else if (t instanceof Ast.ArrayTerm a) {
      return a.items().stream().allMatch(x -> closed(x, b));
    } else if (t instanceof Ast.SetTerm s) {
      return s.items().stream().allMatch(x -> closed(x, b));
    } else if (t instanceof Ast.ObjectTerm o) {
      return o.pairs().stream().allMatch(p -> closed(p.key(), b) && closed(p.value(), b));
    } else if (t instanceof Ast.Call c) {
      return c.args().stream().allMatch(x -> closed(x, b));
    }
    return true;
  }

  // ---- unification ----

  boolean unify(Ast.Term a, Ast.Term c, Bindings b, K k) {
    if (closed(a, b)) {
      return term(a, b, (va, b2) -> unifyValue(c, va, b2, k));
    }
    if (closed(c, b)) {
      return term(c, b, (vc, b2) -> unifyValue(a, vc, b2, k));
    }
    if (a instanceof Ast.ArrayTerm x && c instanceof Ast.ArrayTerm y) {
      return x.items().size() != y.items().size() || unifyPairs(x.items(), y.items(), 0, b, k);
    }
    if (a instanceof Ast.ObjectTerm x && c instanceof Ast.ObjectTerm y) {
      return x.pairs().size() != y.pairs().size() || unifyObjects(x, y, b, k);
    }
    Ast.Var v = firstUnbound(a, b);
    throw unsafe(v != null ? v : firstUnbound(c, b));
  }

  private boolean unifyPairs(List<Ast.Term> x, List<Ast.Term> y, int i, Bindings b, K k) {
    if (i == x.size()) {
      return k.go(b);
    }
    return unify(x.get(i), y.get(i), b, b2 -> unifyPairs(x, y, i + 1, b2, k));
  }

  private boolean unifyObjects(Ast.ObjectTerm x, Ast.ObjectTerm y, Bindings b, K k) {
    List<Ast.Term> lx = new ArrayList<>();
    List<Ast.Term> ly = new ArrayList<>();
    for (Ast.Pair px : x.pairs()) {
      Ast.Pair match = null;
      for (Ast.Pair py : y.pairs()) {
        if (px.key() instanceof Ast.Scalar sx && py.key() instanceof Ast.Scalar sy
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
  boolean unifyValue(Ast.Term pat, RegoValue v, Bindings b, K k) {
    if (pat instanceof Ast.Var var) {
      if (var.name().equals("input") || var.name().equals("data")) {
        return term(pat, b, (x, b2) -> !x.equals(v) || k.go(b2));
      }
      RegoValue cur = var.isWildcard() ? null : b.get(var.name());
      if (cur == null) {
        return k.go(var.isWildcard() ? b : b.bind(var.name(), v));
      }
      return !cur.equals(v) || k.go(b);
    }
    if (pat instanceof Ast.ArrayTerm a && !closed(pat, b)) {
      if (!(v instanceof RegoValue.Arr arr) || arr.items().size() != a.items().size()) {
        return true;
      }
      return unifyItems(a.items(), arr.items(), 0, b, k);
    }
    if (pat instanceof Ast.ObjectTerm o && !closed(pat, b)) {
      if (!(v instanceof RegoValue.Obj obj) || obj.map().size() != o.pairs().size()) {
        return true;
      }
      return unifyObjectValue(o.pairs(), 0, obj, b, k);
    }
    return term(pat, b, (x, b2) -> !x.equals(v) || k.go(b2));
  }

  private boolean unifyItems(List<Ast.Term> pats, List<RegoValue> vals, int i, Bindings b, K k) {
    if (i == pats.size()) {
      return k.go(b);
    }
    return unifyValue(pats.get(i), vals.get(i), b, b2 -> unifyItems(pats, vals, i + 1, b2, k));
  }

  private boolean unifyObjectValue(List<Ast.Pair> pairs, int i, RegoValue.Obj obj, Bindings b,
      K k) {
    if (i == pairs.size()) {
      return k.go(b);
    }
    Ast.Pair p = pairs.get(i);
    return term(p.key(), b, (key, b2) -> {
      RegoValue val = obj.get(key);
      return val == null
          || unifyValue(p.value(), val, b2, b3 -> unifyObjectValue(pairs, i + 1, obj, b3, k));
    });
  }
}

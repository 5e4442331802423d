package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Evaluates a literal under {@code with} replacements in a fresh scope. */
final class WithScope {
    private final Eval eval;

    WithScope(Eval eval) {
        this.eval = eval;
    }

    boolean eval(Ast.Literal l, Bindings b, Eval.K k) {
        return values(l.withs(), 0, new RegoValue[l.withs().size()], b, (vals, b2) -> {
            Eval child = child(l.withs(), vals);
            return child.literalNoWith(l, b2, k);
        });
    }

    /** Evaluates {@code action} in the scope a literal's {@code with} clauses create. */
    boolean inScope(Ast.Literal l, Bindings b, java.util.function.BiFunction<Eval, Bindings, Boolean> action) {
        return values(
                l.withs(),
                0,
                new RegoValue[l.withs().size()],
                b,
                (vals, b2) -> action.apply(child(l.withs(), vals), b2));
    }

    private boolean values(List<Ast.With> ws, int i, RegoValue[] acc, Bindings b, Eval.ListK k) {
        if (i == ws.size()) {
            return k.go(acc.clone(), b);
        }
        Ast.With w = ws.get(i);
        if (w.target() instanceof Ast.Call && functionValue(w.value()) != null) {
            acc[i] = null;
            return values(ws, i + 1, acc, b, k);
        }
        return eval.term(w.value(), b, (v, b2) -> {
            acc[i] = v;
            return values(ws, i + 1, acc, b2, k);
        });
    }

    /** A mock naming a function or builtin, or null when the value is a plain value. */
    private Scope.Mock functionValue(Ast.Term t) {
        if (t instanceof Ast.Ref r
                && r.head() instanceof Ast.Var v
                && v.name().equals("data")
                && r.path().stream().allMatch(x -> Compiler.str(x) != null)) {
            String d = Calls.dotted(r);
            if (eval.policy.isFunction(d)) {
                return new Scope.Mock(null, null, d);
            }
            return null;
        }
        String name = TermParser.callName(t);
        if (name != null && eval.policy.builtins.get(name) != null) {
            return new Scope.Mock(null, name, null);
        }
        return null;
    }

    private Eval child(List<Ast.With> ws, RegoValue[] vals) {
        Scope s = eval.scope;
        RegoValue input = s.input;
        RegoValue data = s.data;
        Set<List<String>> masked = new HashSet<>(s.masked);
        Map<String, Scope.Mock> mocks = new HashMap<>(s.mocks);
        for (int i = 0; i < ws.size(); i++) {
            Ast.Term t = ws.get(i).target();
            RegoValue v = vals[i];
            if (t instanceof Ast.Call c) {
                Scope.Mock m = functionValue(ws.get(i).value());
                mocks.put(Calls.key(c), m != null ? m : new Scope.Mock(v, null, null));
                continue;
            }
            String root;
            List<String> path = new ArrayList<>();
            if (t instanceof Ast.Var var) {
                root = var.name();
            } else if (t instanceof Ast.Ref r && r.head() instanceof Ast.Var var) {
                root = var.name();
                for (Ast.Term e : r.path()) {
                    String str = Compiler.str(e);
                    if (str == null) {
                        throw RegoException.compile(t.loc() + ": with target path must contain only names");
                    }
                    path.add(str);
                }
            } else {
                throw RegoException.compile(
                        t.loc() + ": with target must be input, data or a function;" + " change the target");
            }
            if (root.equals("input")) {
                input = ObjectBuilder.setPath(input == null ? new RegoValue.Obj(new TreeMap<>()) : input, path, v);
            } else if (root.equals("data")) {
                data = ObjectBuilder.setPath(data, path, v);
                masked.add(List.copyOf(path));
            } else {
                throw RegoException.compile(t.loc() + ": with target must be input, data or a function;" + " '" + root
                        + "' is none of these");
            }
        }
        return new Eval(eval.policy, new Scope(input, data, masked, mocks), eval.limits, eval.qctx);
    }
}

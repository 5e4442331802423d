package dev.meshsdk.rego;

import java.util.List;

/** Evaluates user-defined functions. */
final class FunctionEval {
    static final String CONFLICT = "functions must not produce multiple outputs for same inputs";
    private final Eval eval;

    FunctionEval(Eval eval) {
        this.eval = eval;
    }

    /** Calls the function at {@code path}; returns null when undefined. */
    RegoValue call(String path, List<RegoValue> args, Ast.Loc loc) {
        Limits limits = eval.limits;
        if (limits.calls.contains(path)) {
            throw new RegoException(
                    "eval_recursion_error",
                    loc + ": function data." + path
                            + " calls itself (recursion); Rego functions must not be recursive, rewrite it");
        }
        limits.calls.push(path);
        try {
            RegoValue[] out = {null};
            for (Ast.Rule r : eval.policy.functions.getOrDefault(path, List.of())) {
                chain(r, args, out);
            }
            Ast.Rule def = eval.policy.functionDefaults.get(path);
            if (out[0] == null && def != null) {
                eval.term(def.value(), Bindings.EMPTY, (v, b) -> {
                    out[0] = v;
                    return false;
                });
            }
            return out[0];
        } finally {
            limits.calls.pop();
        }
    }

    private void chain(Ast.Rule r, List<RegoValue> args, RegoValue[] out) {
        boolean[] matched = {false};
        args(
                r,
                args,
                0,
                Bindings.EMPTY,
                b -> eval.body(r.body(), 0, b, b2 -> {
                    if (!templatesMatch(r, b2)) {
                        return true;
                    }
                    matched[0] = true;
                    eval.term(r.value(), b2, (v, b3) -> {
                        if (out[0] == null) {
                            out[0] = v;
                        } else if (!out[0].equals(v)) {
                            throw RegoException.conflict(
                                    r.loc() + ": " + CONFLICT + "; make the function bodies mutually exclusive");
                        }
                        return true;
                    });
                    return r.elseRule() == null;
                }));
        if (!matched[0] && r.elseRule() != null) {
            chain(r.elseRule(), args, out);
        }
    }

    private boolean templatesMatch(Ast.Rule r, Bindings b) {
        for (int i = 0; i < r.args().size(); i++) {
            if (r.args().get(i) instanceof Ast.Template tp) {
                RegoValue want = b.get("$tmpl" + i);
                boolean[] ok = {false};
                eval.term(tp, b, (v, b2) -> {
                    ok[0] = v.equals(want);
                    return false;
                });
                if (!ok[0]) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean args(Ast.Rule r, List<RegoValue> args, int i, Bindings b, Eval.K k) {
        if (i == args.size()) {
            return k.go(b);
        }
        if (r.args().get(i) instanceof Ast.Template tp) {
            // a template argument can only be rendered once the body has bound its variables
            return args(r, args, i + 1, b, b2 -> k.go(b2.bind("$tmpl" + i, args.get(i))));
        }
        return eval.unifyValue(r.args().get(i), args.get(i), b, b2 -> args(r, args, i + 1, b2, k));
    }
}

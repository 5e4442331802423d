package dev.meshsdk.rego;

/**
 * Decides whether a literal can run with the current bindings, so the evaluator can run a later
 * literal first when an earlier one needs a variable that the later one binds (OPA orders bodies
 * the same way at compile time).
 */
final class Safety {
    private Safety() {}

    static boolean ready(Ast.Literal l, Bindings b, Policy policy) {
        for (Ast.With w : l.withs()) {
            if (!Eval.closed(w.value(), b)) {
                return false;
            }
        }
        Ast.Expr e = l.expr();
        if (e instanceof Ast.SomeIn s) {
            return Eval.closed(s.collection(), b);
        }
        if (e instanceof Ast.Every ev) {
            return Eval.closed(ev.domain(), b);
        }
        if (!(e instanceof Ast.TermExpr te)) {
            return true;
        }
        Ast.Term t = te.term();
        if (l.negated() || !(t instanceof Ast.Call c)) {
            return Eval.closed(t, b);
        }
        if (c.target() == null && c.args().size() == 2 && c.op().equals("eq")) {
            return Eval.closed(c.args().get(0), b)
                    || Eval.closed(c.args().get(1), b)
                    || c.args().get(0) instanceof Ast.ArrayTerm && c.args().get(1) instanceof Ast.ArrayTerm;
        }
        if (c.target() == null && c.args().size() == 2 && c.op().equals("assign")) {
            return Eval.closed(c.args().get(1), b);
        }
        int inputs = c.args().size();
        int arity = arity(c, policy);
        if (arity >= 0 && inputs == arity + 1) {
            inputs = arity;
        }
        for (int i = 0; i < inputs; i++) {
            if (!Eval.closed(c.args().get(i), b)) {
                return false;
            }
        }
        return true;
    }

    private static int arity(Ast.Call c, Policy policy) {
        if (c.target() != null) {
            String path = c.targetPath();
            return policy.isFunction(path) ? policy.arity(path) : -1;
        }
        BuiltinRegistry.Def d = policy.builtins.get(c.op());
        return d == null ? -1 : d.arity();
    }
}

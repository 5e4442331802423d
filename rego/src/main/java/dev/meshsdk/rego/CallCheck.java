package dev.meshsdk.rego;

import java.util.List;

/**
 * Fails compilation when a rule calls a function that is neither a user function nor an OPA
 * builtin, so a misspelt call is rejected when the policy is loaded. OPA builtins this engine
 * does not implement (crypto, http.send, ...) fail only when evaluated, because a policy may
 * replace them with {@code with http.send as mock}.
 */
final class CallCheck {
    private final BuiltinRegistry builtins;

    CallCheck(BuiltinRegistry builtins) {
        this.builtins = builtins;
    }

    void check(List<Ast.Rule> rules) {
        for (Ast.Rule r : rules) {
            for (Ast.Rule cur = r; cur != null; cur = cur.elseRule()) {
                cur.path().forEach(this::term);
                if (cur.args() != null) {
                    cur.args().forEach(this::term);
                }
                term(cur.value());
                body(cur.body());
            }
        }
    }

    void body(List<Ast.Literal> body) {
        for (Ast.Literal l : body) {
            Ast.Expr e = l.expr();
            if (e instanceof Ast.TermExpr te) {
                term(te.term());
            } else if (e instanceof Ast.SomeIn s) {
                term(s.collection());
            } else if (e instanceof Ast.Every ev) {
                term(ev.domain());
                body(ev.body());
            }
            l.withs().forEach(w -> term(w.value()));
        }
    }

    private void term(Ast.Term t) {
        if (t instanceof Ast.Call c) {
            if (c.target() == null
                    && !c.op().equals("eq")
                    && !c.op().equals("assign")
                    && builtins.get(c.op()) == null
                    && !BuiltinRegistry.isKnownUnsupported(c.op())) {
                throw BuiltinRegistry.unknown(c.op(), c.loc());
            }
            c.args().forEach(this::term);
        } else if (t instanceof Ast.Ref r) {
            term(r.head());
            r.path().forEach(this::term);
        } else if (t instanceof Ast.ArrayTerm a) {
            a.items().forEach(this::term);
        } else if (t instanceof Ast.SetTerm s) {
            s.items().forEach(this::term);
        } else if (t instanceof Ast.ObjectTerm o) {
            o.pairs().forEach(p -> {
                term(p.key());
                term(p.value());
            });
        } else if (t instanceof Ast.ArrayCompr c) {
            term(c.head());
            body(c.body());
        } else if (t instanceof Ast.SetCompr c) {
            term(c.head());
            body(c.body());
        } else if (t instanceof Ast.ObjectCompr c) {
            term(c.key());
            term(c.value());
            body(c.body());
        } else if (t instanceof Ast.Template tp) {
            for (Object o : tp.parts()) {
                if (o instanceof Ast.Literal l) {
                    body(List.of(l));
                }
            }
        }
    }
}

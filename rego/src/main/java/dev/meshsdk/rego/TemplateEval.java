package dev.meshsdk.rego;

/** Evaluates template strings: each placeholder is rendered, undefined ones as
 * {@code <undefined>}. */
final class TemplateEval {
    private final Eval eval;

    TemplateEval(Eval eval) {
        this.eval = eval;
    }

    boolean eval(Ast.Template tp, Bindings b, Eval.VK k) {
        StringBuilder sb = new StringBuilder();
        for (Object part : tp.parts()) {
            if (part instanceof String s) {
                sb.append(s);
                continue;
            }
            Ast.Literal l = (Ast.Literal) part;
            RegoValue[] out = {null};
            if (l.expr() instanceof Ast.TermExpr te) {
                if (l.withs().isEmpty()) {
                    first(eval, te.term(), b, out);
                } else {
                    new WithScope(eval).inScope(l, b, (child, b2) -> {
                        first(child, te.term(), b2, out);
                        return false;
                    });
                }
            }
            if (out[0] == null) {
                sb.append("<undefined>");
            } else if (out[0] instanceof RegoValue.Str s) {
                eval.limits.chars((long) sb.length() + s.value().length());
                sb.append(s.value());
            } else {
                eval.limits.chars(sb.length() + JsonText.estimate(out[0], eval.limits));
                sb.append(JsonText.write(out[0]));
            }
        }
        return k.go(RegoValue.of(sb.toString()), b);
    }

    private static void first(Eval e, Ast.Term t, Bindings b, RegoValue[] out) {
        e.term(t, b, (v, b2) -> {
            out[0] = v;
            return false;
        });
    }
}

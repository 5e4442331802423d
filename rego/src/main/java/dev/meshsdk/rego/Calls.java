package dev.meshsdk.rego;

import java.util.List;

/** Dispatches calls to builtins, user functions and {@code with} replacements. */
final class Calls {
    private final Eval eval;
    private final FunctionEval functions;
    private final BuiltinContext context;

    Calls(Eval eval) {
        this.eval = eval;
        this.functions = new FunctionEval(eval);
        this.context = new BuiltinContext(eval.qctx, eval.limits, eval);
    }

    static String key(Ast.Call c) {
        return c.key();
    }

    static String dotted(Ast.Ref r) {
        StringBuilder sb = new StringBuilder();
        for (Ast.Term t : r.path()) {
            sb.append(sb.length() == 0 ? "" : ".").append(Compiler.str(t));
        }
        return sb.toString();
    }

    boolean call(Ast.Call c, Bindings b, Eval.VK k) {
        String key = key(c);
        Scope.Mock mock = eval.scope.mocks.isEmpty() ? null : eval.scope.mocks.get(key);
        if (mock == null && c.target() == null && c.op().equals("print")) {
            return print(c, b, k);
        }
        int arity;
        BuiltinRegistry.Def def = null;
        if (c.target() != null) {
            arity = eval.policy.arity(c.targetPath());
        } else {
            def = eval.policy.builtins.get(c.op());
            if (def == null) {
                if (mock != null) {
                    arity = c.args().size();
                } else {
                    throw BuiltinRegistry.unknown(c.op(), c.loc());
                }
            } else {
                arity = def.arity() < 0 ? c.args().size() : def.arity();
            }
        }
        int n = c.args().size();
        boolean output = n == arity + 1;
        if (!output && n != arity) {
            throw RegoException.compile(c.loc() + ": function " + c.op() + " takes " + arity + " argument(s) but " + n
                    + " were given; fix the call");
        }
        List<Ast.Term> in = output ? c.args().subList(0, arity) : c.args();
        BuiltinRegistry.Def d = def;
        return eval.list(in, 0, new RegoValue[arity], b, (vals, b2) -> {
            if (d != null && d.multi() != null && mock == null) {
                for (RegoValue r : invokeMulti(c, d, vals)) {
                    if (!emit(c, arity, output, r, b2, k)) {
                        return false;
                    }
                }
                return true;
            }
            RegoValue r = mock != null
                    ? invokeMock(c, mock, vals)
                    : c.target() != null ? functions.call(c.targetPath(), List.of(vals), c.loc()) : invoke(c, d, vals);
            return r == null || emit(c, arity, output, r, b2, k);
        });
    }

    /** print() renders each argument on its own; an undefined one prints as {@code <undefined>}. */
    private boolean print(Ast.Call c, Bindings b, Eval.VK k) {
        StringBuilder sb = new StringBuilder();
        for (Ast.Term arg : c.args()) {
            RegoValue[] first = {null};
            eval.term(arg, b, (v, b2) -> {
                first[0] = v;
                return false;
            });
            if (first[0] != null) {
                eval.limits.chars(sb.length() + JsonText.estimate(first[0], eval.limits));
            }
            sb.append(sb.length() == 0 ? "" : " ")
                    .append(first[0] == null ? "<undefined>" : MoreStringBuiltins.plain(first[0]));
        }
        eval.qctx.print.accept(sb.toString());
        return k.go(RegoValue.TRUE, b);
    }

    private boolean emit(Ast.Call c, int arity, boolean output, RegoValue r, Bindings b, Eval.VK k) {
        if (output) {
            return eval.unifyValue(c.args().get(arity), r, b, b3 -> k.go(RegoValue.TRUE, b3));
        }
        return k.go(r, b);
    }

    private RegoValue invokeMock(Ast.Call c, Scope.Mock mock, RegoValue[] vals) {
        if (mock.constant() != null) {
            return mock.constant();
        }
        Eval inner = withoutMocks();
        if (mock.function() != null) {
            return inner.calls.functions.call(mock.function(), List.of(vals), c.loc());
        }
        BuiltinRegistry.Def d = eval.policy.builtins.get(mock.builtin());
        if (d == null) {
            throw BuiltinRegistry.unknown(mock.builtin(), c.loc());
        }
        return inner.calls.invoke(c, d, vals);
    }

    /** An evaluator without function replacements: a replacement never sees other ones. */
    private Eval withoutMocks() {
        Scope s = eval.scope;
        return new Eval(eval.policy, new Scope(s.input, s.data, s.masked, java.util.Map.of()), eval.limits, eval.qctx);
    }

    private RegoValue invoke(Ast.Call c, BuiltinRegistry.Def d, RegoValue[] vals) {
        try {
            return d.fn().apply(vals, context);
        } catch (RegoException e) {
            return handle(c, e);
        } catch (ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return handle(c, RegoException.builtin(d.name() + ": " + e.getMessage()));
        }
    }

    private List<RegoValue> invokeMulti(Ast.Call c, BuiltinRegistry.Def d, RegoValue[] vals) {
        try {
            return d.multi().apply(vals, context);
        } catch (RegoException e) {
            RegoValue r = handle(c, e);
            return r == null ? List.of() : List.of(r);
        }
    }

    private RegoValue handle(Ast.Call c, RegoException e) {
        String code = e.code();
        boolean builtinErr = code.equals("eval_builtin_error") || code.equals("eval_type_error");
        if (builtinErr && !eval.qctx.strict) {
            return null;
        }
        boolean resourceErr = code.equals("eval_resource_error");
        if ((builtinErr || resourceErr) && e.location().isEmpty()) {
            throw new RegoException(code, c.loc() + ": " + e.getMessage());
        }
        throw e;
    }
}

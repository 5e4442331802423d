package dev.meshsdk.rego;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a literal can run with the current bindings, so the evaluator can run a later
 * literal first when an earlier one needs a variable that the later one binds (OPA orders bodies
 * the same way at compile time).
 *
 * <p>A term can be evaluated ("is closed", see {@link Eval#closed}) when every variable that
 * decision looks at is {@code input}, {@code data} or bound, and never when one is a wildcard. So
 * which variables a literal waits for follows from its syntax alone: {@link #needs} works it out
 * once, when the literal is built, and {@link Needs#ready} only looks those names up.
 */
final class Safety {
    private static final String[] NONE = {};

    private Safety() {}

    static boolean ready(Ast.Literal l, Bindings b, Policy policy) {
        return l.needs().ready(b, policy);
    }

    /** What a literal waits for: the same decision as evaluating closedness term by term. */
    static Needs needs(Ast.Expr e, boolean negated, List<Ast.With> withs) {
        Set<String> all = new LinkedHashSet<>();
        for (Ast.With w : withs) {
            if (!addClosedVars(w.value(), all)) {
                return Needs.NEVER;
            }
        }
        if (e instanceof Ast.SomeIn s) {
            return plain(s.collection(), all);
        }
        if (e instanceof Ast.Every ev) {
            return plain(ev.domain(), all);
        }
        if (!(e instanceof Ast.TermExpr te)) {
            return new Needs(names(all), Needs.PLAIN, null, null, null);
        }
        Ast.Term t = te.term();
        if (negated || !(t instanceof Ast.Call c)) {
            return plain(t, all);
        }
        if (c.target() == null && c.args().size() == 2 && c.op().equals("eq")) {
            Ast.Term a = c.args().get(0);
            Ast.Term z = c.args().get(1);
            if (a instanceof Ast.ArrayTerm && z instanceof Ast.ArrayTerm) {
                return new Needs(names(all), Needs.PLAIN, null, null, null);
            }
            return new Needs(names(all), Needs.EITHER, closedVars(a), closedVars(z), null);
        }
        if (c.target() == null && c.args().size() == 2 && c.op().equals("assign")) {
            return plain(c.args().get(1), all);
        }
        int n = c.args().size();
        if (n == 0) {
            return new Needs(names(all), Needs.PLAIN, null, null, null);
        }
        for (int i = 0; i < n - 1; i++) {
            if (!addClosedVars(c.args().get(i), all)) {
                return Needs.NEVER;
            }
        }
        // the last argument is needed unless it is the output of a builtin or function
        return new Needs(names(all), Needs.CALL, closedVars(c.args().get(n - 1)), null, c);
    }

    private static Needs plain(Ast.Term t, Set<String> all) {
        return addClosedVars(t, all) ? new Needs(names(all), Needs.PLAIN, null, null, null) : Needs.NEVER;
    }

    /** The variables a term needs bound to be closed, or null when it never is (a wildcard). */
    private static String[] closedVars(Ast.Term t) {
        Set<String> out = new LinkedHashSet<>();
        return addClosedVars(t, out) ? names(out) : null;
    }

    /** Adds what {@link Eval#closed} looks up for {@code t}; false when it contains a wildcard. */
    private static boolean addClosedVars(Ast.Term t, Set<String> out) {
        if (t instanceof Ast.Var v) {
            if (v.isWildcard()) {
                return false;
            }
            if (!v.isRoot()) {
                out.add(v.name());
            }
            return true;
        } else if (t instanceof Ast.Ref r) {
            return addClosedVars(r.head(), out);
        } else if (t instanceof Ast.ArrayTerm a) {
            return addAll(a.items(), out);
        } else if (t instanceof Ast.SetTerm s) {
            return addAll(s.items(), out);
        } else if (t instanceof Ast.ObjectTerm o) {
            for (Ast.Pair p : o.pairs()) {
                if (!addClosedVars(p.key(), out) || !addClosedVars(p.value(), out)) {
                    return false;
                }
            }
            return true;
        } else if (t instanceof Ast.Call c) {
            return addAll(c.args(), out);
        }
        return true;
    }

    private static boolean addAll(List<Ast.Term> ts, Set<String> out) {
        for (Ast.Term t : ts) {
            if (!addClosedVars(t, out)) {
                return false;
            }
        }
        return true;
    }

    private static String[] names(Set<String> s) {
        return s.isEmpty() ? NONE : s.toArray(NONE);
    }

    /**
     * The variables a literal needs bound (besides {@code input} and {@code data}) before it can
     * run, worked out from its syntax. Immutable, so shared by concurrent evaluations.
     */
    static final class Needs {
        static final int PLAIN = 0;
        /** A unification {@code a = b}: one side closed suffices. */
        static final int EITHER = 1;
        /** A call: its last argument need not be closed when it is the call's output. */
        static final int CALL = 2;

        static final Needs NEVER = new Needs(null, PLAIN, null, null, null);

        /** All of these, or null when the literal is never ready (a wildcard must be evaluated). */
        private final String[] all;

        private final int kind;
        /** EITHER: the names of each side (null: that side is never closed); CALL: first is the last argument's. */
        private final String[] first;

        private final String[] second;
        private final Ast.Call call;

        private Needs(String[] all, int kind, String[] first, String[] second, Ast.Call call) {
            this.all = all;
            this.kind = kind;
            this.first = first;
            this.second = second;
            this.call = call;
        }

        boolean ready(Bindings b, Policy policy) {
            if (!bound(all, b)) {
                return false;
            }
            if (kind == PLAIN) {
                return true;
            }
            if (kind == EITHER) {
                return bound(first, b) || bound(second, b);
            }
            return bound(first, b) || lastIsOutput(call, policy);
        }

        private static boolean bound(String[] names, Bindings b) {
            if (names == null) {
                return false;
            }
            for (String n : names) {
                if (b.get(n) == null) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Needs n
                    && kind == n.kind
                    && Arrays.equals(all, n.all)
                    && Arrays.equals(first, n.first)
                    && Arrays.equals(second, n.second)
                    && java.util.Objects.equals(call, n.call);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(all) * 31 + kind;
        }

        @Override
        public String toString() {
            return "Needs" + Arrays.toString(all);
        }
    }

    /** Whether the call's last argument is its output: one more argument than the arity. */
    private static boolean lastIsOutput(Ast.Call c, Policy policy) {
        int arity = arity(c, policy);
        return arity >= 0 && c.args().size() == arity + 1;
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

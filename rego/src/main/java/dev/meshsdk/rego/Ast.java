package dev.meshsdk.rego;

import java.util.List;

/** The Rego syntax tree: terms, literals, rules and modules. */
final class Ast {
    private Ast() {}

    /** A source location. */
    record Loc(String file, int line, int col) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + col;
        }
    }

    /** A term. */
    sealed interface Term
            permits Scalar,
                    Var,
                    Ref,
                    ArrayTerm,
                    ObjectTerm,
                    SetTerm,
                    Call,
                    ArrayCompr,
                    SetCompr,
                    ObjectCompr,
                    Template {
        Loc loc();
    }

    record Scalar(RegoValue value, Loc loc) implements Term {}

    /**
     * A variable. {@code kind} is derived from the name once here, so that evaluation tells
     * {@code input}, {@code data} and wildcards apart without comparing strings.
     */
    record Var(String name, Loc loc, int kind) implements Term {
        static final int LOCAL = 0;
        static final int INPUT = 1;
        static final int DATA = 2;
        static final int WILDCARD = 3;

        Var(String name, Loc loc) {
            this(name, loc, kindOf(name));
        }

        Var {
            if (kind != kindOf(name)) {
                throw new IllegalArgumentException("kind " + kind + " does not match the name " + name);
            }
        }

        private static int kindOf(String name) {
            return name.equals("input") ? INPUT : name.equals("data") ? DATA : name.startsWith("$") ? WILDCARD : LOCAL;
        }

        boolean isWildcard() {
            return kind == WILDCARD;
        }

        /** {@code input} or {@code data}: always defined by the evaluation, never bound. */
        boolean isRoot() {
            return kind == INPUT || kind == DATA;
        }
    }

    /** A reference: a head term (var, call, composite) followed by path operands. */
    record Ref(Term head, List<Term> path, Loc loc) implements Term {}

    record ArrayTerm(List<Term> items, Loc loc) implements Term {}

    record Pair(Term key, Term value) {}

    record ObjectTerm(List<Pair> pairs, Loc loc) implements Term {}

    record SetTerm(List<Term> items, Loc loc) implements Term {}

    /**
     * A call. {@code op} is the dotted name as written (resolved by the compiler into either a
     * builtin name or a data path in {@code target}).
     */
    record Call(String op, List<Term> args, Loc loc, Ref target, String targetPath, String key) implements Term {
        Call(String op, List<Term> args, Loc loc) {
            this(op, args, loc, null);
        }

        /** {@code targetPath} and {@code key} are derived once here, not on every evaluation. */
        Call(String op, List<Term> args, Loc loc, Ref target) {
            this(op, args, loc, target, target == null ? null : Calls.dotted(target), null);
        }

        Call {
            if (key == null) {
                key = target == null ? op : "data." + targetPath;
            }
        }
    }

    record ArrayCompr(Term head, List<Literal> body, Loc loc) implements Term {}

    record SetCompr(Term head, List<Literal> body, Loc loc) implements Term {}

    record ObjectCompr(Term key, Term value, List<Literal> body, Loc loc) implements Term {}

    /** A string template {@code $"a {x} b"}: alternating literal strings and terms. */
    record Template(List<Object> parts, Loc loc) implements Term {}

    /** A body literal. */
    sealed interface Expr permits TermExpr, SomeDecl, SomeIn, Every {}

    record TermExpr(Term term) implements Expr {}

    record SomeDecl(List<Var> vars) implements Expr {}

    record SomeIn(Term key, Term value, Term collection) implements Expr {}

    record Every(Term key, Term value, Term domain, List<Literal> body) implements Expr {}

    record With(Term target, Term value) {}

    /**
     * A body literal. {@code needs} (what must be bound before it can run) is worked out from
     * its syntax once here, not on every evaluation.
     */
    record Literal(Expr expr, boolean negated, List<With> withs, Loc loc, Safety.Needs needs) {
        Literal(Expr expr, boolean negated, List<With> withs, Loc loc) {
            this(expr, negated, withs, loc, Safety.needs(expr, negated, withs));
        }
    }

    enum RuleKind {
        COMPLETE,
        SET,
        FUNCTION
    }

    /**
     * A rule. {@code path} is the full head reference below {@code data} (package path included);
     * leading string scalars form the ground prefix.
     */
    record Rule(
            Loc loc,
            List<Term> path,
            RuleKind kind,
            List<Term> args,
            Term value,
            List<Literal> body,
            Rule elseRule,
            boolean isDefault,
            RegoValue.Obj annotations) {
        Rule(
                Loc loc,
                List<Term> path,
                RuleKind kind,
                List<Term> args,
                Term value,
                List<Literal> body,
                Rule elseRule,
                boolean isDefault) {
            this(loc, path, kind, args, value, body, elseRule, isDefault, null);
        }

        Rule withAnnotations(RegoValue.Obj a) {
            return new Rule(loc, path, kind, args, value, body, elseRule, isDefault, a);
        }
    }

    record Import(Ref ref, String alias, Loc loc) {}

    record Module(String file, List<String> pkg, List<Import> imports, List<Rule> rules, RegoValue.Obj annotations) {
        Module(String file, List<String> pkg, List<Import> imports, List<Rule> rules) {
            this(file, pkg, imports, rules, null);
        }
    }
}

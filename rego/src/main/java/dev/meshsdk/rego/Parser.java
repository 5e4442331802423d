package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;

/** Parses a Rego v1 module: package, imports and rules. */
final class Parser extends BodyParser {

    private Parser(String file, List<Lexer.Token> toks, int maxDepth) {
        super(file, toks, maxDepth, 0);
    }

    private Annotations annotations;

    /** Parses a module whose terms, bodies and else-chains nest at most {@code maxDepth} deep. */
    static Ast.Module parse(String file, String source, int maxDepth) {
        Lexer lexer = new Lexer(file, source);
        Parser p = new Parser(file, lexer.tokens(), maxDepth);
        p.annotations = new Annotations(file, lexer.comments());
        Ast.Module m = p.module();
        AstDepth.check(m, maxDepth);
        return m;
    }

    /** Parses a standalone query body (literals separated by newlines or ';'). */
    static List<Ast.Literal> parseQuery(String source, int maxDepth) {
        Parser ps = new Parser("query", new Lexer("query", source).tokens(), maxDepth);
        List<Ast.Literal> body = new ArrayList<>();
        while (ps.tok().type() != Lexer.T.EOF) {
            body.add(ps.literal());
            AstDepth.check(body.get(body.size() - 1), maxDepth);
            if (!ps.accept(";") && ps.tok().type() != Lexer.T.EOF && !ps.tok().nlBefore()) {
                throw ps.error(
                        ps.tok(), "unexpected " + describe(ps.tok()) + " in query; separate expressions with ';'");
            }
        }
        return body;
    }

    private Ast.Module module() {
        if (!(tok().type() == Lexer.T.IDENT && tok().text().equals("package"))) {
            throw error(
                    tok(),
                    "expected 'package' but found " + describe(tok())
                            + "; every module starts with a package declaration");
        }
        RegoValue.Obj pkgAnnotations = annotations.above(tok().line(), "package");
        p++;
        List<String> pkg = new ArrayList<>();
        Ast.Term ref = postfix(primary());
        for (Ast.Term t : refTerms(ref)) {
            if (t instanceof Ast.Scalar s && s.value() instanceof RegoValue.Str str) {
                pkg.add(str.value());
            } else {
                throw RegoException.parse(
                        t.loc() + ": package path must contain only names; remove" + " variables and non-string keys");
            }
        }
        if (pkg.size() > 1 && pkg.get(0).equals("data")) {
            pkg.remove(0);
        }
        List<Ast.Import> imports = new ArrayList<>();
        while (tok().type() == Lexer.T.IDENT
                && tok().text().equals("import")
                && !peek(1).is(".")
                && !peek(1).is(":=")
                && !peek(1).is("[")) {
            Ast.Loc loc = loc();
            p++;
            Ast.Term t = postfix(primary());
            if (!(t instanceof Ast.Ref) && !(t instanceof Ast.Var)) {
                throw RegoException.parse(loc + ": import must be a reference such as data.x or input.y");
            }
            Ast.Ref r = t instanceof Ast.Ref rr ? rr : new Ast.Ref(t, List.of(), t.loc());
            String alias = null;
            if (accept("as")) {
                alias = next().text();
            }
            imports.add(new Ast.Import(r, alias, loc));
            requireNewline("import");
        }
        List<Ast.Rule> rules = new ArrayList<>();
        while (tok().type() != Lexer.T.EOF) {
            RegoValue.Obj a = annotations.above(tok().line(), "rule");
            for (Ast.Rule r : rule(pkg)) {
                rules.add(a == null ? r : r.withAnnotations(a));
            }
        }
        return new Ast.Module(file, pkg, imports, rules, pkgAnnotations);
    }

    private void requireNewline(String what) {
        if (tok().type() != Lexer.T.EOF && !tok().nlBefore() && !accept(";")) {
            throw error(
                    tok(),
                    "unexpected " + describe(tok()) + " after " + what + "; start the next statement on a new line");
        }
    }

    private static List<Ast.Term> refTerms(Ast.Term t) {
        List<Ast.Term> out = new ArrayList<>();
        if (t instanceof Ast.Var v) {
            out.add(new Ast.Scalar(RegoValue.of(v.name()), v.loc()));
        } else if (t instanceof Ast.Ref r && r.head() instanceof Ast.Var v) {
            out.add(new Ast.Scalar(RegoValue.of(v.name()), v.loc()));
            out.addAll(r.path());
        } else {
            throw RegoException.parse(t.loc() + ": expected a name or reference here");
        }
        return out;
    }

    private List<Ast.Rule> rule(List<String> pkg) {
        Ast.Loc loc = loc();
        boolean isDefault = false;
        if (at("default") && peek(1).type() == Lexer.T.IDENT) {
            p++;
            isDefault = true;
        }
        if (tok().type() != Lexer.T.IDENT) {
            throw error(tok(), "unexpected " + describe(tok()) + "; expected a rule (for example 'allow if { ... }')");
        }
        Lexer.Token nameTok = next();
        Ast.Term head = new Ast.Var(nameTok.text(), loc(nameTok));
        while (!tok().nlBefore() && (atPunct(".") || atPunct("["))) {
            if (accept(".")) {
                Lexer.Token id = next();
                if (id.type() != Lexer.T.IDENT) {
                    throw error(id, "expected a name after '.'");
                }
                head = extendRef(head, new Ast.Scalar(RegoValue.of(id.text()), loc(id)));
            } else {
                p++;
                Ast.Term idx = inExpr();
                expect("]");
                head = extendRef(head, idx);
            }
        }
        List<Ast.Term> path = new ArrayList<>();
        for (String s : pkg) {
            path.add(new Ast.Scalar(RegoValue.of(s), loc));
        }
        path.addAll(refTerms(head));
        List<Ast.Term> args = null;
        if (atPunct("(") && !tok().nlBefore()) {
            p++;
            args = new ArrayList<>();
            if (!accept(")")) {
                do {
                    args.add(inExpr());
                } while (accept(","));
                expect(")");
            }
        }
        Ast.RuleKind kind = args != null ? Ast.RuleKind.FUNCTION : Ast.RuleKind.COMPLETE;
        Ast.Term value;
        if (args == null && at("contains") && tok().type() == Lexer.T.IDENT && !refFollows()) {
            p++;
            kind = Ast.RuleKind.SET;
            value = inExpr();
        } else if (accept(":=") || accept("=")) {
            value = inExpr();
        } else {
            value = new Ast.Scalar(RegoValue.TRUE, loc);
        }
        if (isDefault) {
            requireNewline("default rule");
            return List.of(new Ast.Rule(loc, path, kind, args, value, List.of(), null, true));
        }
        List<List<Ast.Literal>> bodies = new ArrayList<>();
        bodies.add(body());
        while (atPunct("{")) {
            p++;
            bodies.add(bodyUntil("}"));
        }
        Ast.Rule elseRule = elseChain(path, kind, args);
        List<Ast.Rule> out = new ArrayList<>();
        for (List<Ast.Literal> b : bodies) {
            out.add(new Ast.Rule(loc, path, kind, args, value, b, elseRule, false));
        }
        return out;
    }

    private Ast.Rule elseChain(List<Ast.Term> path, Ast.RuleKind kind, List<Ast.Term> args) {
        if (!(at("else") && tok().type() == Lexer.T.IDENT) || refFollows()) {
            return null;
        }
        Ast.Loc loc = loc();
        p++;
        Ast.Term value = new Ast.Scalar(RegoValue.TRUE, loc);
        if (accept(":=") || accept("=")) {
            value = inExpr();
        }
        List<Ast.Literal> body = body();
        enter();
        Ast.Rule next = elseChain(path, kind, args);
        exit();
        return new Ast.Rule(loc, path, kind, args, value, body, next, false);
    }

    /** The body after a head: {@code if {...}}, {@code if literal}, {@code {...}} or none. */
    private List<Ast.Literal> body() {
        if (at("if") && tok().type() == Lexer.T.IDENT && !refFollows()) {
            p++;
            if (atPunct("{")) {
                int save = p;
                int savedDepth = depth;
                p++;
                try {
                    return bodyUntil("}");
                } catch (RegoException e) {
                    if (tooDeep) {
                        throw e;
                    }
                    // perhaps a single term starting with '{' (a set, object or comprehension)
                    p = save;
                    depth = savedDepth;
                    try {
                        List<Ast.Literal> b = List.of(literal());
                        requireNewline("rule body");
                        return b;
                    } catch (RegoException ignored) {
                        throw e;
                    }
                }
            }
            List<Ast.Literal> b = List.of(literal());
            if (!at("else")) {
                requireNewline("rule body");
            }
            return b;
        }
        if (atPunct("{")) {
            throw error(
                    tok(),
                    "`if` keyword is required before rule body; write 'head if { ... }'"
                            + " (Rego v1; for a partial set use 'name contains x if { ... }')");
        }
        if (tok().type() != Lexer.T.EOF && !tok().nlBefore() && !(at("else") && !refFollows())) {
            throw error(tok(), "unexpected " + describe(tok()) + " after rule head; use 'if' before the rule body");
        }
        return List.of();
    }

    private static Ast.Term extendRef(Ast.Term t, Ast.Term elem) {
        List<Ast.Term> path = new ArrayList<>();
        Ast.Term head = t;
        if (t instanceof Ast.Ref r) {
            head = r.head();
            path.addAll(r.path());
        }
        path.add(elem);
        return new Ast.Ref(head, path, t.loc());
    }
}

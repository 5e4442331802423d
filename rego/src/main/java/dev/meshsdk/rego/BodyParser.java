package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;

/** Parses body literals ({@code some}, {@code every}, {@code not}, {@code with}) and bodies. */
class BodyParser extends TermParser {

    BodyParser(String file, List<Lexer.Token> toks, int maxDepth, int depth) {
        super(file, toks, maxDepth, depth);
    }

    @Override
    List<Ast.Literal> bodyUntil(String closer) {
        enter();
        List<Ast.Literal> body = new ArrayList<>();
        while (!atPunct(closer)) {
            if (tok().type() == Lexer.T.EOF) {
                throw error(tok(), "unexpected end of file; close the body with '" + closer + "'");
            }
            body.add(literal());
            if (accept(";")) {
                continue;
            }
            if (atPunct(closer) || tok().nlBefore()) {
                continue;
            }
            throw error(
                    tok(),
                    "unexpected " + describe(tok()) + " after expression; separate expressions with a newline or ';'");
        }
        expect(closer);
        if (body.isEmpty()) {
            throw error(toks.get(p - 1), "found empty body; add at least one expression");
        }
        exit();
        return body;
    }

    private boolean keywordHere(String kw) {
        if (!(tok().type() == Lexer.T.IDENT && tok().text().equals(kw))) {
            return false;
        }
        Lexer.Token n = peek(1);
        return !(n.type() == Lexer.T.PUNCT
                && !n.nlBefore()
                && (n.text().equals(".")
                        || n.text().equals("[")
                        || n.text().equals(":=")
                        || n.text().equals("=")
                        || n.text().equals("==")));
    }

    Ast.Literal literal() {
        Ast.Loc loc = loc();
        boolean negated = false;
        Ast.Expr expr;
        if (keywordHere("some")) {
            p++;
            expr = some();
        } else if (keywordHere("every")) {
            p++;
            expr = every();
        } else {
            if (keywordHere("not")) {
                p++;
                negated = true;
            }
            expr = new Ast.TermExpr(expression());
        }
        List<Ast.With> withs = new ArrayList<>();
        while (keywordHere("with")) {
            p++;
            Ast.Term target = postfix(primary());
            expect("as");
            withs.add(new Ast.With(target, inExpr()));
        }
        return new Ast.Literal(expr, negated, withs, loc);
    }

    private Ast.Expr some() {
        List<Ast.Term> terms = new ArrayList<>();
        terms.add(relation());
        while (accept(",")) {
            terms.add(relation());
        }
        if (accept("in")) {
            if (terms.size() > 2) {
                throw error(tok(), "'some' iteration takes at most two variables (key, value)");
            }
            Ast.Term coll = relation();
            return terms.size() == 2
                    ? new Ast.SomeIn(terms.get(0), terms.get(1), coll)
                    : new Ast.SomeIn(null, terms.get(0), coll);
        }
        List<Ast.Var> vars = new ArrayList<>();
        for (Ast.Term t : terms) {
            if (!(t instanceof Ast.Var v)) {
                throw RegoException.parse(t.loc() + ": expected a variable after 'some'; declare variables"
                        + " as 'some x, y' or iterate with 'some x in xs'");
            }
            vars.add(v);
        }
        return new Ast.SomeDecl(vars);
    }

    private Ast.Expr every() {
        Ast.Term first = relation();
        Ast.Term key = null;
        Ast.Term value = first;
        if (accept(",")) {
            key = first;
            value = relation();
        }
        expect("in");
        Ast.Term domain = relation();
        expect("{");
        return new Ast.Every(key, value, domain, bodyUntil("}"));
    }

    /** An expression: a term, or a unification/assignment of two terms. */
    Ast.Term expression() {
        Ast.Loc loc = loc();
        Ast.Term lhs = inExpr();
        if (atPunct(",")) {
            p++;
            lhs = keyValueIn(lhs, loc);
        }
        if (accept(":=")) {
            return new Ast.Call("assign", List.of(lhs, inExpr()), loc);
        }
        if (accept("=")) {
            return new Ast.Call("eq", List.of(lhs, inExpr()), loc);
        }
        return lhs;
    }
}

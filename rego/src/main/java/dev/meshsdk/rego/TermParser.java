package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Parses terms and operator expressions. */
abstract class TermParser extends TokenCursor {
    /** Like Jackson's limit for JSON numbers: parsing a longer one costs time quadratic in it. */
    static final int MAX_NUMBER_LITERAL = 1000;

    private static final List<String> RELATIONS = List.of("==", "!=", "<", "<=", ">", ">=");
    private boolean noOr;
    private int wildcards;

    TermParser(String file, List<Lexer.Token> toks, int maxDepth, int depth) {
        super(file, toks, maxDepth, depth);
    }

    /** Whether the current keyword-like token is really the start of a reference (kw.x). */
    boolean refFollows() {
        Lexer.Token n = peek(1);
        return n.type() == Lexer.T.PUNCT
                && (n.text().equals(".") || n.text().equals("["))
                && n.line() == tok().line()
                && n.col() == tok().col() + tok().text().length();
    }

    /** Parses literals until {@code closer} (consumed); implemented by {@link BodyParser}. */
    abstract List<Ast.Literal> bodyUntil(String closer);

    Ast.Term keyValueIn(Ast.Term key, Ast.Loc loc) {
        Ast.Term value = relation();
        if (!(at("in") && tok().type() == Lexer.T.IDENT)) {
            throw error(tok(), "unexpected " + describe(tok()) + "; expected 'in' after 'key, value'");
        }
        p++;
        Ast.Term lhs = new Ast.Call("internal.member_3", List.of(key, value, relation()), loc);
        while (at("in") && tok().type() == Lexer.T.IDENT) {
            Ast.Loc l2 = loc();
            p++;
            lhs = new Ast.Call("internal.member_2", List.of(lhs, relation()), l2);
        }
        return lhs;
    }

    // ---- operators, lowest precedence first ----

    Ast.Term inExpr() {
        Ast.Term lhs = relation();
        while (at("in") && tok().type() == Lexer.T.IDENT && !tok().nlBefore() && !refFollows()) {
            Ast.Loc loc = loc();
            p++;
            lhs = new Ast.Call("internal.member_2", List.of(lhs, relation()), loc);
        }
        return lhs;
    }

    Ast.Term relation() {
        Ast.Term lhs = or();
        while (tok().type() == Lexer.T.PUNCT && RELATIONS.contains(tok().text())) {
            Ast.Loc loc = loc();
            String op = next().text();
            Ast.Term rhs = or();
            String name =
                    switch (op) {
                        case "==" -> "equal";
                        case "!=" -> "neq";
                        case "<" -> "lt";
                        case "<=" -> "lte";
                        case ">" -> "gt";
                        default -> "gte";
                    };
            lhs = new Ast.Call(name, List.of(lhs, rhs), loc);
        }
        return lhs;
    }

    private Ast.Term or() {
        Ast.Term lhs = and();
        while (!noOr && atPunct("|")) {
            Ast.Loc loc = loc();
            p++;
            lhs = new Ast.Call("or", List.of(lhs, and()), loc);
        }
        return lhs;
    }

    private Ast.Term and() {
        Ast.Term lhs = arith();
        while (atPunct("&")) {
            Ast.Loc loc = loc();
            p++;
            lhs = new Ast.Call("and", List.of(lhs, arith()), loc);
        }
        return lhs;
    }

    private Ast.Term arith() {
        Ast.Term lhs = factor();
        while (atPunct("+") || atPunct("-")) {
            Ast.Loc loc = loc();
            String op = next().text();
            lhs = new Ast.Call(op.equals("+") ? "plus" : "minus", List.of(lhs, factor()), loc);
        }
        return lhs;
    }

    private Ast.Term factor() {
        Ast.Term lhs = unary();
        while (atPunct("*") || atPunct("/") || atPunct("%")) {
            Ast.Loc loc = loc();
            String op = next().text();
            String name = op.equals("*") ? "mul" : op.equals("/") ? "div" : "rem";
            lhs = new Ast.Call(name, List.of(lhs, unary()), loc);
        }
        return lhs;
    }

    private Ast.Term unary() {
        if (atPunct("-")) {
            Lexer.Token minus = next();
            if (tok().type() == Lexer.T.NUMBER && tok().col() == minus.col() + 1 && tok().line() == minus.line()) {
                return postfix(new Ast.Scalar(new RegoValue.Num(new BigDecimal("-" + next().text())), loc(minus)));
            }
            enter();
            Ast.Term t = unary();
            exit();
            return new Ast.Call("minus", List.of(new Ast.Scalar(RegoValue.of(0), loc(minus)), t), loc(minus));
        }
        return postfix(primary());
    }

    // ---- primaries ----

    Ast.Term primary() {
        Lexer.Token t = tok();
        Ast.Loc loc = loc(t);
        switch (t.type()) {
            case NUMBER -> {
                p++;
                if (t.text().length() > MAX_NUMBER_LITERAL) {
                    throw error(
                            t,
                            "number literal longer than " + MAX_NUMBER_LITERAL + " characters;"
                                    + " write it with an exponent or as a string");
                }
                try {
                    return new Ast.Scalar(new RegoValue.Num(new BigDecimal(t.text())), loc);
                } catch (NumberFormatException e) {
                    throw error(t, "invalid number '" + t.text() + "'");
                }
            }
            case STRING -> {
                p++;
                return new Ast.Scalar(RegoValue.of(t.text()), loc);
            }
            case TEMPLATE -> {
                p++;
                return new TemplateParser(file, t, maxDepth, depth + 1).parse();
            }
            case IDENT -> {
                p++;
                if (atPunct(".")
                        && !tok().nlBefore()
                        && tok().col() == t.col() + t.text().length()) {
                    return new Ast.Var(t.text(), loc);
                }
                switch (t.text()) {
                    case "true":
                        return new Ast.Scalar(RegoValue.TRUE, loc);
                    case "false":
                        return new Ast.Scalar(RegoValue.FALSE, loc);
                    case "null":
                        return new Ast.Scalar(RegoValue.NULL, loc);
                    case "set":
                        if (atPunct("(") && peek(1).is(")")) {
                            p += 2;
                            return new Ast.SetTerm(List.of(), loc);
                        }
                        return new Ast.Var(t.text(), loc);
                    case "_":
                        return new Ast.Var("$" + (wildcards++), loc);
                    default:
                        return new Ast.Var(t.text(), loc);
                }
            }
            case PUNCT -> {
                boolean saved = noOr;
                noOr = false;
                enter();
                try {
                    if (accept("(")) {
                        Ast.Term e = inExpr();
                        if (accept(",")) {
                            e = keyValueIn(e, loc);
                        }
                        expect(")");
                        return e;
                    }
                    if (accept("[")) {
                        return array(loc);
                    }
                    if (accept("{")) {
                        return braces(loc);
                    }
                } finally {
                    noOr = saved;
                    exit();
                }
            }
            default -> {}
        }
        throw error(t, "unexpected " + describe(t) + "; expected a term (value, variable, reference" + " or call)");
    }

    private Ast.Term firstElement() {
        boolean saved = noOr;
        noOr = true;
        try {
            return inExpr();
        } finally {
            noOr = saved;
        }
    }

    private Ast.Term array(Ast.Loc loc) {
        List<Ast.Term> items = new ArrayList<>();
        if (accept("]")) {
            return new Ast.ArrayTerm(items, loc);
        }
        Ast.Term first = firstElement();
        if (accept("|")) {
            return new Ast.ArrayCompr(first, bodyUntil("]"), loc);
        }
        items.add(first);
        while (accept(",")) {
            if (atPunct("]")) {
                break;
            }
            items.add(inExpr());
        }
        expect("]");
        return new Ast.ArrayTerm(items, loc);
    }

    private Ast.Term braces(Ast.Loc loc) {
        if (accept("}")) {
            return new Ast.ObjectTerm(List.of(), loc);
        }
        Ast.Term first = firstElement();
        if (accept(":")) {
            Ast.Term value = firstElement();
            if (accept("|")) {
                return new Ast.ObjectCompr(first, value, bodyUntil("}"), loc);
            }
            List<Ast.Pair> pairs = new ArrayList<>();
            pairs.add(new Ast.Pair(first, value));
            while (accept(",")) {
                if (atPunct("}")) {
                    break;
                }
                Ast.Term k = inExpr();
                expect(":");
                pairs.add(new Ast.Pair(k, inExpr()));
            }
            expect("}");
            return new Ast.ObjectTerm(pairs, loc);
        }
        if (accept("|")) {
            return new Ast.SetCompr(first, bodyUntil("}"), loc);
        }
        List<Ast.Term> items = new ArrayList<>();
        items.add(first);
        while (accept(",")) {
            if (atPunct("}")) {
                break;
            }
            items.add(inExpr());
        }
        expect("}");
        return new Ast.SetTerm(items, loc);
    }

    /** Applies {@code .name}, {@code [term]} and {@code (args)} suffixes. */
    Ast.Term postfix(Ast.Term t) {
        while (true) {
            Lexer.Token n = tok();
            if (n.type() != Lexer.T.PUNCT || n.nlBefore()) {
                return t;
            }
            if (n.text().equals(".") && peek(1).type() == Lexer.T.IDENT && !peek(1).nlBefore()) {
                p++;
                Lexer.Token id = next();
                t = extend(t, new Ast.Scalar(RegoValue.of(id.text()), loc(id)));
            } else if (n.text().equals("[")) {
                p++;
                boolean saved = noOr;
                noOr = false;
                enter();
                Ast.Term idx = inExpr();
                exit();
                noOr = saved;
                expect("]");
                t = extend(t, idx);
            } else if (n.text().equals("(") && callName(t) != null) {
                p++;
                List<Ast.Term> args = new ArrayList<>();
                boolean saved = noOr;
                noOr = false;
                enter();
                while (!accept(")")) {
                    args.add(inExpr());
                    if (!accept(",")) {
                        expect(")");
                        break;
                    }
                }
                exit();
                noOr = saved;
                t = new Ast.Call(callName(t), args, t.loc());
            } else {
                return t;
            }
        }
    }

    private static Ast.Term extend(Ast.Term t, Ast.Term elem) {
        if (t instanceof Ast.Ref r) {
            List<Ast.Term> path = new ArrayList<>(r.path());
            path.add(elem);
            return new Ast.Ref(r.head(), path, r.loc());
        }
        return new Ast.Ref(t, List.of(elem), t.loc());
    }

    /** The dotted name of a term usable as a call operator, or null. */
    static String callName(Ast.Term t) {
        if (t instanceof Ast.Var v) {
            return v.name();
        }
        if (t instanceof Ast.Ref r && r.head() instanceof Ast.Var v) {
            StringBuilder sb = new StringBuilder(v.name());
            for (Ast.Term e : r.path()) {
                if (e instanceof Ast.Scalar s && s.value() instanceof RegoValue.Str str) {
                    sb.append('.').append(str.value());
                } else {
                    return null;
                }
            }
            return sb.toString();
        }
        return null;
    }
}

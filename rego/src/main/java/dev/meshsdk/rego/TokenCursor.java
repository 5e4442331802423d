package dev.meshsdk.rego;

import java.util.List;

/** Position over a token list with the helpers every parser layer needs. */
abstract class TokenCursor {
    protected final String file;
    protected final List<Lexer.Token> toks;
    protected int p;
    /** How deeply the source may nest ({@link RegoOptions#maxParseDepth()}). */
    protected final int maxDepth;
    /** How deeply the parser is nested now. */
    protected int depth;
    /** Set when the nesting limit was hit: that error is final, no alternative parse is tried. */
    protected boolean tooDeep;

    TokenCursor(String file, List<Lexer.Token> toks, int maxDepth, int depth) {
        this.file = file;
        this.toks = toks;
        this.maxDepth = maxDepth;
        this.depth = depth;
    }

    /** Enters one level of nesting (a bracket, a body, an else); pair with {@link #exit()}. */
    void enter() {
        if (++depth > maxDepth) {
            tooDeep = true;
            throw error(tok(), tooDeepMessage(maxDepth));
        }
    }

    void exit() {
        depth--;
    }

    static String tooDeepMessage(int maxDepth) {
        return "max parsing recursion depth reached: the source nests deeper than " + maxDepth
                + " levels; simplify it (or raise RegoOptions.maxParseDepth)";
    }

    Lexer.Token tok() {
        return toks.get(p);
    }

    Lexer.Token peek(int n) {
        return toks.get(Math.min(p + n, toks.size() - 1));
    }

    boolean at(String s) {
        return tok().is(s);
    }

    boolean atPunct(String s) {
        return tok().type() == Lexer.T.PUNCT && tok().text().equals(s);
    }

    boolean accept(String s) {
        if (atPunct(s) || (tok().type() == Lexer.T.IDENT && tok().text().equals(s))) {
            p++;
            return true;
        }
        return false;
    }

    Lexer.Token next() {
        return toks.get(p++);
    }

    void expect(String s) {
        if (!accept(s)) {
            throw error(tok(), "expected '" + s + "' but found " + describe(tok()) + "; check the syntax near here");
        }
    }

    Ast.Loc loc() {
        return loc(tok());
    }

    Ast.Loc loc(Lexer.Token t) {
        return new Ast.Loc(file, t.line(), t.col());
    }

    static String describe(Lexer.Token t) {
        return switch (t.type()) {
            case EOF -> "end of file";
            case STRING -> "string";
            case TEMPLATE -> "template string";
            default -> "'" + t.text() + "'";
        };
    }

    RegoException error(Lexer.Token t, String msg) {
        return RegoException.parse(file + ":" + t.line() + ":" + t.col() + ": " + msg);
    }
}

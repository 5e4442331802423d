package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;

/** Splits a template string token into literal text and embedded expressions. */
final class TemplateParser {
    private final String file;
    private final Lexer.Token token;
    private final int maxDepth;
    private final int depth;

    TemplateParser(String file, Lexer.Token token, int maxDepth, int depth) {
        this.file = file;
        this.token = token;
        this.maxDepth = maxDepth;
        this.depth = depth;
    }

    Ast.Template parse() {
        String text = token.text();
        boolean raw = text.charAt(0) == '`';
        String s = text.substring(1);
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '{') {
                    lit.append('{');
                    i += 2;
                    continue;
                }
                if (raw) {
                    lit.append(c);
                    i++;
                    continue;
                }
                int end = i + 2 + (n == 'u' ? 4 : 0);
                lit.append(decode(s.substring(i, Math.min(end, s.length()))));
                i = end;
                continue;
            }
            if (c == '{') {
                int end = matching(s, i);
                if (lit.length() > 0) {
                    parts.add(lit.toString());
                    lit.setLength(0);
                }
                String inner = s.substring(i + 1, end);
                List<Lexer.Token> toks = new Lexer(file, inner).tokens();
                BodyParser tp = new BodyParser(file, toks, maxDepth, depth);
                Ast.Literal l = tp.literal();
                if (tp.tok().type() != Lexer.T.EOF) {
                    throw RegoException.parse(loc() + ": unexpected " + TokenCursor.describe(tp.tok())
                            + " in template expression; a template placeholder holds one expression");
                }
                parts.add(l);
                i = end + 1;
                continue;
            }
            lit.append(c);
            i++;
        }
        if (lit.length() > 0) {
            parts.add(lit.toString());
        }
        return new Ast.Template(parts, new Ast.Loc(file, token.line(), token.col()));
    }

    private String loc() {
        return file + ":" + token.line() + ":" + token.col();
    }

    private String decode(String esc) {
        List<Lexer.Token> t = new Lexer(file, "\"" + esc + "\"").tokens();
        return t.get(0).text();
    }

    private int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
            } else if (c == '`') {
                i++;
                while (i < s.length() && s.charAt(i) != '`') {
                    i++;
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw RegoException.parse(loc() + ": unterminated placeholder in template string; close it" + " with '}'");
    }
}

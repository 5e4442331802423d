package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;

/** Splits Rego source into tokens, remembering whether a newline preceded each one. */
final class Lexer {
    enum T {
        IDENT,
        STRING,
        NUMBER,
        TEMPLATE,
        PUNCT,
        EOF
    }

    record Token(T type, String text, int line, int col, boolean nlBefore) {
        boolean is(String p) {
            return (type == T.PUNCT || type == T.IDENT) && text.equals(p);
        }
    }

    private static final String[] PUNCTS = {
        ":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "=", "<", ">", "+", "-", "*",
        "/", "%", "|", "&"
    };

    /** A comment: its line, whether it stands alone on that line, and its text after '#'. */
    record Comment(int line, boolean ownLine, String text) {}

    private final List<Comment> comments = new ArrayList<>();
    private boolean lineHasToken;
    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    private int col = 1;

    Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        boolean nl = true;
        while (true) {
            nl |= skipSpace();
            if (pos >= src.length()) {
                out.add(new Token(T.EOF, "", line, col, true));
                return out;
            }
            int l = line;
            int c = col;
            char ch = src.charAt(pos);
            Token t;
            if (Character.isLetter(ch) || ch == '_') {
                int s = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    advance();
                }
                t = new Token(T.IDENT, src.substring(s, pos), l, c, nl);
            } else if (Character.isDigit(ch)) {
                t = new Token(T.NUMBER, number(), l, c, nl);
            } else if (ch == '"') {
                advance();
                t = new Token(T.STRING, quoted(l, c), l, c, nl);
            } else if (ch == '`') {
                advance();
                int s = pos;
                while (pos < src.length() && src.charAt(pos) != '`') {
                    advance();
                }
                if (pos >= src.length()) {
                    throw error(l, c, "unterminated raw string; close it with a backtick");
                }
                String v = src.substring(s, pos);
                advance();
                t = new Token(T.STRING, v, l, c, nl);
            } else if (ch == '$'
                    && pos + 1 < src.length()
                    && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '`')) {
                t = new Token(T.TEMPLATE, template(l, c), l, c, nl);
            } else {
                String p = null;
                for (String cand : PUNCTS) {
                    if (src.startsWith(cand, pos)) {
                        p = cand;
                        break;
                    }
                }
                if (p == null) {
                    throw error(l, c, "unexpected character '" + ch + "'; remove it or quote it in a string");
                }
                for (int i = 0; i < p.length(); i++) {
                    advance();
                }
                t = new Token(T.PUNCT, p, l, c, nl);
            }
            out.add(t);
            lineHasToken = true;
            nl = false;
        }
    }

    private String number() {
        int s = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            advance();
        }
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            advance();
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                advance();
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            advance();
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                advance();
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    advance();
                }
            } else {
                pos = save;
            }
        }
        return src.substring(s, pos);
    }

    /** Reads a double-quoted string body (opening quote consumed) and decodes escapes. */
    private String quoted(int l, int c) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(l, c, "unterminated string; close it with a double quote");
            }
            char ch = src.charAt(pos);
            advance();
            if (ch == '"') {
                return sb.toString();
            }
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            if (pos >= src.length()) {
                throw error(l, c, "unterminated string; close it with a double quote");
            }
            char e = src.charAt(pos);
            advance();
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > src.length()) {
                        throw error(line, col, "invalid unicode escape; use \\uXXXX");
                    }
                    try {
                        sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error(line, col, "invalid unicode escape; use \\uXXXX");
                    }
                    for (int i = 0; i < 4; i++) {
                        advance();
                    }
                }
                default ->
                    throw error(
                            line,
                            col - 1,
                            "invalid escape sequence '\\" + e
                                    + "'; escape a backslash as \\\\ or use a raw string in backticks");
            }
        }
    }

    /** Reads a template string {@code $"..."} and returns its raw body prefixed by the quote kind. */
    private String template(int l, int c) {
        advance();
        char q = src.charAt(pos);
        advance();
        int s = pos;
        int depth = 0;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (depth == 0 && ch == q) {
                String body = src.substring(s, pos);
                advance();
                return q + body;
            }
            if (ch == '\\' && depth == 0) {
                advance();
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && depth > 0) {
                depth--;
            } else if (ch == '"' && depth > 0) {
                advance();
                while (pos < src.length() && src.charAt(pos) != '"') {
                    if (src.charAt(pos) == '\\') {
                        advance();
                    }
                    advance();
                }
            }
            advance();
        }
        throw error(l, c, "unterminated template string; close it with " + q);
    }

    private boolean skipSpace() {
        boolean nl = false;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == '\n') {
                nl = true;
                advance();
            } else if (Character.isWhitespace(ch)) {
                advance();
            } else if (ch == '#') {
                int start = pos + 1;
                int l = line;
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    advance();
                }
                comments.add(new Comment(l, !lineHasToken || nl, src.substring(start, pos)));
            } else {
                break;
            }
        }
        return nl;
    }

    List<Comment> comments() {
        return comments;
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            lineHasToken = false;
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    private RegoException error(int l, int c, String msg) {
        return RegoException.parse(file + ":" + l + ":" + c + ": " + msg);
    }
}

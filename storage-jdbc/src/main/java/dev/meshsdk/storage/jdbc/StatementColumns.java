package dev.meshsdk.storage.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which columns of one table a SQL statement reads, from its text (PostgreSQL's {@code pg_stat_statements}, Redshift's
 * {@code SYS_QUERY_HISTORY} or {@code STL_QUERYTEXT}), for a statement already known to read the table. A heuristic
 * on tokens, not a SQL parser, and conservative: it may count a column as read that was not (never the other way),
 * and when it cannot tell it says so (an empty answer), so that no column is ever called unread by mistake.
 *
 * <ul>
 *   <li>Comments, string literals ({@code '...'}, {@code E'...'}, {@code $tag$...$tag$}) and parameters are skipped:
 *       a column's name inside them is no read. A quoted identifier ({@code "order"}) is an identifier.</li>
 *   <li>Read: a column named unqualified anywhere (even when it belongs to another table of the statement: the
 *       statement is not resolved), or qualified by the table's name or one of its aliases ({@code o.amount},
 *       {@code public.orders.amount}); a reserved keyword unquoted ({@code ORDER BY}) is no column, but after a dot it
 *       is ({@code o.order}). A column qualified by another table's alias is that table's.</li>
 *   <li>Every column: {@code *} in a select list (whichever table it expands), {@code t.*}, the table or an alias used
 *       as a value (a whole row: {@code row_to_json(o)}), {@code TABLE t}, {@code COPY t TO}.</li>
 *   <li>Cannot tell (empty): text that does not tokenise (an unterminated string or comment, a truncated text), a
 *       {@code NATURAL} join, an alias that renames the table's columns ({@code orders AS o(a, b)}), or a statement in
 *       which no column of the table is named (its reads may be {@code count(*)}, or something this does not see).</li>
 * </ul>
 * A non-reserved keyword that is also a column's name ({@code date}, {@code year}) counts as a read wherever it appears
 * unquoted ({@code extract(year from ...)}): more reads, never fewer. Names are compared without case. Thread-safe.
 */
public final class StatementColumns {
    /** PostgreSQL's reserved words and those that cannot be a table's alias without {@code AS}. */
    private static final Set<String> RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "column",
            "constraint",
            "create",
            "current_catalog",
            "current_date",
            "current_role",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "from",
            "grant",
            "group",
            "having",
            "in",
            "initially",
            "intersect",
            "into",
            "lateral",
            "leading",
            "limit",
            "localtime",
            "localtimestamp",
            "not",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "placing",
            "primary",
            "references",
            "returning",
            "select",
            "session_user",
            "some",
            "symmetric",
            "system_user",
            "table",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "when",
            "where",
            "window",
            "with",
            "authorization",
            "binary",
            "collation",
            "concurrently",
            "cross",
            "current_schema",
            "freeze",
            "full",
            "ilike",
            "inner",
            "is",
            "isnull",
            "join",
            "left",
            "like",
            "natural",
            "notnull",
            "outer",
            "overlaps",
            "right",
            "similar",
            "tablesample",
            "verbose",
            "set",
            "top",
            "qualify");
    /** The words after which a table is named. */
    private static final Set<String> TABLE_BEFORE =
            Set.of("from", "join", "only", "update", "into", "table", "copy", "lateral", ",");

    private StatementColumns() {}

    /**
     * The columns of {@code schema.table} (whose columns are {@code columns}) that {@code query} reads, spelled as in
     * {@code columns}; empty when that cannot be told.
     *
     * @param schema the table's schema; null when the statement may name the table without it only
     */
    public static Set<String> read(String query, String schema, String table, Collection<String> columns) {
        List<Token> tokens = tokens(query);
        if (tokens == null || columns.isEmpty()) return Set.of();
        Map<String, String> byName = new TreeMap<>();
        for (String c : columns) byName.put(c.toLowerCase(Locale.ROOT), c);
        String name = table.toLowerCase(Locale.ROOT);
        Set<String> qualifiers = new HashSet<>(Set.of(name));
        Set<Integer> skipped = new HashSet<>(); // the table's own name and alias where it is named as a table
        boolean all = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.word("natural")) return Set.of();
            if (!t.identifier() || !t.text.equals(name) || next(tokens, i).is(".")) continue;
            int start = i;
            if (prev(tokens, i).is(".")) {
                Token s = prev(tokens, i - 1);
                if (!s.identifier() || schema != null && !s.text.equals(schema.toLowerCase(Locale.ROOT))) continue;
                start = i - 2;
            }
            Token before = prev(tokens, start);
            // named where a table is (after FROM, JOIN, ...) it is no value; elsewhere, as in a parenthesised join
            // ("FROM (orders o JOIN ...)"), it counts as a whole row below: more columns, never fewer
            if ((before.kind.equals("word") || before.is(",")) && TABLE_BEFORE.contains(before.text)) skipped.add(i);
            if (before.word("table") || before.word("copy") && !next(tokens, i).is("(")) all = true;
            int a = i + 1;
            if (next(tokens, i).word("as")) a++;
            Token alias = a < tokens.size() ? tokens.get(a) : Token.NONE;
            if (alias.name()) {
                if (next(tokens, a).is("(")) return Set.of(); // the alias renames the columns
                qualifiers.add(alias.text);
                skipped.add(a);
            }
        }
        Set<String> read = new java.util.TreeSet<>();
        for (int i = 0; i < tokens.size() && !all; i++) {
            Token t = tokens.get(i);
            Token before = prev(tokens, i);
            if (t.is("*")) {
                if (before.is(".")) {
                    all |= qualifiers.contains(prev(tokens, i - 1).text)
                            && prev(tokens, i - 1).identifier();
                } else { // after a name or a value it multiplies; count(*) reads no column; else a select list's
                    all |= !before.name() && !before.kind.equals("literal") && !before.is("(");
                }
                continue;
            }
            boolean afterDot = before.is(".");
            if (!t.identifier() && !(afterDot && t.kind.equals("word")) || skipped.contains(i)) continue;
            if (next(tokens, i).is(".")) continue; // a qualifier: judged with what it qualifies
            String column = byName.get(t.text);
            if (afterDot) {
                Token q = prev(tokens, i - 1);
                if (column != null && q.identifier() && qualifiers.contains(q.text)) read.add(column);
                continue;
            }
            if (!t.name()) continue;
            if (column != null) read.add(column);
            else if (qualifiers.contains(t.text)) all = true; // the whole row as a value
        }
        if (all) return Set.copyOf(new java.util.TreeSet<>(columns));
        return Set.copyOf(read);
    }

    /** A token: {@code word} (lower case), {@code quoted} identifier, {@code literal}, or {@code punct}. */
    private record Token(String kind, String text, boolean quoted) {
        static final Token NONE = new Token("none", "", false);

        boolean identifier() {
            return kind.equals("word") || quoted;
        }

        /** An identifier that may name a column or alias: quoted, or a word that is not reserved. */
        boolean name() {
            return quoted || kind.equals("word") && !RESERVED.contains(text);
        }

        boolean is(String punct) {
            return kind.equals("punct") && text.equals(punct);
        }

        boolean word(String word) {
            return kind.equals("word") && text.equals(word);
        }
    }

    private static Token prev(List<Token> tokens, int i) {
        return i > 0 ? tokens.get(i - 1) : Token.NONE;
    }

    private static Token next(List<Token> tokens, int i) {
        return i + 1 < tokens.size() ? tokens.get(i + 1) : Token.NONE;
    }

    /** The tokens of {@code sql}; null when it does not tokenise (an unterminated string, identifier or comment). */
    private static List<Token> tokens(String sql) {
        if (sql == null) return null;
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < n);
                if (depth > 0) return null;
            } else if (c == '\'') {
                boolean escapes = !out.isEmpty()
                        && i > 0
                        && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && out.get(out.size() - 1).word("e");
                if (escapes) out.remove(out.size() - 1);
                i = quoted(sql, i, '\'', escapes);
                if (i < 0) return null;
                out.add(new Token("literal", "", false));
            } else if (c == '"') {
                int end = quoted(sql, i, '"', false);
                if (end < 0) return null;
                out.add(new Token(
                        "word",
                        sql.substring(i + 1, end - 1).replace("\"\"", "\"").toLowerCase(Locale.ROOT),
                        true));
                i = end;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) i++;
                out.add(new Token("literal", "", false));
            } else if (c == '$') {
                int close = sql.indexOf('$', i + 1);
                if (close < 0) return null;
                String tag = sql.substring(i, close + 1);
                int end = sql.indexOf(tag, close + 1);
                if (end < 0) return null;
                i = end + tag.length();
                out.add(new Token("literal", "", false));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token("word", sql.substring(start, i).toLowerCase(Locale.ROOT), false));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
                out.add(new Token("literal", "", false));
            } else {
                out.add(new Token("punct", String.valueOf(c), false));
                i++;
            }
        }
        return out;
    }

    /** The index after the literal or identifier opened at {@code i}; -1 when it is not closed. */
    private static int quoted(String sql, int i, char quote, boolean backslashes) {
        for (int j = i + 1; j < sql.length(); j++) {
            char c = sql.charAt(j);
            if (backslashes && c == '\\') {
                j++;
            } else if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) j++;
                else return j + 1;
            }
        }
        return -1;
    }
}

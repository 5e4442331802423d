package dev.meshsdk.internal.descriptor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Edits to the text of a YAML document at the positions its parse recorded, so that everything not edited
 * (comments, blank lines, key order, quoting, indentation) stays byte for byte. Lines and columns are 1-based
 * and refer to the text as it was read; edits are applied from the end of the text backwards, so an edit never
 * moves the position of one not yet applied. Not thread-safe.
 */
final class YamlTextEdits {
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");

    /** One edit at a position of the text as read. */
    private sealed interface Edit permits Replace, Nest, DeleteLine {
        int line();

        int column();
    }

    /** Replaces {@code length} characters at the position with {@code text}. */
    private record Replace(int line, int column, int length, String text) implements Edit {}

    /** Moves the block value of the key at the position under a new key {@code child}, indented two more spaces. */
    private record Nest(int line, int column, String child) implements Edit {}

    /** Removes a whole line. */
    private record DeleteLine(int line, int column) implements Edit {}

    private final List<String> lines;
    private final String lineBreak;
    private final List<Edit> edits = new ArrayList<>();

    YamlTextEdits(String text) {
        this.lines = new ArrayList<>(List.of(LINE_BREAK.split(text, -1)));
        this.lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** The text of a line as read (without its line break), or null past the end. */
    String line(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
    }

    /**
     * The scalar token written at the position (quotes included), or null when none is there: a plain scalar
     * ends at a comment or the end of the line, a quoted one at its closing quote.
     */
    String scalarAt(int line, int column) {
        String l = line(line);
        if (l == null || column < 1 || column > l.length()) return null;
        String rest = l.substring(column - 1);
        char first = rest.charAt(0);
        if (first == '"' || first == '\'') {
            for (int i = 1; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (first == '"' && c == '\\') i++;
                else if (c == first && first == '\'' && i + 1 < rest.length() && rest.charAt(i + 1) == '\'') i++;
                else if (c == first) return rest.substring(0, i + 1);
            }
            return null; // a quoted scalar over several lines
        }
        if (first == '{' || first == '[' || first == '|' || first == '>' || first == '&' || first == '*') return null;
        int comment = rest.indexOf(" #");
        String token = (comment < 0 ? rest : rest.substring(0, comment)).stripTrailing();
        return token.isEmpty() ? null : token;
    }

    /** Replaces the scalar at the position with {@code value}, keeping its quotes; false when no scalar is there. */
    boolean replaceScalar(int line, int column, String value) {
        String token = scalarAt(line, column);
        if (token == null) return false;
        char first = token.charAt(0);
        boolean quoted = first == '"' || first == '\'';
        String text = quoted ? first + value + first : value;
        edits.add(new Replace(line, column, token.length(), text));
        return true;
    }

    /** Replaces the scalar at the position with the token {@code token} as written; false when no scalar is there. */
    boolean replaceToken(int line, int column, String token) {
        String old = scalarAt(line, column);
        if (old == null) return false;
        edits.add(new Replace(line, column, old.length(), token));
        return true;
    }

    /** Renames the key written at the position from {@code key} to {@code newKey}; false when it is not written so. */
    boolean renameKey(int line, int column, String key, String newKey) {
        String l = line(line);
        if (l == null || column < 1 || !l.startsWith(key, column - 1)) return false;
        edits.add(new Replace(line, column, key.length(), newKey));
        return true;
    }

    /**
     * Moves the value of the block mapping key at the position one level down, under {@code child}: the lines
     * of the value are indented two more spaces (comments among them too) and {@code child:} takes the key's
     * line. A value written on the key's own line (a flow list) moves to {@code child:} on the next line.
     * False when the key is not the first thing on its line.
     */
    boolean nest(int line, int column, String child) {
        String l = line(line);
        if (l == null || !l.substring(0, Math.min(column - 1, l.length())).isBlank()) return false;
        edits.add(new Nest(line, column, child));
        return true;
    }

    /** Deletes the line of a block mapping key written at the position; false when other content shares it. */
    boolean deleteKeyLine(int line, int column) {
        String l = line(line);
        if (l == null || !l.substring(0, Math.min(column - 1, l.length())).isBlank()) return false;
        edits.add(new DeleteLine(line, column));
        return true;
    }

    /**
     * The edited text, and for each of its lines the line of the text as read it came from (for locating a
     * problem of the edited text in the file as it is).
     */
    Result apply() {
        List<String> out = new ArrayList<>(lines);
        List<Source> sources = new ArrayList<>();
        for (int i = 1; i <= lines.size(); i++) sources.add(new Source(i, 0, 0, 0));
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::line)
                .thenComparingInt(Edit::column)
                .reversed());
        for (Edit e : ordered) {
            int i = e.line() - 1;
            if (e instanceof Replace r) {
                String l = out.get(i);
                out.set(i, l.substring(0, r.column() - 1) + r.text() + l.substring(r.column() - 1 + r.length()));
            } else if (e instanceof DeleteLine) {
                out.remove(i);
                sources.remove(i);
            } else if (e instanceof Nest n) {
                nest(out, sources, i, n);
            }
        }
        List<Replace> replaced = edits.stream()
                .filter(Replace.class::isInstance)
                .map(Replace.class::cast)
                .sorted(Comparator.comparingInt(Replace::column))
                .toList();
        return new Result(String.join(lineBreak, out), List.copyOf(sources), replaced);
    }

    private static void nest(List<String> out, List<Source> sources, int i, Nest n) {
        String keyLine = out.get(i);
        int indent = n.column() - 1;
        String childIndent = " ".repeat(indent + 2);
        int colon = keyLine.indexOf(':', indent);
        String inline = keyLine.substring(colon + 1).strip();
        int line = sources.get(i).line();
        if (!inline.isEmpty() && !inline.startsWith("#")) {
            // team: [ ... ] on one line: the flow value moves to the child key
            String head = childIndent + n.child() + ": ";
            int value = keyLine.indexOf(inline, colon + 1); // where the value starts on the key's line, 0-based
            out.set(i, keyLine.substring(0, colon + 1));
            out.add(i + 1, head + inline);
            // the new key maps to the key it came from, the value to where it was written on the key's line
            sources.add(i + 1, new Source(line, head.length() - value, head.length(), n.column()));
            return;
        }
        // the block: following lines indented deeper, or list items at the key's own indentation, with the
        // comments and blank lines among them (trailing ones stay where they are)
        int last = i;
        for (int j = i + 1; j < out.size(); j++) {
            String l = out.get(j);
            String body = l.strip();
            if (body.isEmpty() || body.startsWith("#")) continue;
            int lead = l.length() - l.stripLeading().length();
            if (lead > indent || (lead == indent && (body.equals("-") || body.startsWith("- ")))) last = j;
            else break;
        }
        for (int j = i + 1; j <= last; j++) {
            if (!out.get(j).isEmpty()) {
                out.set(j, "  " + out.get(j));
                sources.set(j, sources.get(j).indented(2));
            }
        }
        out.add(i + 1, childIndent + n.child() + ":");
        sources.add(i + 1, new Source(line, 0, Integer.MAX_VALUE, n.column()));
    }

    /**
     * Where a line of the edited text came from: {@code line} of the text as read; its first {@code head} columns
     * (text an edit added, such as a new key) map to column {@code keyColumn} there, the others {@code shift}
     * columns to the left (indentation a moved block gained, less the text before a moved flow value).
     */
    record Source(int line, int shift, int head, int keyColumn) {
        /** This line indented {@code columns} more. */
        Source indented(int columns) {
            return new Source(
                    line, shift + columns, head == 0 || head == Integer.MAX_VALUE ? head : head + columns, keyColumn);
        }
    }

    /** The edited text, where each of its lines came from (index 0 for its first line), and the replacements. */
    record Result(String text, List<Source> sources, List<Replace> replaced) {
        int originalLine(int line) {
            return line >= 1 && line <= sources.size() ? sources.get(line - 1).line() : line;
        }

        /**
         * The column in the file as read of a position of the edited text: less the indentation a moved block
         * gained, before the text an edit of its line put in (inside that text, the edit's own column); on a line
         * the edit added, its new key's column is the key it came from, a moved flow value's where it was written.
         */
        int originalColumn(int line, int column) {
            if (line < 1 || line > sources.size()) return column;
            Source source = sources.get(line - 1);
            if (column <= source.head()) return source.keyColumn();
            int at = Math.max(1, column - source.shift());
            int delta = 0;
            for (Replace r : replaced) {
                if (r.line() != source.line()) continue;
                int start = r.column() + delta;
                if (at < start) break;
                if (at < start + r.text().length()) return r.column();
                delta += r.text().length() - r.length();
            }
            return at - delta;
        }
    }
}

package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the plain block YAML descriptors are written in, without the general YAML parser: block mappings of simple
 * keys, block sequences (also compact {@code - key: value} entries and sequences at their key's indentation), plain
 * scalars on one line, quoted scalars without escapes, one-line flow sequences of such scalars, {@code {}} and
 * comments. Scalars are typed by the YAML parser's own resolver, as {@link YamlTreeReader} types them. Anything
 * else (anchors, tags, block and multi-line scalars, tabs, carriage returns, duplicate keys, other number forms, deep
 * nesting, documents that are not a mapping) makes {@link #read} return null, and the general parser reads the file:
 * this reader accepts a subset and never decides about a problem. A fresh JVM reads a large project several times
 * faster this way, as the general parser's scanner runs interpreted for most of such a run.
 */
final class SimpleYaml {
    /** The resolver the YAML parser types implicit scalars with; read-only once built. */
    private static final Resolver RESOLVER = new Resolver();

    /**
     * The first characters of the scalars {@link Resolver} has a pattern for (booleans, numbers, the merge key, nulls,
     * timestamps, YAML's own indicators, '=' and the null ' '); it resolves any other non-empty plain scalar to a string.
     */
    static final String RESOLVED_FIRST = "yYnNtTfFoO-+0123456789.<~ \0!&*=";

    /** The words the resolver's boolean and null patterns match; it types every other {@link #word} as a string. */
    static final Set<String> RESOLVED_WORDS = Set.of(
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
            "off", "Off", "OFF", "null", "Null", "NULL");

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Well below {@link YamlTreeReader#MAX_DEPTH}, so a document read here never nests too deep there. */
    private static final int MAX_DEPTH = 40;

    private static final int MAX_KEY = 256;

    /** The document's characters (an array: a fresh JVM indexes it far faster than a string). */
    private final char[] text;
    /** Per content line (blank and comment lines left out): where its content starts and ends, its indentation. */
    private final int[] starts;

    private final int[] ends;
    private final int[] indents;
    private int count;
    /** The next content line to read. */
    private int line;

    private SimpleYaml(char[] text, int lines) {
        this.text = text;
        this.starts = new int[lines];
        this.ends = new int[lines];
        this.indents = new int[lines];
    }

    /** The document's tree, as {@link YamlTreeReader} reads it; null when the document is not of this subset. */
    static JsonNode read(byte[] bytes) {
        char[] text = decode(bytes);
        if (text == null) return null;
        int lines = 1;
        for (int i = 0; i < text.length; i++) if (text[i] == '\n') lines++;
        SimpleYaml y = new SimpleYaml(text, lines);
        if (!y.split() || y.count == 0 || y.indents[0] != 0 || y.isDash(0)) return null;
        JsonNode root = y.mapping(0, 1);
        return root != null && y.line == y.count ? root : null;
    }

    /** UTF-8 without a byte order mark, NUL bytes or malformed sequences (other encodings: null). */
    private static char[] decode(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) >= 0xEF || bytes[0] == 0 || bytes[1] == 0)) return null;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] chars = new char[decoded.remaining()];
            decoded.get(chars);
            return chars;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Notes the content lines; false for a character this reader leaves to the general parser (tabs, carriage returns
     * and other control characters, line breaks other than LF, surrogates) or a document marker or directive.
     */
    private boolean split() {
        int n = text.length;
        int i = 0;
        while (i <= n) {
            int lineStart = i;
            while (i < n && text[i] == ' ') i++;
            int start = i;
            int end = start;
            while (i < n) {
                char c = text[i];
                if (c == '\n') break;
                if (c < 0x20 || (c > 0x7E && c < 0xA0) || (c >= 0xD800 && c < 0xE000) || c > 0xFFFD) return false;
                if (c == 0x2028 || c == 0x2029) return false;
                if (c != ' ') end = i + 1;
                i++;
            }
            i++; // past the line break
            if (end == start || text[start] == '#') continue; // blank or a comment
            if (start == lineStart && (startsWith("---", start) || startsWith("...", start))) return false;
            if (text[start] == '%') return false;
            starts[count] = start;
            ends[count] = end;
            indents[count] = start - lineStart;
            count++;
        }
        return true;
    }

    private String string(int from, int to) {
        return new String(text, from, to - from);
    }

    private boolean startsWith(String prefix, int at) {
        if (at + prefix.length() > text.length) return false;
        for (int i = 0; i < prefix.length(); i++) if (text[at + i] != prefix.charAt(i)) return false;
        return true;
    }

    private boolean isDash(int l) {
        int s = starts[l];
        return text[s] == '-' && (s + 1 == ends[l] || text[s + 1] == ' ');
    }

    /** A mapping or a sequence starting at the current line, at its indentation. */
    private JsonNode block(int depth) {
        if (depth > MAX_DEPTH) return null;
        int n = indents[line];
        return isDash(line) ? sequence(n, depth) : mapping(n, depth);
    }

    private ObjectNode mapping(int n, int depth) {
        ObjectNode o = NODES.objectNode();
        while (line < count && indents[line] == n) {
            int s = starts[line];
            int colon = keyEnd(s, ends[line]);
            if (colon < 0) return null;
            String key = string(s, colon);
            if (o.has(key)) return null; // the general parser reports it
            int v = skipSpaces(colon + 1, ends[line]);
            int e = ends[line];
            line++;
            JsonNode value;
            if (v == e || text[v] == '#') {
                if (line < count && indents[line] > n) value = block(depth + 1);
                else if (line < count && indents[line] == n && isDash(line)) value = sequence(n, depth + 1);
                else value = NullNode.getInstance();
            } else {
                value = inline(v, e);
                if (line < count && indents[line] > n) return null; // a value on several lines
            }
            if (value == null) return null;
            o.set(key, value);
        }
        return line < count && indents[line] > n ? null : o;
    }

    private ArrayNode sequence(int n, int depth) {
        ArrayNode a = NODES.arrayNode();
        while (line < count && indents[line] == n && isDash(line)) {
            int lineStart = starts[line] - indents[line];
            int v = skipSpaces(starts[line] + 1, ends[line]);
            JsonNode item;
            if (v == ends[line] || text[v] == '#') {
                line++;
                item = line < count && indents[line] > n ? block(depth + 1) : NullNode.getInstance();
            } else if (keyEnd(v, ends[line]) >= 0 || text[v] == '-' && (v + 1 == ends[line] || text[v + 1] == ' ')) {
                // a compact entry: the rest of the line starts a block at its own column
                starts[line] = v;
                indents[line] = v - lineStart;
                item = block(depth + 1);
            } else {
                item = inline(v, ends[line]);
                line++;
                if (line < count && indents[line] > n) return null; // a value on several lines
            }
            if (item == null) return null;
            a.add(item);
        }
        return line < count && indents[line] > n ? null : a;
    }

    /**
     * The end of a simple key ({@code [A-Za-z_$][A-Za-z0-9_$.-]*}) starting at {@code s} and followed by ':' and a
     * space or the line's end; -1 when the line does not start so.
     */
    private int keyEnd(int s, int e) {
        int i = s;
        char c = text[i];
        if (!(Character.isLetter(c) && c < 0x80 || c == '_' || c == '$')) return -1;
        while (i < e && i - s <= MAX_KEY) {
            c = text[i];
            if (c == ':') return i + 1 == e || text[i + 1] == ' ' ? i : -1;
            if (!(c < 0x80 && Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-')) return -1;
            i++;
        }
        return -1;
    }

    private int skipSpaces(int i, int e) {
        while (i < e && text[i] == ' ') i++;
        return i;
    }

    /** A value written on the rest of its line, from {@code s} (not a space) to {@code e}; null when not simple. */
    private JsonNode inline(int s, int e) {
        char c = text[s];
        if (c == '[') return flowSequence(s + 1, e);
        if (c == '{')
            return text[skipSpaces(s + 1, e)] == '}' && restIsComment(skipSpaces(s + 1, e) + 1, e)
                    ? NODES.objectNode()
                    : null;
        if (c == '"' || c == '\'') {
            int close = s + 1;
            while (close < e && text[close] != c) close++;
            if (close == e || !restIsComment(close + 1, e)) return null;
            String value = string(s + 1, close);
            return c == '"' && value.indexOf('\\') >= 0 ? null : TextNode.valueOf(value);
        }
        if (!plainStart(s, e)) return null;
        int end = s;
        for (int i = s; i < e; i++) {
            char x = text[i];
            if (x == '#' && text[i - 1] == ' ') break;
            if (x == ':' && (i + 1 == e || text[i + 1] == ' ')) return null; // a mapping on the value's line
            if (x != ' ') end = i + 1;
        }
        return typed(string(s, end));
    }

    /** A one-line flow sequence of plain or simply quoted scalars, after its '['. */
    private JsonNode flowSequence(int s, int e) {
        ArrayNode a = NODES.arrayNode();
        int i = skipSpaces(s, e);
        if (i < e && text[i] == ']') return restIsComment(i + 1, e) ? a : null;
        while (i < e) {
            int itemEnd = i;
            while (itemEnd < e && text[itemEnd] != ',' && text[itemEnd] != ']') itemEnd++;
            if (itemEnd == e) return null; // not closed on this line
            int last = itemEnd;
            while (last > i && text[last - 1] == ' ') last--;
            if (last == i) return null;
            String item = string(i, last);
            JsonNode node;
            char q = item.charAt(0);
            if (q == '"' || q == '\'') {
                if (item.length() < 2 || item.charAt(item.length() - 1) != q) return null;
                String value = item.substring(1, item.length() - 1);
                if (value.indexOf(q) >= 0 || value.indexOf('\\') >= 0) return null;
                node = TextNode.valueOf(value);
            } else {
                for (int k = 0; k < item.length(); k++) {
                    char x = item.charAt(k);
                    if (x == ':' || x == '#' || x == '[' || x == '{' || x == '}' || x == '"' || x == '\'') return null;
                }
                if (!plainStart(i, last)) return null;
                node = typed(item);
            }
            if (node == null) return null;
            a.add(node);
            if (text[itemEnd] == ']') return restIsComment(itemEnd + 1, e) ? a : null;
            i = skipSpaces(itemEnd + 1, e);
        }
        return null;
    }

    /** Only spaces, then nothing or a comment, from {@code i} to {@code e}. */
    private boolean restIsComment(int i, int e) {
        int j = skipSpaces(i, e);
        return j == e || j > i && text[j] == '#';
    }

    /** A plain scalar may start here: not with an indicator, except a '-' before a digit. */
    private boolean plainStart(int s, int e) {
        char c = text[s];
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0) return true;
        return c == '-' && s + 1 < e && text[s + 1] >= '0' && text[s + 1] <= '9';
    }

    /**
     * A plain scalar typed as the YAML parser's resolver and Jackson type it: decimal integers in the smallest node
     * that holds them, decimals with their scale, {@code true}, {@code false}, nulls, and texts (a timestamp stays a
     * text); null for the other spellings of numbers and booleans.
     */
    private static JsonNode typed(String value) {
        // most values are words the resolver has no pattern for (it picks its patterns by the first character)
        if (!value.isEmpty() && RESOLVED_FIRST.indexOf(value.charAt(0)) < 0) return TextNode.valueOf(value);
        // the commonest of the rest, typed as the resolver's patterns would type them without running them
        if (decimal(value, false)) return integer(value); // its integer pattern (before the float one)
        if (decimal(value, true)) return DecimalNode.valueOf(new BigDecimal(value)); // only its float pattern
        if (word(value)) {
            if (!RESOLVED_WORDS.contains(value)) return TextNode.valueOf(value); // none of its patterns
            if (value.equals("true")) return BooleanNode.TRUE;
            if (value.equals("false")) return BooleanNode.FALSE;
            return value.equalsIgnoreCase("null") ? NullNode.getInstance() : null;
        }
        if (dottedDigits(value)) return TextNode.valueOf(value); // none of its patterns
        Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
        if (tag == Tag.STR || tag == Tag.TIMESTAMP) return TextNode.valueOf(value);
        if (tag == Tag.NULL) return NullNode.getInstance();
        if (tag == Tag.BOOL) {
            return value.equals("true") ? BooleanNode.TRUE : value.equals("false") ? BooleanNode.FALSE : null;
        }
        return null; // another spelling of a number or a boolean: the general parser reads the file
    }

    /** A decimal integer of at most 18 digits, in the smallest node that holds it. */
    private static JsonNode integer(String value) {
        long l = Long.parseLong(value);
        return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
    }

    /**
     * An ASCII letter and then letters, digits or {@code _.-}: the resolver types such a word only when it is one of
     * {@link #RESOLVED_WORDS}, and its other patterns (numbers, timestamps) start with a digit or a sign.
     */
    static boolean word(String v) {
        if (v.isEmpty() || !letter(v.charAt(0))) return false;
        for (int k = 1; k < v.length(); k++) {
            char c = v.charAt(k);
            if (!(letter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) return false;
        }
        return true;
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /**
     * Digits with at least two dots between them, a version such as {@code 1.0.0}: the resolver's integers have no
     * dot, its floats one at most, and its timestamps need a '-'.
     */
    static boolean dottedDigits(String v) {
        int dots = 0;
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '.') dots++;
            else if (c < '0' || c > '9') return false;
        }
        return dots >= 2 && v.charAt(0) != '.';
    }

    /** {@code -?(0|[1-9][0-9]*)}, with {@code .[0-9]+} after it when {@code fraction}, of at most 18 digits each. */
    private static boolean decimal(String v, boolean fraction) {
        int i = v.startsWith("-") ? 1 : 0;
        int digits = i;
        while (digits < v.length() && v.charAt(digits) >= '0' && v.charAt(digits) <= '9') digits++;
        int whole = digits - i;
        if (whole == 0 || whole > 18 || (whole > 1 && v.charAt(i) == '0')) return false;
        if (!fraction) return digits == v.length();
        if (digits >= v.length() - 1 || v.charAt(digits) != '.' || v.length() - digits - 1 > 18) return false;
        for (int k = digits + 1; k < v.length(); k++) if (v.charAt(k) < '0' || v.charAt(k) > '9') return false;
        return true;
    }
}

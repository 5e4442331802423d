package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML into a Jackson tree by walking the token stream, so that the line and column of every
 * element is known and duplicate keys are caught (a tree mapper would silently keep the last one).
 * Scalars keep the type they were written with: Jackson's YAML parser does not turn dates into
 * timestamps, integers stay integers and decimals keep their scale (as {@link DecimalNode}).
 */
final class YamlTreeReader {
    static final String CODE_SYNTAX = "MESH-YAML";
    // YAML reads an empty plain value ("value:") as null, as the standards' tooling does
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /**
     * The deepest nesting of mappings and lists read. Descriptors nest a few levels (a nested schema property
     * adds two); the YAML scanner's work grows with the square of the depth, so deeper input stops here.
     */
    static final int MAX_DEPTH = 100;

    private final Path file;
    /** Null when this reader does not note where elements were written. */
    private final Positions positions;

    private final List<Diagnostic> problems = new ArrayList<>();

    private YamlTreeReader(Path file, Positions positions) {
        this.file = file;
        this.positions = positions;
    }

    /**
     * Parses a document. Most documents have no problem to locate, so the first parse notes no positions; those
     * of a document whose parse found a problem are noted in a second parse, and the others' positions are found
     * by one when first asked for. Either way they are those a parse with positions notes. A document in the plain
     * subset {@link SimpleYaml} reads is read by it first, to the same tree.
     */
    static ParsedDocument parse(Path file, byte[] bytes) {
        JsonNode simple = SimpleYaml.read(bytes);
        if (simple != null) {
            return new ParsedDocument(
                    file,
                    bytes,
                    simple,
                    Positions.later(() -> withPositions(file, bytes).positions()),
                    List.of());
        }
        ParsedDocument quick = new YamlTreeReader(file, null).read(bytes);
        if (!quick.problems().isEmpty()) return withPositions(file, bytes);
        return new ParsedDocument(
                file,
                bytes,
                quick.root(),
                Positions.later(() -> withPositions(file, bytes).positions()),
                quick.problems());
    }

    /** The general parser's reading, with positions. */
    static ParsedDocument withPositions(Path file, byte[] bytes) {
        return new YamlTreeReader(file, new Positions()).read(bytes);
    }

    private ParsedDocument read(byte[] bytes) {
        JsonNode root = null;
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(Diagnostic.error(
                        CODE_SYNTAX,
                        new Location(file, 1, 1, ""),
                        "Cannot read " + file.getFileName() + ": the file is empty",
                        "write an ODPS product or an ODCS contract in it"));
            } else {
                String top = positions == null ? null : "";
                mark(top, p);
                root = value(p, t, top, 0);
                if (!root.isObject()) {
                    problems.add(Diagnostic.error(
                            CODE_SYNTAX,
                            new Location(file, 1, 1, ""),
                            "Cannot read " + file.getFileName() + ": the document is a "
                                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                                    + ", not a mapping of keys to values",
                            "start the file with 'apiVersion:', 'kind:' and 'id:'"));
                }
            }
        } catch (TooDeep e) {
            root = null;
            problems.add(Diagnostic.error(
                    CODE_SYNTAX,
                    new Location(file, e.at.getLineNr(), e.at.getColumnNr(), ""),
                    "Cannot read " + file.getFileName() + ": mappings and lists nest more than " + MAX_DEPTH
                            + " levels deep here",
                    "look for an unclosed '[' or '{'; descriptors nest a few levels"));
        } catch (StreamReadException e) {
            root = null;
            problems.add(syntaxError(e));
        } catch (IOException e) {
            root = null;
            problems.add(Diagnostic.error(
                    CODE_SYNTAX,
                    Location.of(file),
                    "Cannot read " + file.getFileName() + ": " + Quoted.shown(String.valueOf(e.getMessage()), 200),
                    null));
        }
        return new ParsedDocument(file, bytes, root, positions, problems);
    }

    /** Stops reading at {@link #MAX_DEPTH}; the problem is located at the value that nests too deep. */
    private static final class TooDeep extends IOException {
        final transient JsonLocation at;

        TooDeep(JsonLocation at) {
            super("nested too deep", null);
            this.at = at;
        }
    }

    private JsonNode value(JsonParser p, JsonToken t, String pointer, int depth) throws IOException {
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new TooDeep(p.currentTokenLocation());
        }
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    boolean duplicate = o.has(key);
                    String child = pointer == null || duplicate ? null : Pointers.child(pointer, key);
                    if (duplicate) duplicateKey(key, p.currentTokenLocation(), pointer);
                    else mark(child, p);
                    JsonToken vt = p.nextToken();
                    if (child != null && vt.isScalarValue() && vt != JsonToken.VALUE_NULL) {
                        JsonLocation v = p.currentTokenLocation();
                        positions.putValue(child, v.getLineNr(), v.getColumnNr());
                    }
                    JsonNode v = value(p, vt, child, depth + 1);
                    if (!duplicate) o.set(key, v);
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    String child = pointer == null ? null : Pointers.child(pointer, i);
                    mark(child, p);
                    a.add(value(p, t, child, depth + 1));
                    i++;
                }
                return a;
            }
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT: {
                // the smallest type that holds the value (the YAML parser may report long values as BigInteger)
                java.math.BigInteger i = p.getBigIntegerValue();
                if (i.bitLength() < 32) return IntNode.valueOf(i.intValue());
                if (i.bitLength() < 64) return LongNode.valueOf(i.longValue());
                return BigIntegerNode.valueOf(i);
            }
            case VALUE_NUMBER_FLOAT:
                try {
                    return DecimalNode.valueOf(p.getDecimalValue());
                } catch (NumberFormatException | StreamReadException e) {
                    return DoubleNode.valueOf(p.getDoubleValue()); // .inf, .nan
                }
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                return o instanceof byte[] b ? BinaryNode.valueOf(b) : TextNode.valueOf(p.getText());
            }
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
        }
    }

    /** Notes where the current token, the element at {@code pointer}, was written; nothing for a null pointer. */
    private void mark(String pointer, JsonParser p) {
        if (pointer == null) return;
        JsonLocation at = p.currentTokenLocation();
        positions.put(pointer, at.getLineNr(), at.getColumnNr());
    }

    private void duplicateKey(String key, JsonLocation at, String parent) {
        String where = parent == null || parent.isEmpty() ? "the top level" : "'" + Pointers.dotted(parent) + "'";
        problems.add(Diagnostic.error(
                CODE_SYNTAX,
                new Location(file, at.getLineNr(), at.getColumnNr(), parent == null ? "" : Pointers.child(parent, key)),
                "Cannot read " + file.getFileName() + ": key " + Quoted.of(key) + " is written twice in " + where,
                "remove or rename one of them; YAML keeps only one value per key"));
    }

    private Diagnostic syntaxError(StreamReadException e) {
        int line = 0;
        int column = 0;
        String reason = e.getOriginalMessage();
        String opened = null; // where an unclosed flow list or mapping starts
        if (e.getCause() instanceof MarkedYAMLException m) {
            Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
            if (mark != null) {
                line = mark.getLine() + 1;
                column = mark.getColumn() + 1;
            }
            String ctx = m.getContext();
            reason = (ctx == null ? "" : ctx + ": ") + m.getProblem();
            Mark start = m.getContextMark();
            if (ctx != null && start != null && (ctx.contains("flow sequence") || ctx.contains("flow mapping"))) {
                opened = "close the '" + (ctx.contains("sequence") ? "[" : "{") + "' opened at line "
                        + (start.getLine() + 1) + ":" + (start.getColumn() + 1);
            }
        } else if (e.getLocation() != null) {
            line = e.getLocation().getLineNr();
            column = e.getLocation().getColumnNr();
        }
        String general = "fix the YAML syntax at this position (indentation, a missing ':' or an unclosed quote)";
        String hint;
        if (reason.contains("scanning an alias")) {
            // a bare '*' (as in environment: *) starts an alias; say so rather than blame the indentation
            reason = "a bare '*' starts an alias and no alias name follows";
            hint = "a value starting with '*' is a YAML alias; quote it, e.g. 'environment: \"*\"'";
        } else if (opened != null) {
            hint = opened + ", or fix the indentation, a missing ':' or an unclosed quote";
        } else {
            hint = general;
        }
        return Diagnostic.error(
                CODE_SYNTAX,
                new Location(file, Math.max(line, 0), Math.max(column, 0), ""),
                "Cannot read " + file.getFileName() + ": invalid YAML, " + Quoted.shown(reason.strip(), 200),
                hint);
    }
}

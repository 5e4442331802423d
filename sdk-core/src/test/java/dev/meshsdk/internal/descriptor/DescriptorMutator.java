package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutates descriptor texts for {@link DescriptorFuzzTest}, deterministically from one {@link Random}: deletes,
 * renames, duplicates and retypes keys and values (strings to numbers, lists, maps or null), nests values deeply,
 * writes unicode and huge strings, and damages the text itself. Each mutation is described in the log, so a
 * failing input can be understood without re-running it.
 */
final class DescriptorMutator {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String MARKER = "fuzz-marker-";
    /** Values the checks treat specially: wildcards, reserved roles, path tricks, ids that are almost right. */
    private static final List<String> SPECIAL = List.of(
            "*",
            "..",
            "../../etc",
            "public",
            "PUBLIC",
            "pg_monitor",
            "current_user",
            "all",
            "",
            " ",
            "~",
            "null",
            "s3://",
            "s3://Bad_Bucket/x",
            "orders v2",
            "a..b",
            "-x",
            "x;DROP TABLE y",
            "\t",
            "\u0000",
            "caf\u00e9",
            "\ud835\udd18",
            "1.0",
            "1.0.0-rc.1",
            "v3.1.0",
            "v1.0.0",
            "DataContract",
            "DataProduct",
            "library",
            "sql",
            "custom",
            "text",
            "mustBe",
            "postgres",
            "local",
            "s3",
            "redshift",
            "dev",
            "prod",
            "a".repeat(129),
            "group:analysts",
            "role:public",
            "arn:aws:iam::1:role/x");

    private final Random random;
    private final StringBuilder log = new StringBuilder();
    /**
     * Huge and deeply nested values, written into the text only after the last tree mutation: parsing and
     * writing them again for each further mutation would cost more than validating them.
     */
    private final Map<String, String> deferred = new LinkedHashMap<>();

    DescriptorMutator(Random random) {
        this.random = random;
    }

    /** What was done since the last call, and forgets it. */
    String takeLog() {
        String s = log.toString();
        log.setLength(0);
        return s;
    }

    /** One to three tree mutations, then sometimes a mutation of the text itself. */
    String mutate(String text) {
        String out = text;
        deferred.clear();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) out = mutateTree(out);
        for (Map.Entry<String, String> d : deferred.entrySet()) {
            out = out.replace("\"" + d.getKey() + "\"", d.getValue())
                    .replace("'" + d.getKey() + "'", d.getValue())
                    .replace(d.getKey(), d.getValue());
        }
        if (random.nextInt(5) == 0) out = mutateText(out);
        return out;
    }

    /** A marker for a value written into the text at the end (see {@link #deferred}). */
    private JsonNode defer(String yaml) {
        String marker = MARKER + deferred.size();
        deferred.put(marker, yaml);
        return NODES.textNode(marker);
    }

    private String mutateTree(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            return mutateText(text); // an earlier mutation broke the YAML: damage it further
        }
        if (root == null || !root.isContainerNode()) return mutateText(text);
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        if (slots.isEmpty()) return mutateText(text);
        Slot s = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(10)) {
            case 0, 1 -> {
                s.remove();
                log.append("delete ").append(s.pointer).append("; ");
            }
            case 2, 3 -> {
                JsonNode v = randomValue(0);
                s.set(v);
                log.append("retype ")
                        .append(s.pointer)
                        .append(" to ")
                        .append(describe(v))
                        .append("; ");
            }
            case 4 -> {
                if (!s.rename(typo(s.key())))
                    s.set(NODES.textNode(typo(s.value().asText())));
                log.append("typo at ").append(s.pointer).append("; ");
            }
            case 5 -> {
                String u = unicode(1 + random.nextInt(40));
                if (random.nextBoolean() && s.rename(u)) log.append("unicode key at ");
                else {
                    s.set(NODES.textNode(u));
                    log.append("unicode value at ");
                }
                log.append(s.pointer).append("; ");
            }
            case 6 -> {
                // now and then over the size limit (refused unread), else large but readable
                int size = random.nextInt(10) == 0 ? 2_200_000 : 2_000 + random.nextInt(60_000);
                s.set(defer(huge(size)));
                log.append("huge string (")
                        .append(size)
                        .append(" chars) at ")
                        .append(s.pointer)
                        .append("; ");
            }
            case 7 -> {
                // mostly within the reader's depth limit; a deep '[[[...' costs the YAML scanner ~0.1 s
                int depth = random.nextInt(5) == 0 ? 100 + random.nextInt(2000) : 5 + random.nextInt(90);
                s.set(defer(
                        random.nextBoolean()
                                ? "[".repeat(depth) + "1" + "]".repeat(depth)
                                : "{a: ".repeat(depth) + "1" + "}".repeat(depth)));
                log.append("nesting depth ")
                        .append(depth)
                        .append(" at ")
                        .append(s.pointer)
                        .append("; ");
            }
            case 8 -> {
                Slot other = slots.get(random.nextInt(slots.size()));
                s.set(other.value().deepCopy());
                log.append("copy ")
                        .append(other.pointer)
                        .append(" to ")
                        .append(s.pointer)
                        .append("; ");
            }
            default -> {
                String v = SPECIAL.get(random.nextInt(SPECIAL.size()));
                s.set(NODES.textNode(v));
                log.append("special value '")
                        .append(v.length() > 20 ? v.substring(0, 20) + "..." : v)
                        .append("' at ")
                        .append(s.pointer)
                        .append("; ");
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            return mutateText(text); // nested deeper than the writer allows, after an earlier deep mutation
        }
    }

    /** Damages the text: a line deleted or duplicated (a duplicate key), the text cut, stray characters or bytes. */
    String mutateText(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(Math.max(1, lines.size()));
        switch (random.nextInt(6)) {
            case 0 -> {
                if (!lines.isEmpty()) lines.remove(at);
                log.append("delete line ").append(at + 1).append("; ");
            }
            case 1 -> {
                if (!lines.isEmpty()) lines.add(at, lines.get(at));
                log.append("duplicate line ").append(at + 1).append("; ");
            }
            case 2 -> {
                int cut = random.nextInt(Math.max(1, text.length()));
                log.append("cut at ").append(cut).append("; ");
                return text.substring(0, cut);
            }
            case 3 -> {
                String[] stray = {
                    ":",
                    "- ",
                    "\t",
                    "&a ",
                    "*a ",
                    "!!binary ",
                    "% ",
                    "{",
                    "[",
                    "'",
                    "\"",
                    "? ",
                    "|",
                    "#",
                    "<<: *a",
                    "!!python/object:x ",
                    "\r",
                    "\u2028",
                    "\ufeff"
                };
                String s = stray[random.nextInt(stray.length)];
                String line = lines.isEmpty() ? "" : lines.get(at);
                int pos = random.nextInt(line.length() + 1);
                if (!lines.isEmpty()) lines.set(at, line.substring(0, pos) + s + line.substring(pos));
                log.append("insert '")
                        .append(s.strip())
                        .append("' in line ")
                        .append(at + 1)
                        .append("; ");
            }
            case 4 -> {
                if (!lines.isEmpty())
                    lines.set(at, "  ".repeat(random.nextInt(4)) + lines.get(at).strip());
                log.append("re-indent line ").append(at + 1).append("; ");
            }
            default -> {
                log.append("invalid UTF-8 in line ").append(at + 1).append("; ");
                return String.join("\n", lines) + RAW_BYTES_MARKER;
            }
        }
        return String.join("\n", lines);
    }

    /** Marks a text whose bytes must end in invalid UTF-8; see {@link #bytes}. */
    private static final String RAW_BYTES_MARKER = "\u0000raw-bytes\u0000";

    /** The bytes to write for a mutated text (invalid UTF-8 where {@link #mutateText} asked for it). */
    static byte[] bytes(String text) {
        if (!text.endsWith(RAW_BYTES_MARKER)) return text.getBytes(StandardCharsets.UTF_8);
        byte[] head =
                text.substring(0, text.length() - RAW_BYTES_MARKER.length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 4];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xC3;
        out[head.length + 1] = (byte) 0x28;
        out[head.length + 2] = (byte) 0xFF;
        out[head.length + 3] = (byte) 0xFE;
        return out;
    }

    private JsonNode randomValue(int depth) {
        int pick = random.nextInt(depth > 2 ? 10 : 14);
        return switch (pick) {
            case 0 -> NODES.numberNode(random.nextInt(2000) - 1000);
            case 1 -> NODES.numberNode(Long.MAX_VALUE);
            case 2 -> NODES.numberNode(new BigInteger("1" + "0".repeat(40)));
            case 3 -> NODES.numberNode(new BigDecimal("-1.50"));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.textNode(SPECIAL.get(random.nextInt(SPECIAL.size())));
            case 7 -> NODES.textNode(unicode(1 + random.nextInt(8)));
            case 8 -> NODES.arrayNode();
            case 9 -> NODES.objectNode();
            case 10, 11 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(3); i >= 0; i--) a.add(randomValue(depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(3); i >= 0; i--) o.set(typo("key"), randomValue(depth + 1));
                yield o;
            }
        };
    }

    private String typo(String word) {
        if (word == null || word.isEmpty()) return "x";
        StringBuilder b = new StringBuilder(word);
        int i = random.nextInt(b.length());
        switch (random.nextInt(4)) {
            case 0 ->
                b.setCharAt(
                        i,
                        Character.isUpperCase(b.charAt(i))
                                ? Character.toLowerCase(b.charAt(i))
                                : Character.toUpperCase(b.charAt(i)));
            case 1 -> b.deleteCharAt(i);
            case 2 -> b.insert(i, (char) ('a' + random.nextInt(26)));
            default -> {
                if (b.length() > 1 && i + 1 < b.length()) {
                    char c = b.charAt(i);
                    b.setCharAt(i, b.charAt(i + 1));
                    b.setCharAt(i + 1, c);
                } else {
                    b.append('s');
                }
            }
        }
        return b.toString();
    }

    /** Code points from many planes: controls, accents, right-to-left, combining marks, emoji, private use. */
    private String unicode(int length) {
        int[][] ranges = {
            {0x1, 0x1f},
            {0x20, 0x7e},
            {0xa0, 0x24f},
            {0x300, 0x36f},
            {0x590, 0x6ff},
            {0x200b, 0x200f},
            {0x2028, 0x2029},
            {0x4e00, 0x4eff},
            {0xe000, 0xe0ff},
            {0xfff0, 0xfffd},
            {0x1f300, 0x1f6ff},
            {0x10000, 0x1007f}
        };
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] r = ranges[random.nextInt(ranges.length)];
            b.appendCodePoint(r[0] + random.nextInt(r[1] - r[0] + 1));
        }
        return b.toString();
    }

    /** A YAML scalar of about {@code size} characters: plain, or double-quoted with escaped line breaks. */
    private String huge(int size) {
        boolean plain = random.nextBoolean();
        String unit = plain ? "abcdefghij" : "a: b\\n- c ";
        StringBuilder b = new StringBuilder(size + 2);
        if (!plain) b.append('"');
        while (b.length() < size) b.append(unit);
        if (!plain) b.append('"');
        return b.toString();
    }

    private static String describe(JsonNode v) {
        String s = v.toString();
        return v.getNodeType().name().toLowerCase() + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }

    private static void collect(JsonNode node, String pointer, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                String p = pointer + "/" + k;
                out.add(new Slot((ObjectNode) node, k, -1, p));
                collect(node.get(k), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = pointer + "/" + i;
                out.add(new Slot((ArrayNode) node, null, i, p));
                collect(node.get(i), p, out);
            }
        }
    }

    /** A place in the tree: a member of an object (key) or an element of an array (index). */
    private static final class Slot {
        private final JsonNode parent;
        private final String key;
        private final int index;
        private final String pointer;

        Slot(JsonNode parent, String key, int index, String pointer) {
            this.parent = parent;
            this.key = key;
            this.index = index;
            this.pointer = pointer;
        }

        String key() {
            return key;
        }

        JsonNode value() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode v) {
            if (key != null) ((ObjectNode) parent).set(key, v);
            else if (index < parent.size()) ((ArrayNode) parent).set(index, v);
        }

        void remove() {
            if (key != null) ((ObjectNode) parent).remove(key);
            else if (index < parent.size()) ((ArrayNode) parent).remove(index);
        }

        /** Renames an object member in place (keeping its position); false for an array element. */
        boolean rename(String to) {
            if (key == null || !parent.has(key) || parent.has(to)) return false;
            ObjectNode o = (ObjectNode) parent;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            List<JsonNode> values = new ArrayList<>();
            for (String k : keys) values.add(o.get(k));
            o.removeAll();
            for (int i = 0; i < keys.size(); i++) o.set(keys.get(i).equals(key) ? to : keys.get(i), values.get(i));
            return true;
        }
    }
}

package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A quick walk of a document over the raw tree of an official schema that answers one question: is the document
 * certainly valid? It knows the keywords the vendored ODPS and ODCS schemas use (Draft 2019-09, formats as
 * annotations, as {@link SchemaCatalog} configures the full validator) and gives up on anything else, on numbers
 * it cannot compare exactly and on properties whose evaluation the full validator might count differently. A
 * document it passes has no schema problem; any other goes to the full validator, which words the problems.
 *
 * <p>Why: compiling the official schemas with the full validator, and its first validations, cost a fresh JVM
 * (a user's {@code mvn mesh:validate}) seconds of CPU time; a valid project never needs them. Thread-safe.
 */
final class SchemaPrecheck {
    /** Draft 2019-09 keywords this check does not evaluate: a schema using one is left to the full validator. */
    private static final Set<String> UNKNOWN_SEMANTICS = Set.of(
            "$id",
            "$anchor",
            "$recursiveRef",
            "$recursiveAnchor",
            "$vocabulary",
            "patternProperties",
            "dependentSchemas",
            "dependentRequired",
            "dependencies",
            "propertyNames",
            "contains",
            "maxContains",
            "minContains",
            "additionalItems",
            "unevaluatedItems",
            "maxLength",
            "minLength",
            "maximum",
            "exclusiveMaximum",
            "multipleOf",
            "maxProperties",
            "minProperties");

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    /** Stands in {@link #PATTERNS} for a text Java cannot read as a regular expression. */
    private static final Pattern NO_PATTERN = Pattern.compile("");

    private final JsonNode root;
    private final Node compiled;
    /** The subschemas {@code $ref}s point to, compiled, by reference. */
    private final Map<String, Node> refs = new ConcurrentHashMap<>();

    /** @param root the raw tree of one official schema */
    SchemaPrecheck(JsonNode root) {
        this.root = root;
        this.compiled = compile(root);
    }

    /** True only when {@code document} is certainly valid under this schema. */
    boolean certainlyValid(JsonNode document) {
        try {
            return compiled.test(document, null);
        } catch (Unsure e) {
            return false;
        }
    }

    /** Thrown where the answer could differ from the full validator's; stops the whole check. */
    private static final class Unsure extends RuntimeException {
        private static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    /**
     * The properties of one object that subschemas evaluated, for {@code unevaluatedProperties}: {@code sure} as
     * the specification and the full validator both count them, {@code maybe} from subschemas whose annotations
     * a validator may keep or drop (a failed branch, an {@code if}, a second passing {@code anyOf} branch).
     */
    private static final class Seen {
        // made when first needed: most subschemas evaluate no property of the object (a fresh JVM allocated
        // hundreds of megabytes of empty sets here)
        private Set<String> sure;
        private Set<String> maybe;

        boolean isSure(String key) {
            return sure != null && sure.contains(key);
        }

        boolean isMaybe(String key) {
            return maybe != null && maybe.contains(key);
        }

        void sure(String key) {
            if (sure == null) sure = new HashSet<>();
            sure.add(key);
        }

        /** A passing subschema's properties; {@code child} is not used afterwards. */
        void keep(Seen child) {
            sure = union(sure, child.sure);
            maybe = union(maybe, child.maybe);
        }

        /** The properties of a subschema whose annotations may be dropped; {@code child} is not used afterwards. */
        void doubt(Seen child) {
            maybe = union(union(maybe, child.sure), child.maybe);
        }

        private static Set<String> union(Set<String> into, Set<String> more) {
            if (more == null || more.isEmpty()) return into;
            if (into == null) return more; // the child's set, which nothing else holds
            into.addAll(more);
            return into;
        }
    }

    /*
     * A schema is compiled once into nodes, one per keyword that is checked (annotations are left out), in the order
     * the keywords are written; a {@code $ref} is resolved and compiled when first followed. Each node is a small
     * class of its own: a fresh JVM interprets this walk for thousands of documents and then compiles it, and small
     * methods behind a virtual call keep both cheap (one method over every keyword took the C2 compiler seconds).
     */

    /**
     * One compiled schema or keyword: whether {@code node} passes; the properties it evaluated go to {@code seen},
     * which is null where no {@code unevaluatedProperties} at this place needs them.
     */
    private abstract static class Node {
        abstract boolean test(JsonNode node, Seen seen);
    }

    private Node compile(JsonNode schema) {
        if (schema.isBoolean()) return schema.booleanValue() ? Always.TRUE : Always.FALSE;
        if (!schema.isObject()) return Leaf.UNSURE;
        List<Node> keywords = new ArrayList<>();
        Node unevaluated = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("unevaluatedProperties")) {
                unevaluated = compile(e.getValue());
            } else {
                Node k = keyword(schema, e.getKey(), e.getValue());
                if (k != null) keywords.add(k);
            }
        }
        return new ObjectSchema(keywords.toArray(new Node[0]), unevaluated);
    }

    /** The node that checks one keyword of {@code schema}; null for an annotation (or one checked elsewhere). */
    private Node keyword(JsonNode schema, String keyword, JsonNode value) {
        switch (keyword) {
            case "$ref":
                return new Ref(value.isTextual() ? value.textValue() : "");
            case "properties": {
                Map<String, Node> properties = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    properties.put(p.getKey(), compile(p.getValue()));
                }
                return new Properties(properties);
            }
            case "additionalProperties": {
                Set<String> declared = new HashSet<>();
                JsonNode properties = schema.get("properties");
                if (properties != null) properties.fieldNames().forEachRemaining(declared::add);
                return new AdditionalProperties(declared, compile(value));
            }
            case "items":
                return new Items(value.isArray() ? null : compile(value));
            case "allOf":
                return new AllOf(all(value));
            case "anyOf":
                return new AnyOf(all(value));
            case "oneOf":
                return new OneOf(all(value));
            case "not":
                return new Not(compile(value));
            case "if": {
                JsonNode then = schema.get("then");
                JsonNode otherwise = schema.get("else");
                return new IfThenElse(
                        compile(value),
                        then == null ? null : compile(then),
                        otherwise == null ? null : compile(otherwise));
            }
            case "then", "else":
                return null; // checked with their 'if'
            case "type",
                    "required",
                    "enum",
                    "const",
                    "pattern",
                    "minimum",
                    "exclusiveMinimum",
                    "minItems",
                    "maxItems",
                    "uniqueItems":
                return leaf(keyword, value);
            default:
                if (UNKNOWN_SEMANTICS.contains(keyword)) return Leaf.UNSURE;
                // an annotation (title, description, format, $defs, ...) or an unknown keyword, which the full
                // validator is configured to treat as one
                return null;
        }
    }

    private Node[] all(JsonNode schemas) {
        List<Node> out = new ArrayList<>();
        for (JsonNode sub : schemas) out.add(compile(sub));
        return out.toArray(new Node[0]);
    }

    /** A subschema at the same place: its evaluated properties count when it passes. */
    private static boolean applied(Node sub, JsonNode node, Seen seen) {
        if (seen == null) return sub.test(node, null);
        Seen child = new Seen();
        boolean valid = sub.test(node, child);
        if (valid) seen.keep(child);
        else seen.doubt(child);
        return valid;
    }

    private static final class Always extends Node {
        static final Always TRUE = new Always(true);
        static final Always FALSE = new Always(false);
        private final boolean valid;

        private Always(boolean valid) {
            this.valid = valid;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            return valid;
        }
    }

    /** A schema object: its keywords in turn, then {@code unevaluatedProperties} (null when it has none). */
    private static final class ObjectSchema extends Node {
        private final Node[] keywords;
        private final Node unevaluated;

        ObjectSchema(Node[] keywords, Node unevaluated) {
            this.keywords = keywords;
            this.unevaluated = unevaluated;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (seen == null && node.isObject() && unevaluated != null) seen = new Seen();
            for (Node k : keywords) {
                if (!k.test(node, seen)) return false;
            }
            return unevaluated == null || unevaluatedProperties(node, seen);
        }

        private boolean unevaluatedProperties(JsonNode node, Seen seen) {
            if (!node.isObject()) return true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (seen.isSure(f.getKey())) continue;
                boolean valid = unevaluated.test(f.getValue(), null);
                if (!valid && seen.isMaybe(f.getKey())) throw Unsure.INSTANCE;
                if (!valid) return false;
                seen.sure(f.getKey());
            }
            return true;
        }
    }

    private final class Ref extends Node {
        private final String reference;
        /** The compiled target once followed (every thread resolves to the same node). */
        private volatile Node target;

        Ref(String reference) {
            this.reference = reference;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            Node t = target;
            if (t == null) target = t = resolve(reference);
            return applied(t, node, seen);
        }
    }

    private Node resolve(String text) {
        Node target = refs.get(text);
        if (target != null) return target;
        if (!text.startsWith("#") || text.indexOf('%') >= 0) throw Unsure.INSTANCE;
        JsonNode raw = root.at(text.substring(1));
        if (raw.isMissingNode()) throw Unsure.INSTANCE;
        target = compile(raw);
        Node earlier = refs.putIfAbsent(text, target);
        return earlier == null ? target : earlier;
    }

    private static final class Properties extends Node {
        private final Map<String, Node> properties;

        Properties(Map<String, Node> properties) {
            this.properties = properties;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (!node.isObject()) return true;
            // a document's object has fewer fields than its schema declares
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                Node sub = properties.get(f.getKey());
                if (sub == null) continue;
                if (!sub.test(f.getValue(), null)) return false;
                if (seen != null) seen.sure(f.getKey());
            }
            return true;
        }
    }

    private static final class AdditionalProperties extends Node {
        private final Set<String> declared;
        private final Node additional;

        AdditionalProperties(Set<String> declared, Node additional) {
            this.declared = declared;
            this.additional = additional;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (!node.isObject()) return true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (declared.contains(f.getKey())) continue;
                if (!additional.test(f.getValue(), null)) return false;
                if (seen != null) seen.sure(f.getKey());
            }
            return true;
        }
    }

    /** {@code items} with one schema for every item; null for a tuple's schemas, which this check leaves alone. */
    private static final class Items extends Node {
        private final Node item;

        Items(Node item) {
            this.item = item;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (!node.isArray()) return true;
            if (item == null) throw Unsure.INSTANCE;
            for (JsonNode i : node) {
                if (!item.test(i, null)) return false;
            }
            return true;
        }
    }

    private static final class AllOf extends Node {
        private final Node[] branches;

        AllOf(Node[] branches) {
            this.branches = branches;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            for (Node sub : branches) {
                if (!applied(sub, node, seen)) return false;
            }
            return true;
        }
    }

    private static final class AnyOf extends Node {
        private final Node[] branches;

        AnyOf(Node[] branches) {
            this.branches = branches;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            boolean any = false;
            for (Node sub : branches) {
                Seen child = seen == null ? null : new Seen();
                boolean valid = sub.test(node, child);
                if (seen != null && valid && !any) seen.keep(child);
                else if (seen != null) seen.doubt(child);
                any |= valid;
            }
            return any;
        }
    }

    private static final class OneOf extends Node {
        private final Node[] branches;

        OneOf(Node[] branches) {
            this.branches = branches;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            int passed = 0;
            Seen winner = null;
            for (Node sub : branches) {
                Seen child = seen == null ? null : new Seen();
                if (sub.test(node, child)) {
                    passed++;
                    winner = child;
                } else if (seen != null) {
                    seen.doubt(child);
                }
            }
            if (passed != 1) return false;
            if (seen != null) seen.keep(winner);
            return true;
        }
    }

    private static final class Not extends Node {
        private final Node schema;

        Not(Node schema) {
            this.schema = schema;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            Seen child = seen == null ? null : new Seen();
            boolean valid = schema.test(node, child);
            if (seen != null) seen.doubt(child);
            return !valid;
        }
    }

    /** {@code if} with its {@code then} and {@code else}, either null when not written. */
    private static final class IfThenElse extends Node {
        private final Node condition;
        private final Node then;
        private final Node otherwise;

        IfThenElse(Node condition, Node then, Node otherwise) {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            Seen child = seen == null ? null : new Seen();
            boolean holds = condition.test(node, child);
            if (seen != null) seen.doubt(child);
            Node branch = holds ? then : otherwise;
            return branch == null || applied(branch, node, seen);
        }
    }

    /**
     * A keyword on the value itself, with no subschema, compiled into a node of its own kind (so a test does not pick
     * its keyword again on every value); {@link Leaf#UNSURE} for one this check does not evaluate.
     */
    private static Node leaf(String keyword, JsonNode value) {
        return switch (keyword) {
            case "type" -> Type.of(value);
            case "required" -> new Required(value);
            case "enum" -> new Allowed(value);
            case "const" -> new Const(value);
            case "pattern" -> new Matches(value);
            case "minimum" -> new Minimum(value, false);
            case "exclusiveMinimum" -> new Minimum(value, true);
            case "minItems" -> new ItemCount(value, false);
            case "maxItems" -> new ItemCount(value, true);
            case "uniqueItems" -> value.asBoolean(false) ? new UniqueItems() : null;
            default -> Leaf.UNSURE;
        };
    }

    /** A keyword this check does not evaluate: a document reaching it is left to the full validator. */
    private static final class Leaf extends Node {
        static final Leaf UNSURE = new Leaf();

        @Override
        boolean test(JsonNode node, Seen seen) {
            throw Unsure.INSTANCE;
        }
    }

    /** {@code type}: the JSON types allowed, as bits. */
    private static final class Type extends Node {
        private static final int OBJECT = 1, ARRAY = 2, STRING = 4, NUMBER = 8, INTEGER = 16, BOOLEAN = 32, NULL = 64;
        private final int allowed;

        private Type(int allowed) {
            this.allowed = allowed;
        }

        static Node of(JsonNode type) {
            if (type.isTextual()) return of(List.of(type));
            if (!type.isArray()) return Leaf.UNSURE;
            List<JsonNode> names = new ArrayList<>();
            type.forEach(names::add);
            return of(names);
        }

        private static Node of(List<JsonNode> names) {
            int allowed = 0;
            for (JsonNode name : names) {
                int bit = !name.isTextual()
                        ? 0
                        : switch (name.textValue()) {
                            case "object" -> OBJECT;
                            case "array" -> ARRAY;
                            case "string" -> STRING;
                            case "number" -> NUMBER;
                            case "integer" -> INTEGER;
                            case "boolean" -> BOOLEAN;
                            case "null" -> NULL;
                            default -> 0;
                        };
                if (bit == 0) return Leaf.UNSURE;
                allowed |= bit;
            }
            return new Type(allowed);
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            switch (node.getNodeType()) {
                case OBJECT:
                    return (allowed & OBJECT) != 0;
                case ARRAY:
                    return (allowed & ARRAY) != 0;
                case STRING:
                    return (allowed & STRING) != 0;
                case BOOLEAN:
                    return (allowed & BOOLEAN) != 0;
                case NULL:
                    return (allowed & NULL) != 0;
                case NUMBER:
                    if ((allowed & NUMBER) != 0 || (allowed & INTEGER) != 0 && node.isIntegralNumber()) return true;
                    if ((allowed & INTEGER) != 0) throw Unsure.INSTANCE; // 1.0 counts as an integer for some
                    return false;
                default:
                    throw Unsure.INSTANCE; // binary and other values the YAML reader rarely makes
            }
        }
    }

    /** {@code required}: the names an object must have (null when one of them is not a text). */
    private static final class Required extends Node {
        private final String[] names;

        Required(JsonNode value) {
            List<String> names = new ArrayList<>();
            for (JsonNode name : value) names.add(name.isTextual() ? name.textValue() : null);
            this.names = names.contains(null) ? null : names.toArray(new String[0]);
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (!node.isObject()) return true;
            if (names == null) throw Unsure.INSTANCE;
            for (String name : names) {
                if (!node.has(name)) return false;
            }
            return true;
        }
    }

    /** {@code enum}. */
    private static final class Allowed extends Node {
        private final JsonNode allowed;

        Allowed(JsonNode allowed) {
            this.allowed = allowed;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            for (JsonNode a : allowed) {
                if (same(a, node)) return true;
            }
            return false;
        }
    }

    private static final class Const extends Node {
        private final JsonNode value;

        Const(JsonNode value) {
            this.value = value;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            return same(value, node);
        }
    }

    /** {@code pattern}, compiled once (null when it is not a text or not a regular expression Java reads). */
    private static final class Matches extends Node {
        private final Pattern pattern;

        Matches(JsonNode regex) {
            this.pattern = pattern(regex);
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (!node.isTextual()) return true;
            if (pattern == null) throw Unsure.INSTANCE;
            return pattern.matcher(node.textValue()).find();
        }
    }

    private static final class Minimum extends Node {
        private final JsonNode limit;
        private final boolean exclusive;

        Minimum(JsonNode limit, boolean exclusive) {
            this.limit = limit;
            this.exclusive = exclusive;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (!node.isNumber()) return true;
            int c = compare(node, limit);
            return exclusive ? c > 0 : c >= 0;
        }
    }

    private static final class ItemCount extends Node {
        private final JsonNode limit;
        private final boolean most;

        ItemCount(JsonNode limit, boolean most) {
            this.limit = limit;
            this.most = most;
        }

        @Override
        boolean test(JsonNode node, Seen seen) {
            if (!node.isArray()) return true;
            return most ? node.size() <= count(limit) : node.size() >= count(limit);
        }
    }

    private static final class UniqueItems extends Node {
        @Override
        boolean test(JsonNode node, Seen seen) {
            return !node.isArray() || unique(node);
        }
    }

    /** JSON equality; numbers compare only when both are integers (is 1.0 equal to 1? validators differ). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() || b.isNumber()) {
            if (!a.isNumber() || !b.isNumber()) return false;
            if (a.isIntegralNumber() && b.isIntegralNumber())
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            throw Unsure.INSTANCE;
        }
        if (a.getNodeType() != b.getNodeType()) {
            if (!(a.isValueNode() || a.isContainerNode()) || !(b.isValueNode() || b.isContainerNode())) {
                throw Unsure.INSTANCE;
            }
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) return false;
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = b.get(f.getKey());
                if (other == null || !same(f.getValue(), other)) return false;
            }
            return true;
        }
        if (a.isTextual() || a.isBoolean() || a.isNull()) return a.equals(b);
        throw Unsure.INSTANCE;
    }

    private static boolean unique(JsonNode array) {
        for (int i = 0; i < array.size(); i++) {
            for (int j = i + 1; j < array.size(); j++) {
                if (same(array.get(i), array.get(j))) return false;
            }
        }
        return true;
    }

    private static int compare(JsonNode number, JsonNode limit) {
        if (!limit.isNumber() || !finite(number) || !finite(limit)) throw Unsure.INSTANCE;
        return number.decimalValue().compareTo(limit.decimalValue());
    }

    private static boolean finite(JsonNode n) {
        return !(n.isDouble() || n.isFloat()) || Double.isFinite(n.doubleValue());
    }

    private static int count(JsonNode limit) {
        if (!limit.isIntegralNumber() || !limit.canConvertToInt()) throw Unsure.INSTANCE;
        return limit.intValue();
    }

    /** The regular expression, compiled once per text; null when it is not a text or Java cannot read it. */
    private static Pattern pattern(JsonNode regex) {
        if (!regex.isTextual()) return null;
        Pattern p = PATTERNS.computeIfAbsent(regex.textValue(), r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return NO_PATTERN;
            }
        });
        return p == NO_PATTERN ? null : p;
    }
}

package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
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

    private final JsonNode root;
    /** The subschemas {@code $ref}s point to, by reference. */
    private final Map<String, JsonNode> refs = new ConcurrentHashMap<>();

    /** @param root the raw tree of one official schema */
    SchemaPrecheck(JsonNode root) {
        this.root = root;
    }

    /** True only when {@code document} is certainly valid under this schema. */
    boolean certainlyValid(JsonNode document) {
        try {
            return check(root, document, null);
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
        final Set<String> sure = new HashSet<>();
        final Set<String> maybe = new HashSet<>();

        void keep(Seen child) {
            sure.addAll(child.sure);
            maybe.addAll(child.maybe);
        }

        void doubt(Seen child) {
            maybe.addAll(child.sure);
            maybe.addAll(child.maybe);
        }
    }

    /**
     * Whether {@code node} passes {@code schema}; the properties this schema evaluated go to {@code seen}, which
     * is null where no {@code unevaluatedProperties} at this place needs them.
     */
    private boolean check(JsonNode schema, JsonNode node, Seen seen) {
        if (schema.isBoolean()) return schema.booleanValue();
        if (!schema.isObject()) throw Unsure.INSTANCE;
        if (seen == null && node.isObject() && schema.has("unevaluatedProperties")) seen = new Seen();
        JsonNode unevaluated = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String keyword = e.getKey();
            JsonNode value = e.getValue();
            if (keyword.equals("unevaluatedProperties")) {
                unevaluated = value;
            } else if (!keyword(schema, keyword, value, node, seen)) {
                return false;
            }
        }
        return unevaluated == null || unevaluatedProperties(unevaluated, node, seen);
    }

    private boolean keyword(JsonNode schema, String keyword, JsonNode value, JsonNode node, Seen seen) {
        switch (keyword) {
            case "$ref":
                return applied(resolve(value), node, seen);
            case "type":
                return type(value, node);
            case "properties":
                return properties(value, node, seen);
            case "additionalProperties":
                return additionalProperties(schema, value, node, seen);
            case "required":
                if (!node.isObject()) return true;
                for (JsonNode name : value) {
                    if (!name.isTextual()) throw Unsure.INSTANCE;
                    if (!node.has(name.textValue())) return false;
                }
                return true;
            case "enum":
                for (JsonNode allowed : value) {
                    if (same(allowed, node)) return true;
                }
                return false;
            case "const":
                return same(value, node);
            case "pattern":
                return !node.isTextual()
                        || pattern(value).matcher(node.textValue()).find();
            case "minimum":
                return !node.isNumber() || compare(node, value) >= 0;
            case "exclusiveMinimum":
                return !node.isNumber() || compare(node, value) > 0;
            case "minItems":
                return !node.isArray() || node.size() >= count(value);
            case "maxItems":
                return !node.isArray() || node.size() <= count(value);
            case "uniqueItems":
                return !node.isArray() || !value.asBoolean(false) || unique(node);
            case "items":
                if (!node.isArray()) return true;
                if (value.isArray()) throw Unsure.INSTANCE;
                for (JsonNode item : node) {
                    if (!check(value, item, null)) return false;
                }
                return true;
            case "allOf":
                for (JsonNode sub : value) {
                    if (!applied(sub, node, seen)) return false;
                }
                return true;
            case "anyOf":
                return anyOf(value, node, seen);
            case "oneOf":
                return oneOf(value, node, seen);
            case "not": {
                Seen child = seen == null ? null : new Seen();
                boolean valid = check(value, node, child);
                if (seen != null) seen.doubt(child);
                return !valid;
            }
            case "if":
                return ifThenElse(schema, value, node, seen);
            case "then", "else":
                return true; // evaluated with their 'if'
            default:
                if (UNKNOWN_SEMANTICS.contains(keyword)) throw Unsure.INSTANCE;
                // an annotation (title, description, format, $defs, ...) or an unknown keyword, which the full
                // validator is configured to treat as one
                return true;
        }
    }

    /** A subschema at the same place: its evaluated properties count when it passes. */
    private boolean applied(JsonNode sub, JsonNode node, Seen seen) {
        if (seen == null) return check(sub, node, null);
        Seen child = new Seen();
        boolean valid = check(sub, node, child);
        if (valid) seen.keep(child);
        else seen.doubt(child);
        return valid;
    }

    private boolean anyOf(JsonNode branches, JsonNode node, Seen seen) {
        boolean any = false;
        for (JsonNode sub : branches) {
            Seen child = seen == null ? null : new Seen();
            boolean valid = check(sub, node, child);
            if (seen != null && valid && !any) seen.keep(child);
            else if (seen != null) seen.doubt(child);
            any |= valid;
        }
        return any;
    }

    private boolean oneOf(JsonNode branches, JsonNode node, Seen seen) {
        int passed = 0;
        Seen winner = null;
        for (JsonNode sub : branches) {
            Seen child = seen == null ? null : new Seen();
            if (check(sub, node, child)) {
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

    private boolean ifThenElse(JsonNode schema, JsonNode condition, JsonNode node, Seen seen) {
        Seen child = seen == null ? null : new Seen();
        boolean holds = check(condition, node, child);
        if (seen != null) seen.doubt(child);
        JsonNode branch = schema.get(holds ? "then" : "else");
        return branch == null || applied(branch, node, seen);
    }

    private boolean properties(JsonNode properties, JsonNode node, Seen seen) {
        if (!node.isObject()) return true;
        // a document's object has fewer fields than its schema declares
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode sub = properties.get(f.getKey());
            if (sub == null) continue;
            if (!check(sub, f.getValue(), null)) return false;
            if (seen != null) seen.sure.add(f.getKey());
        }
        return true;
    }

    private boolean additionalProperties(JsonNode schema, JsonNode additional, JsonNode node, Seen seen) {
        if (!node.isObject()) return true;
        JsonNode declared = schema.get("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (declared != null && declared.has(f.getKey())) continue;
            if (!check(additional, f.getValue(), null)) return false;
            if (seen != null) seen.sure.add(f.getKey());
        }
        return true;
    }

    private boolean unevaluatedProperties(JsonNode unevaluated, JsonNode node, Seen seen) {
        if (!node.isObject()) return true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (seen.sure.contains(f.getKey())) continue;
            boolean valid = check(unevaluated, f.getValue(), null);
            if (!valid && seen.maybe.contains(f.getKey())) throw Unsure.INSTANCE;
            if (!valid) return false;
            seen.sure.add(f.getKey());
        }
        return true;
    }

    private JsonNode resolve(JsonNode ref) {
        String text = ref.isTextual() ? ref.textValue() : "";
        JsonNode target = refs.get(text);
        if (target != null) return target;
        if (!text.startsWith("#") || text.indexOf('%') >= 0) throw Unsure.INSTANCE;
        target = root.at(text.substring(1));
        if (target.isMissingNode()) throw Unsure.INSTANCE;
        refs.put(text, target);
        return target;
    }

    private static boolean type(JsonNode type, JsonNode node) {
        if (type.isTextual()) return isOfType(type.textValue(), node);
        if (!type.isArray()) throw Unsure.INSTANCE;
        for (JsonNode t : type) {
            if (!t.isTextual()) throw Unsure.INSTANCE;
            if (isOfType(t.textValue(), node)) return true;
        }
        return false;
    }

    private static boolean isOfType(String type, JsonNode node) {
        if (!(node.isContainerNode() || node.isTextual() || node.isNumber() || node.isBoolean() || node.isNull())) {
            throw Unsure.INSTANCE; // binary and other values the YAML reader rarely makes
        }
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "number" -> node.isNumber();
            case "integer" -> {
                if (node.isIntegralNumber()) yield true;
                if (node.isNumber()) throw Unsure.INSTANCE; // 1.0 counts as an integer for some validators
                yield false;
            }
            case "boolean" -> node.isBoolean();
            case "null" -> node.isNull();
            default -> throw Unsure.INSTANCE;
        };
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

    private static Pattern pattern(JsonNode regex) {
        if (!regex.isTextual()) throw Unsure.INSTANCE;
        return PATTERNS.computeIfAbsent(regex.textValue(), r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw Unsure.INSTANCE;
            }
        });
    }
}

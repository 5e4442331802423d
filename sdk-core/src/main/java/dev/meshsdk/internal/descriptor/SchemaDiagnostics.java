package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.meshsdk.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Words JSON Schema errors for a data engineer: unknown fields with the closest known field, enum
 * values with the allowed ones and the closest, missing required fields, wrong types. Each is located
 * at the element it concerns.
 */
final class SchemaDiagnostics {
    static final String CODE = "MESH-SCHEMA";
    /** The most of a validator's own message shown; it may quote the document's values. */
    private static final int MAX_TEXT = 200;

    private SchemaDiagnostics() {}

    static List<Diagnostic> map(
            Collection<ValidationMessage> messages, ParsedDocument doc, String noun, SchemaCatalog.Entry schema) {
        CombinatorBranches.Selection selection = CombinatorBranches.select(messages);
        Set<String> seen = new LinkedHashSet<>();
        List<Diagnostic> out = new ArrayList<>();
        for (ValidationMessage m : selection.messages()) {
            Diagnostic d = diagnostic(m, doc, noun, schema);
            if (d == null) continue;
            if (seen.add(d.location().pointer() + "|" + d.message())) out.add(d);
        }
        for (CombinatorBranches.Alternatives a : selection.alternatives()) out.add(alternatives(a, doc, noun));
        return out;
    }

    /** A failed oneOf/anyOf whose branches each want one key, or one JSON type, in one sentence. */
    private static Diagnostic alternatives(CombinatorBranches.Alternatives a, ParsedDocument doc, String noun) {
        String owner = a.at().isEmpty() ? "the document" : "'" + Pointers.dotted(a.at()) + "'";
        String message;
        String hint;
        if (a.missing()) {
            message = owner + " needs " + (a.oneOf() ? "one of the fields " : "at least one of the fields ")
                    + String.join(", ", a.options());
            hint = a.oneOf() ? "add exactly one of them" : "add one of them";
        } else {
            List<String> types = a.options();
            message = owner + " is " + JsonTypes.describe(a.found()) + ", not "
                    + (types.size() == 1
                            ? types.get(0)
                            : String.join(", ", types.subList(0, types.size() - 1)) + " or "
                                    + types.get(types.size() - 1));
            hint = null;
        }
        return Diagnostic.error(
                CODE, doc.positions().locate(doc.file(), a.at()), "Cannot read " + noun + ": " + message, hint);
    }

    private static Diagnostic diagnostic(
            ValidationMessage m, ParsedDocument doc, String noun, SchemaCatalog.Entry schema) {
        String at = m.getInstanceLocation().toString();
        String where = Pointers.dotted(at);
        String prefix = "Cannot read " + noun + ": ";
        switch (m.getType()) {
            case "additionalProperties", "unevaluatedProperties": {
                String key = m.getProperty();
                String pointer = Pointers.child(at, key);
                Set<String> known = knownKeys(
                        schema.raw(), m.getSchemaLocation().getFragment().toString());
                // the validator drops the annotations of failing branches, so a key of a branch that has
                // another error looks unevaluated; that other error is the one to report
                if (known.contains(key)) return null;
                String guess = Suggestions.closest(key, known);
                String hint = guess != null
                        ? "perhaps you meant '" + guess + "'"
                        : "remove it, or keep extra information under 'customProperties'";
                String owner = at.isEmpty() ? "the document" : "property '" + where + "'";
                return Diagnostic.error(
                        CODE,
                        doc.positions().locateKey(doc.file(), pointer),
                        prefix + owner + " has unknown field " + Quoted.of(key),
                        hint);
            }
            case "enum": {
                JsonNode value = m.getInstanceNode();
                List<String> allowed = new ArrayList<>();
                JsonNode enumNode = m.getSchemaNode();
                if (enumNode != null && enumNode.isArray()) enumNode.forEach(e -> allowed.add(e.asText()));
                String written = value == null ? "?" : value.asText();
                String guess = Suggestions.closest(written, allowed);
                String hint = (guess != null ? "perhaps you meant '" + guess + "'; " : "") + "allowed values: "
                        + String.join(", ", allowed);
                return Diagnostic.error(
                        CODE,
                        doc.positions().locate(doc.file(), at),
                        prefix + "'" + where + "' has value " + Quoted.of(written) + ", which is not allowed",
                        hint);
            }
            case "required": {
                String key = m.getProperty();
                String owner = at.isEmpty() ? "the document" : "'" + where + "'";
                return Diagnostic.error(
                        CODE,
                        doc.positions().locate(doc.file(), at),
                        prefix + owner + " is missing required field '" + key + "'",
                        "add '" + key + "'");
            }
            default: {
                String text = m.getMessage();
                if (text.startsWith(at + ": ")) text = text.substring(at.length() + 2);
                else if (at.isEmpty() && text.startsWith(": ")) text = text.substring(2);
                text = Quoted.shown(text, MAX_TEXT);
                return Diagnostic.error(
                        CODE, doc.positions().locate(doc.file(), at), prefix + "'" + where + "' " + text, null);
            }
        }
    }

    /**
     * The property names an object schema knows: its {@code properties}, and those of the schemas it
     * combines ({@code allOf}, {@code oneOf}, {@code anyOf}, {@code then}, {@code $ref}).
     *
     * @param keywordLocation JSON pointer of the failing keyword in the schema ({@code /$defs/X/additionalProperties})
     */
    static Set<String> knownKeys(JsonNode root, String keywordLocation) {
        String objectPointer = keywordLocation.startsWith("#") ? keywordLocation.substring(1) : keywordLocation;
        objectPointer = Pointers.parent(objectPointer);
        Set<String> keys = new LinkedHashSet<>();
        collect(root, root.at(objectPointer), keys, new HashSet<>(), 0);
        return keys;
    }

    private static void collect(JsonNode root, JsonNode s, Set<String> keys, Set<String> refs, int depth) {
        if (s == null || !s.isObject() || depth > 8) return;
        s.path("properties").fieldNames().forEachRemaining(keys::add);
        JsonNode ref = s.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#") && refs.add(ref.asText())) {
            collect(root, root.at(ref.asText().substring(1)), keys, refs, depth + 1);
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode sub : s.path(combinator)) collect(root, sub, keys, refs, depth + 1);
        }
        collect(root, s.get("then"), keys, refs, depth + 1);
    }
}

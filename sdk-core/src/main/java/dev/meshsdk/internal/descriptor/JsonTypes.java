package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;

/** Names the kind of a YAML value as a message says it: "a list", "a mapping", "a number", ... */
final class JsonTypes {
    private JsonTypes() {}

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return "null";
        if (v.isArray()) return "a list";
        if (v.isObject()) return "a mapping";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        if (v.isBinary()) return "binary data";
        return "a text";
    }
}

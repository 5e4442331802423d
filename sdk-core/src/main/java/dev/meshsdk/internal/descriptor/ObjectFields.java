package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the typed fields of one object node. A field is taken only when it has the JSON type the
 * model expects; anything else (unknown keys, and known keys written with another type, which the
 * schema reports) is left for {@link #rest()}, so the record keeps everything that was written.
 */
final class ObjectFields {
    private final ObjectNode node;
    private final Set<String> taken = new HashSet<>();

    ObjectFields(ObjectNode node) {
        this.node = node;
    }

    ObjectNode node() {
        return node;
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    void take(String key) {
        taken.add(key);
    }

    String text(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) return null;
        taken.add(key);
        return v.textValue();
    }

    Integer integer(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isInt()) return null;
        taken.add(key);
        return v.intValue();
    }

    /**
     * A boolean flag of a record with a primitive component. {@code true} is taken; an explicit
     * {@code false} is left in the extensions too, because the record cannot tell it from "not written"
     * and the writer must reproduce it.
     */
    boolean flag(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isBoolean()) return false;
        if (v.booleanValue()) taken.add(key);
        return v.booleanValue();
    }

    ObjectNode object(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isObject()) return null;
        taken.add(key);
        return (ObjectNode) v;
    }

    /** A map of plain values, taken when the field is an object. */
    Map<String, Object> map(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isObject() || v.isEmpty()) return null; // {} stays in rest() to be written back
        taken.add(key);
        return PlainValues.toJavaMap(v);
    }

    /** Any non-null value as a plain Java value. */
    Object any(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null; // an explicit null stays in rest() to be written back
        taken.add(key);
        return PlainValues.toJava(v);
    }

    List<String> strings(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isArray() || v.isEmpty()) return null; // [] stays in rest() to be written back
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) return null;
            out.add(e.textValue());
        }
        taken.add(key);
        return out;
    }

    /** The items of an array of objects, mapped one by one; null (and left) if any item is not mappable. */
    <T> List<T> list(String key, Mapper<T> mapper) {
        JsonNode v = node.get(key);
        if (v == null || !v.isArray() || v.isEmpty()) return null; // [] stays in rest() to be written back
        List<T> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isObject()) return null;
            T t = mapper.map((ObjectNode) e);
            if (t == null) return null;
            out.add(t);
        }
        taken.add(key);
        return out;
    }

    /** Every field not taken, as plain values in written order. */
    Map<String, Object> rest() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!taken.contains(e.getKey())) out.put(e.getKey(), PlainValues.toJava(e.getValue()));
        }
        return out;
    }

    /** Maps one object node to a record, or returns null when it cannot be represented. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(ObjectNode node);
    }
}

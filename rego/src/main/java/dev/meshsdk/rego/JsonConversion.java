package dev.meshsdk.rego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Converts between values, Jackson trees and plain Java objects. */
final class JsonConversion {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonConversion() {}

    static RegoValue fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return RegoValue.NULL;
        } else if (n.isBoolean()) {
            return RegoValue.of(n.booleanValue());
        } else if (n.isIntegralNumber()) {
            return new RegoValue.Num(new BigDecimal(n.bigIntegerValue()));
        } else if (n.isNumber()) {
            return new RegoValue.Num(n.decimalValue());
        } else if (n.isTextual()) {
            return new RegoValue.Str(n.textValue());
        } else if (n.isArray()) {
            List<RegoValue> items = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                items.add(fromJson(c));
            }
            return new RegoValue.Arr(items);
        } else if (n.isObject()) {
            OwnedTreeMap m = new OwnedTreeMap();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                m.put(new RegoValue.Str(e.getKey()), fromJson(e.getValue()));
            }
            return new RegoValue.Obj(m);
        } else if (n.isBinary()) {
            return new RegoValue.Str(n.asText());
        }
        return new RegoValue.Str(n.asText());
    }

    /** Integers longer than this stay BigDecimal (1E+400), rather than written out in full. */
    private static final int PLAIN_DIGITS = 400;

    static JsonNode toJson(RegoValue v) {
        if (v instanceof RegoValue.Null) {
            return F.nullNode();
        } else if (v instanceof RegoValue.Bool b) {
            return F.booleanNode(b.value());
        } else if (v instanceof RegoValue.Num n) {
            BigInteger i = Numbers.plainDigits(n.value()) > PLAIN_DIGITS ? null : n.toBigIntegerExact();
            return i != null ? F.numberNode(i) : F.numberNode(n.value());
        } else if (v instanceof RegoValue.Str s) {
            return F.textNode(s.value());
        } else if (v instanceof RegoValue.Arr a) {
            ArrayNode an = F.arrayNode();
            a.items().forEach(x -> an.add(toJson(x)));
            return an;
        } else if (v instanceof RegoValue.SetV s) {
            ArrayNode an = F.arrayNode();
            s.items().forEach(x -> an.add(toJson(x)));
            return an;
        }
        ObjectNode on = F.objectNode();
        for (Map.Entry<RegoValue, RegoValue> e : ((RegoValue.Obj) v).map().entrySet()) {
            String k = e.getKey() instanceof RegoValue.Str s ? s.value() : JsonText.writeJson(e.getKey());
            on.set(k, toJson(e.getValue()));
        }
        return on;
    }

    static RegoValue fromJava(Object o) {
        if (o == null) {
            return RegoValue.NULL;
        } else if (o instanceof RegoValue v) {
            return v;
        } else if (o instanceof JsonNode n) {
            return fromJson(n);
        } else if (o instanceof Boolean b) {
            return RegoValue.of(b);
        } else if (o instanceof BigDecimal d) {
            return new RegoValue.Num(d);
        } else if (o instanceof BigInteger i) {
            return new RegoValue.Num(new BigDecimal(i));
        } else if (o instanceof Double || o instanceof Float) {
            return new RegoValue.Num(new BigDecimal(o.toString()));
        } else if (o instanceof Number n) {
            return RegoValue.of(n.longValue());
        } else if (o instanceof CharSequence s) {
            return new RegoValue.Str(s.toString());
        } else if (o instanceof Map<?, ?> m) {
            OwnedTreeMap r = new OwnedTreeMap();
            m.forEach((k, v) -> r.put(k instanceof String s ? RegoValue.of(s) : fromJava(k), fromJava(v)));
            return new RegoValue.Obj(r);
        } else if (o instanceof java.util.Set<?> s) {
            TreeSet<RegoValue> r = new TreeSet<>();
            s.forEach(x -> r.add(fromJava(x)));
            return new RegoValue.SetV(r);
        } else if (o instanceof Collection<?> c) {
            List<RegoValue> r = new ArrayList<>();
            c.forEach(x -> r.add(fromJava(x)));
            return new RegoValue.Arr(r);
        }
        throw new IllegalArgumentException("Cannot convert " + o.getClass().getName()
                + " to a Rego value; use maps, lists, strings, numbers, booleans or null");
    }

    static Object toJava(RegoValue v) {
        if (v instanceof RegoValue.Null) {
            return null;
        } else if (v instanceof RegoValue.Bool b) {
            return b.value();
        } else if (v instanceof RegoValue.Num n) {
            BigInteger i = Numbers.plainDigits(n.value()) > PLAIN_DIGITS ? null : n.toBigIntegerExact();
            if (i != null) {
                return i.bitLength() < 63 ? (Object) i.longValue() : i;
            }
            return n.value();
        } else if (v instanceof RegoValue.Str s) {
            return s.value();
        } else if (v instanceof RegoValue.Arr a) {
            List<Object> l = new ArrayList<>();
            a.items().forEach(x -> l.add(toJava(x)));
            return l;
        } else if (v instanceof RegoValue.SetV s) {
            java.util.Set<Object> l = new java.util.LinkedHashSet<>();
            s.items().forEach(x -> l.add(toJava(x)));
            return l;
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        ((RegoValue.Obj) v).map().forEach((k, x) -> m.put(toJava(k), toJava(x)));
        return m;
    }
}

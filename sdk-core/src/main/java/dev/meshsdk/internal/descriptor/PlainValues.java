package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between tree nodes and the plain Java values kept in the model's {@code extensions} and
 * {@code settings}: {@link LinkedHashMap}, {@link ArrayList}, String, Integer/Long/BigInteger,
 * BigDecimal (decimals keep the scale they were written with), Double (only for .inf/.nan),
 * Boolean and null. Both directions are exact inverses, so a tree survives a round trip.
 */
final class PlainValues {
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private PlainValues() {}

    static Object toJava(JsonNode n) {
        return toJava(n, false);
    }

    /**
     * As {@link #toJava(JsonNode)}, or with {@code asJackson} the values Jackson's {@code convertValue} to a map
     * gives (binary values as {@code byte[]}, floats as Float), without the cold cost of its deserializers.
     */
    static Object toJava(JsonNode n, boolean asJackson) {
        if (n == null) return null;
        // one virtual call per node, not a chain of type tests: a fresh JVM runs this for every descriptor value
        switch (n.getNodeType()) {
            case STRING:
                return n.textValue();
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), toJava(e.getValue(), asJackson));
                }
                return map;
            case ARRAY:
                List<Object> list = new ArrayList<>(n.size());
                for (JsonNode e : n) list.add(toJava(e, asJackson));
                return list;
            case NUMBER:
                return number(n, asJackson);
            case BOOLEAN:
                return n.booleanValue();
            case NULL:
            case MISSING:
                return null;
            case BINARY:
                return asJackson ? ((BinaryNode) n).binaryValue() : n; // as a node: written back as is
            default:
                return n.asText();
        }
    }

    private static Object number(JsonNode n, boolean asJackson) {
        if (asJackson && n.isFloat()) return n.floatValue();
        if (n.isInt()) return n.intValue();
        if (n.isLong()) return n.longValue();
        if (n.isBigInteger()) return n.bigIntegerValue();
        if (n.isBigDecimal()) return n.decimalValue();
        if (n.isDouble() || n.isFloat()) return n.doubleValue();
        return n.asText();
    }

    static Map<String, Object> toJavaMap(JsonNode object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) toJava(object);
        return m;
    }

    static JsonNode toNode(Object v) {
        if (v == null) return NullNode.getInstance();
        if (v instanceof JsonNode n) return n;
        if (v instanceof String s) return TextNode.valueOf(s);
        if (v instanceof Boolean b) return BooleanNode.valueOf(b);
        if (v instanceof Integer i) return IntNode.valueOf(i);
        if (v instanceof Long l) return LongNode.valueOf(l);
        if (v instanceof BigInteger b) return BigIntegerNode.valueOf(b);
        if (v instanceof BigDecimal d) return DecimalNode.valueOf(d);
        if (v instanceof Double d) return DoubleNode.valueOf(d);
        if (v instanceof Float f) return FloatNode.valueOf(f);
        if (v instanceof Short || v instanceof Byte) return IntNode.valueOf(((Number) v).intValue());
        if (v instanceof byte[] b) return BinaryNode.valueOf(b);
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, val) -> o.set(String.valueOf(k), toNode(val)));
            return o;
        }
        if (v instanceof Iterable<?> it) {
            ArrayNode a = NODES.arrayNode();
            it.forEach(e -> a.add(toNode(e)));
            return a;
        }
        return TextNode.valueOf(String.valueOf(v));
    }

    /** A threshold number as a node: integers (scale 0) as integer nodes, others as decimals. */
    static JsonNode number(BigDecimal d) {
        if (d.scale() == 0) {
            BigInteger i = d.toBigInteger();
            if (i.bitLength() < 32) return IntNode.valueOf(i.intValue());
            if (i.bitLength() < 64) return LongNode.valueOf(i.longValue());
            return BigIntegerNode.valueOf(i);
        }
        return DecimalNode.valueOf(d);
    }
}

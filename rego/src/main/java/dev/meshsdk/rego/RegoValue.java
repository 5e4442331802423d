package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable Rego value: the JSON types plus sets.
 *
 * <p>Values are totally ordered the way OPA orders them (null &lt; boolean &lt; number &lt; string
 * &lt; array &lt; object &lt; set), so sets and object keys iterate in a stable, sorted order.
 * Numbers are arbitrary precision; {@code 1} and {@code 1.0} are equal.
 */
public sealed interface RegoValue extends Comparable<RegoValue>
        permits RegoValue.Null,
                RegoValue.Bool,
                RegoValue.Num,
                RegoValue.Str,
                RegoValue.Arr,
                RegoValue.Obj,
                RegoValue.SetV {

    /** The JSON null. */
    Null NULL = new Null();
    /** The boolean true. */
    Bool TRUE = new Bool(true);
    /** The boolean false. */
    Bool FALSE = new Bool(false);

    /** OPA's name of this value's type: null, boolean, number, string, array, object or set. */
    String typeName();

    @Override
    default int compareTo(RegoValue o) {
        return ValueOrder.compare(this, o);
    }

    /** Converts a Jackson tree (objects, arrays, scalars) to a value. */
    static RegoValue fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        return JsonConversion.fromJson(node);
    }

    /**
     * Converts plain Java data (maps, collections, sets, strings, numbers, booleans, null, Jackson
     * trees) to a value.
     */
    static RegoValue fromJava(Object o) {
        return JsonConversion.fromJava(o);
    }

    /** This value as a Jackson tree; sets become arrays, non-string keys are rendered as text. */
    default com.fasterxml.jackson.databind.JsonNode toJson() {
        return JsonConversion.toJson(this);
    }

    /** This value as plain Java data (maps, lists, sets, String, Long/BigInteger/BigDecimal). */
    default Object toJava() {
        return JsonConversion.toJava(this);
    }

    /** Returns the boolean value for {@code b}. */
    static Bool of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Returns a string value. */
    static Str of(String s) {
        return new Str(s);
    }

    /** Returns a number value. */
    static Num of(long n) {
        return new Num(BigDecimal.valueOf(n));
    }

    /** Returns a number value. */
    static Num of(BigDecimal n) {
        return new Num(n);
    }

    /** The JSON null. */
    record Null() implements RegoValue {
        @Override
        public String typeName() {
            return "null";
        }

        @Override
        public String toString() {
            return "null";
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements RegoValue {
        @Override
        public String typeName() {
            return "boolean";
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** An arbitrary-precision number; equality ignores scale. */
    record Num(BigDecimal value) implements RegoValue {
        public Num {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "number";
        }

        /** Whether the number has no fractional part. */
        public boolean isInteger() {
            return value.signum() == 0
                    || value.scale() <= 0
                    || value.stripTrailingZeros().scale() <= 0;
        }

        /** The integer value, or null if this number is not an integer. */
        public BigInteger toBigIntegerExact() {
            return isInteger() ? value.toBigIntegerExact() : null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && n.value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return NumberFormat.format(value);
        }
    }

    /** A string. */
    record Str(String value) implements RegoValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "string";
        }

        @Override
        public String toString() {
            return JsonText.quote(value);
        }
    }

    /** An array. */
    record Arr(List<RegoValue> items) implements RegoValue {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String typeName() {
            return "array";
        }

        @Override
        public String toString() {
            return JsonText.write(this);
        }
    }

    /** An object with keys of any type, iterated in key order. */
    record Obj(NavigableMap<RegoValue, RegoValue> map) implements RegoValue {
        public Obj {
            map = Collections.unmodifiableNavigableMap(map instanceof OwnedTreeMap owned ? owned : new TreeMap<>(map));
        }

        /** An object from string keys. */
        public static Obj of(Map<String, RegoValue> entries) {
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
            entries.forEach((k, v) -> m.put(new Str(k), v));
            return new Obj(m);
        }

        /** Returns the member value or null. */
        public RegoValue get(RegoValue key) {
            return map.get(key);
        }

        @Override
        public String typeName() {
            return "object";
        }

        @Override
        public String toString() {
            return JsonText.write(this);
        }
    }

    /** A set, iterated in element order. */
    record SetV(NavigableSet<RegoValue> items) implements RegoValue {
        public SetV {
            items = Collections.unmodifiableNavigableSet(new TreeSet<>(items));
        }

        @Override
        public String typeName() {
            return "set";
        }

        /** The elements as a list in order. */
        public List<RegoValue> toList() {
            return new ArrayList<>(items);
        }

        @Override
        public String toString() {
            return JsonText.write(this);
        }
    }
}

package dev.meshsdk.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A quality rule's {@code mustBe...} comparison. {@code values} holds one number, or two for the
 * {@code between} operators.
 */
public record Threshold(Operator operator, List<BigDecimal> values) {
    public Threshold {
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        if (values.size() != operator.arity()) {
            throw new IllegalArgumentException("Cannot build threshold " + operator.key() + ": expected "
                    + operator.arity() + " value(s), got " + values.size());
        }
    }

    /** Whether a measured value satisfies this threshold. */
    public boolean test(BigDecimal measured) {
        BigDecimal a = values.get(0);
        return switch (operator) {
            case MUST_BE -> measured.compareTo(a) == 0;
            case MUST_NOT_BE -> measured.compareTo(a) != 0;
            case MUST_BE_GREATER_THAN -> measured.compareTo(a) > 0;
            case MUST_BE_GREATER_OR_EQUAL_TO -> measured.compareTo(a) >= 0;
            case MUST_BE_LESS_THAN -> measured.compareTo(a) < 0;
            case MUST_BE_LESS_OR_EQUAL_TO -> measured.compareTo(a) <= 0;
            case MUST_BE_BETWEEN -> measured.compareTo(a) >= 0 && measured.compareTo(values.get(1)) <= 0;
            case MUST_NOT_BE_BETWEEN -> measured.compareTo(a) < 0 || measured.compareTo(values.get(1)) > 0;
        };
    }

    @Override
    public String toString() {
        return operator.key() + " " + (values.size() == 1 ? values.get(0).toPlainString() : values.toString());
    }

    /** The ODCS comparison keys. */
    public enum Operator {
        MUST_BE("mustBe", 1),
        MUST_NOT_BE("mustNotBe", 1),
        MUST_BE_GREATER_THAN("mustBeGreaterThan", 1),
        MUST_BE_GREATER_OR_EQUAL_TO("mustBeGreaterOrEqualTo", 1),
        MUST_BE_LESS_THAN("mustBeLessThan", 1),
        MUST_BE_LESS_OR_EQUAL_TO("mustBeLessOrEqualTo", 1),
        MUST_BE_BETWEEN("mustBeBetween", 2),
        MUST_NOT_BE_BETWEEN("mustNotBeBetween", 2);

        private final String key;
        private final int arity;

        Operator(String key, int arity) {
            this.key = key;
            this.arity = arity;
        }

        /** The key as written in ODCS. */
        public String key() {
            return key;
        }

        int arity() {
            return arity;
        }

        /** The operator for an ODCS key, or null. */
        public static Operator ofKey(String key) {
            for (Operator o : values()) {
                if (o.key.equals(key)) return o;
            }
            return null;
        }
    }
}

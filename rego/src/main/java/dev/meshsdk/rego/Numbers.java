package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Size checks and costs for arbitrary-precision arithmetic, taken from the operands before the
 * arithmetic runs: a number is cheap to hold however large its exponent ({@code 1e100000000} is
 * one digit and a scale), but adding it to {@code 1}, shifting, or converting it to an integer
 * writes every digit out.
 */
final class Numbers {
    private Numbers() {}

    /** Integers with more digits than this are never expanded, whatever the options say. */
    static final int HARD_MAX_DIGITS = 1_000_000;

    /** Digits of {@code v} written out in full, without an exponent. */
    static long plainDigits(BigDecimal v) {
        return plainDigits(v.precision(), v.scale());
    }

    private static long plainDigits(long precision, long scale) {
        return Math.max(precision - scale, 1) + Math.max(scale, 0);
    }

    /** Before {@code x + y} or {@code x - y}: the digits from the highest to the lowest place. */
    static void sum(Limits l, BigDecimal x, BigDecimal y) {
        long hi = Math.max((long) x.precision() - x.scale(), (long) y.precision() - y.scale());
        long lo = Math.min(-(long) x.scale(), -(long) y.scale());
        l.digits(Math.max(hi, 1) - Math.min(lo, 0));
        l.charge(((long) x.precision() + y.precision()) / Limits.CHARS_PER_STEP + 1);
    }

    /** Before {@code x * y}. */
    static void product(Limits l, BigDecimal x, BigDecimal y) {
        l.digits(plainDigits((long) x.precision() + y.precision(), (long) x.scale() + y.scale()));
        l.charge((long) x.precision() * y.precision() / Limits.DIGIT_PRODUCTS_PER_STEP + 1);
    }

    /** Before {@code x / y} or a remainder: long division costs about the square of the digits. */
    static void quotient(Limits l, BigDecimal x, BigDecimal y) {
        long p = (long) x.precision() + y.precision();
        l.charge(p * p / Limits.DIGIT_PRODUCTS_PER_STEP + 1);
    }

    /** Before writing {@code v} out in full (as an integer, a fixed-point string, a rounding). */
    static void expand(Limits l, BigDecimal v) {
        l.digits(plainDigits(v));
        l.charge(plainDigits(v) / Limits.CHARS_PER_STEP + 1);
    }

    /** Before computing an integer of {@code bits} bits. */
    static void bits(Limits l, long bits) {
        l.digits(bits > 1L << 40 ? Long.MAX_VALUE : bits * 30103 / 100000 + 1);
        l.charge(bits / (8 * Limits.CHARS_PER_STEP) + 1);
    }

    /**
     * The integer value of {@code v}, refusing (with no limits at hand) to write out more than
     * {@link #HARD_MAX_DIGITS} digits; throws {@link ArithmeticException} when not an integer.
     */
    static BigInteger toBigIntegerExact(BigDecimal v) {
        if (plainDigits(v) > HARD_MAX_DIGITS) {
            throw RegoException.resource(
                    null, "number has more than " + HARD_MAX_DIGITS + " digits; it cannot be used as an integer here");
        }
        return v.toBigIntegerExact();
    }
}

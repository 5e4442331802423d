package dev.meshsdk.rego;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Per-query resource accounting: steps (with the cost of builtins and arithmetic), the sizes of
 * values about to be built, evaluation depth and time. Every failure is an
 * {@code eval_resource_error} located at the innermost expression being evaluated.
 *
 * <p>Builtins check sizes before they build a value, from the sizes of their operands, and charge
 * their work before they do it, so no limit is discovered only after the heap or the CPU has paid
 * for it.
 */
final class Limits {
    /** Characters (or regex character reads, or hashed bytes) that cost one step. */
    static final int CHARS_PER_STEP = 64;
    /** Digit-by-digit products of big-number multiplication that cost one step. */
    static final int DIGIT_PRODUCTS_PER_STEP = 4096;

    private static final int CLOCK_EVERY = 1024;

    private final long maxSteps;
    private final int maxSize;
    private final int maxChars;
    private final int maxDigits;
    private final int maxDepth;
    private final long timeoutNanos;
    private final long start = System.nanoTime();
    private long steps;
    private long nextClock = CLOCK_EVERY;
    private int depth;
    private Ast.Loc[] where = new Ast.Loc[64];
    private int deepestDepth;
    private Ast.Loc deepest;
    final Deque<String> calls = new ArrayDeque<>();

    Limits(RegoOptions o) {
        this.maxSteps = o.maxSteps();
        this.maxSize = o.maxValueSize();
        this.maxChars = o.maxStringLength();
        this.maxDigits = o.maxNumberDigits();
        this.maxDepth = o.maxEvalDepth();
        this.timeoutNanos = o.timeout().toNanos();
    }

    /** One evaluation step (an expression or an iteration). */
    void step() {
        charge(1);
    }

    /** Work worth {@code n} steps, charged before it is done. */
    void charge(long n) {
        steps += n;
        if (steps > maxSteps || steps < 0) {
            throw fail("evaluation exceeded " + maxSteps + " steps (builtins and big numbers count"
                    + " by the size of their operands); simplify the policy or raise"
                    + " RegoOptions.maxSteps");
        }
        if (steps >= nextClock) {
            nextClock = steps + CLOCK_EVERY;
            if (System.nanoTime() - start > timeoutNanos) {
                throw fail("evaluation exceeded its time limit of " + (timeoutNanos / 1_000_000)
                        + " ms; simplify the policy or raise RegoOptions.timeout");
            }
        }
    }

    /** Work over {@code n} characters (or bytes, or regex reads). */
    void chargeChars(long n) {
        charge(n / CHARS_PER_STEP + 1);
    }

    /** A collection of {@code n} elements is about to be built. */
    void size(long n, Ast.Loc loc) {
        if (n > maxSize) {
            throw fail(
                    loc,
                    "value would exceed " + maxSize + " elements; simplify the policy or"
                            + " raise RegoOptions.maxValueSize");
        }
    }

    /** A string of {@code n} characters is about to be built. */
    void chars(long n) {
        if (n > maxChars) {
            throw fail("string would exceed " + maxChars + " characters; simplify the policy or"
                    + " raise RegoOptions.maxStringLength");
        }
    }

    /** A number of {@code n} decimal digits (written out in full) is about to be computed. */
    void digits(long n) {
        if (n > maxDigits) {
            throw fail("number would exceed " + maxDigits + " digits; simplify the policy or raise"
                    + " RegoOptions.maxNumberDigits");
        }
    }

    int maxChars() {
        return maxChars;
    }

    int maxDigits() {
        return maxDigits;
    }

    /** Evaluation of the expression or term at {@code loc} begins; pair with {@link #exit()}. */
    void enter(Ast.Loc loc) {
        if (depth >= maxDepth) {
            throw fail(
                    loc,
                    "evaluation nested deeper than " + maxDepth + " levels; simplify the"
                            + " policy or raise RegoOptions.maxEvalDepth");
        }
        if (depth + 1 >= where.length) {
            where = Arrays.copyOf(where, where.length * 2);
        }
        where[++depth] = loc;
        if (depth > deepestDepth) {
            deepestDepth = depth;
            deepest = loc;
        }
    }

    /** The expression evaluated at the deepest nesting so far (kept after the stack unwinds). */
    Ast.Loc deepest() {
        return deepest;
    }

    void exit() {
        depth--;
    }

    /** The innermost expression being evaluated, or null. */
    Ast.Loc here() {
        for (int i = depth; i > 0; i--) {
            if (where[i] != null) {
                return where[i];
            }
        }
        return null;
    }

    private RegoException fail(String msg) {
        return fail(null, msg);
    }

    private RegoException fail(Ast.Loc loc, String msg) {
        return RegoException.resource(loc != null ? loc : here(), msg);
    }
}

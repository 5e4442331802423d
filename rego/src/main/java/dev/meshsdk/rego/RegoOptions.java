package dev.meshsdk.rego;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings for parsing, compiling and evaluating, chiefly the limits that keep a hostile or buggy
 * policy from exhausting the stack, the heap or the CPU. A limit that is hit fails with a
 * {@link RegoException} ({@code eval_resource_error}, or {@code rego_parse_error} for nesting in
 * the source) naming the file, line and column of the expression that hit it.
 *
 * @param maxSteps evaluation steps a query may take: one per expression and per iteration, plus
 *     the cost of builtins and arithmetic, charged from the sizes of their operands before they
 *     run (one step per element of a collection, per 64 characters of a string, per 8 character
 *     reads of a regular expression, and per 4,096 digit products of big-number arithmetic)
 * @param maxValueSize elements a single array, set or object built during evaluation may hold
 * @param maxStringLength characters a single string built during evaluation may hold
 * @param maxNumberDigits decimal digits a number computed during evaluation may have when
 *     written out in full (so {@code 1e100000000 + 1} fails instead of building a 100-million-digit
 *     number)
 * @param maxParseDepth how deeply terms, bodies and else-chains may nest in a module's source
 * @param maxEvalDepth how deeply evaluation may nest (active expressions and terms: rule calls,
 *     long bodies and long array literals all count)
 * @param timeout wall-clock time one query may take, a backstop for whatever the step count does
 *     not foresee
 * @param strictBuiltinErrors whether builtin errors fail the query (true) or make the expression
 *     undefined (false, OPA's default); resource errors always fail it
 * @param clock the clock behind {@code time.now_ns}, read once per query
 * @param print where {@code print()} output goes
 */
public record RegoOptions(
        long maxSteps,
        int maxValueSize,
        int maxStringLength,
        int maxNumberDigits,
        int maxParseDepth,
        int maxEvalDepth,
        Duration timeout,
        boolean strictBuiltinErrors,
        Clock clock,
        Consumer<String> print) {

    public RegoOptions {
        if (maxSteps <= 0
                || maxValueSize <= 0
                || maxStringLength <= 0
                || maxNumberDigits <= 0
                || maxParseDepth <= 0
                || maxEvalDepth <= 0) {
            throw new IllegalArgumentException("Cannot create RegoOptions: every limit must be" + " positive");
        }
        if (maxParseDepth > MAX_DEPTH || maxEvalDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("Cannot create RegoOptions: maxParseDepth and"
                    + " maxEvalDepth must be at most " + MAX_DEPTH + ", what the evaluation stack holds");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Cannot create RegoOptions: timeout must be positive");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(print, "print");
    }

    /** The deepest nesting the engine's evaluation stack is sized for. */
    public static final int MAX_DEPTH = 100_000;

    /**
     * Ten million steps, one million elements per collection, 16 Mi characters per string, 10,000
     * digits per number, source nesting 1,000 deep, evaluation nesting 20,000 deep, 30 seconds per
     * query, OPA's lenient builtin errors, the system clock, {@code print()} output discarded.
     */
    public static RegoOptions defaults() {
        return new RegoOptions(
                10_000_000L,
                1_000_000,
                16 * 1024 * 1024,
                10_000,
                1_000,
                20_000,
                Duration.ofSeconds(30),
                false,
                Clock.systemUTC(),
                s -> {});
    }

    /** Returns a copy with a different step limit. */
    public RegoOptions withMaxSteps(long n) {
        return new RegoOptions(
                n,
                maxValueSize,
                maxStringLength,
                maxNumberDigits,
                maxParseDepth,
                maxEvalDepth,
                timeout,
                strictBuiltinErrors,
                clock,
                print);
    }

    /** Returns a copy with a different collection size limit. */
    public RegoOptions withMaxValueSize(int n) {
        return new RegoOptions(
                maxSteps,
                n,
                maxStringLength,
                maxNumberDigits,
                maxParseDepth,
                maxEvalDepth,
                timeout,
                strictBuiltinErrors,
                clock,
                print);
    }

    /** Returns a copy with a different string length limit. */
    public RegoOptions withMaxStringLength(int n) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                n,
                maxNumberDigits,
                maxParseDepth,
                maxEvalDepth,
                timeout,
                strictBuiltinErrors,
                clock,
                print);
    }

    /** Returns a copy with a different number size limit. */
    public RegoOptions withMaxNumberDigits(int n) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                maxStringLength,
                n,
                maxParseDepth,
                maxEvalDepth,
                timeout,
                strictBuiltinErrors,
                clock,
                print);
    }

    /** Returns a copy with a different source nesting limit. */
    public RegoOptions withMaxParseDepth(int n) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                maxStringLength,
                maxNumberDigits,
                n,
                maxEvalDepth,
                timeout,
                strictBuiltinErrors,
                clock,
                print);
    }

    /** Returns a copy with a different evaluation nesting limit. */
    public RegoOptions withMaxEvalDepth(int n) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                maxStringLength,
                maxNumberDigits,
                maxParseDepth,
                n,
                timeout,
                strictBuiltinErrors,
                clock,
                print);
    }

    /** Returns a copy with a different time limit per query. */
    public RegoOptions withTimeout(Duration d) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                maxStringLength,
                maxNumberDigits,
                maxParseDepth,
                maxEvalDepth,
                d,
                strictBuiltinErrors,
                clock,
                print);
    }

    /** Returns a copy with strict builtin errors switched on or off. */
    public RegoOptions withStrictBuiltinErrors(boolean strict) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                maxStringLength,
                maxNumberDigits,
                maxParseDepth,
                maxEvalDepth,
                timeout,
                strict,
                clock,
                print);
    }

    /** Returns a copy with another clock. */
    public RegoOptions withClock(Clock c) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                maxStringLength,
                maxNumberDigits,
                maxParseDepth,
                maxEvalDepth,
                timeout,
                strictBuiltinErrors,
                c,
                print);
    }

    /** Returns a copy with another print sink. */
    public RegoOptions withPrint(Consumer<String> p) {
        return new RegoOptions(
                maxSteps,
                maxValueSize,
                maxStringLength,
                maxNumberDigits,
                maxParseDepth,
                maxEvalDepth,
                timeout,
                strictBuiltinErrors,
                clock,
                p);
    }
}

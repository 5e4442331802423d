package dev.meshsdk.policy.rego;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Evaluation settings.
 *
 * @param maxSteps evaluation steps (expressions and iterations) a query may take before it fails
 *     with {@code eval_resource_error}
 * @param maxValueSize elements a single collection built during evaluation may hold (strings may
 *     hold 64 times as many characters)
 * @param strictBuiltinErrors whether builtin errors fail the query (true) or make the expression
 *     undefined (false, OPA's default)
 * @param clock the clock behind {@code time.now_ns}, read once per query
 * @param print where {@code print()} output goes
 */
public record RegoOptions(long maxSteps, int maxValueSize, boolean strictBuiltinErrors,
    Clock clock, Consumer<String> print) {

  public RegoOptions {
    if (maxSteps <= 0 || maxValueSize <= 0) {
      throw new IllegalArgumentException("Cannot create RegoOptions: maxSteps and maxValueSize"
          + " must be positive");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(print, "print");
  }

  /** Ten million steps, one million elements, OPA's lenient builtin errors, the system clock. */
  public static RegoOptions defaults() {
    return new RegoOptions(10_000_000L, 1_000_000, false, Clock.systemUTC(), s -> { });
  }

  /** Returns a copy with a different step limit. */
  public RegoOptions withMaxSteps(long n) {
    return new RegoOptions(n, maxValueSize, strictBuiltinErrors, clock, print);
  }

  /** Returns a copy with a different value size limit. */
  public RegoOptions withMaxValueSize(int n) {
    return new RegoOptions(maxSteps, n, strictBuiltinErrors, clock, print);
  }

  /** Returns a copy with strict builtin errors switched on or off. */
  public RegoOptions withStrictBuiltinErrors(boolean strict) {
    return new RegoOptions(maxSteps, maxValueSize, strict, clock, print);
  }

  /** Returns a copy with another clock. */
  public RegoOptions withClock(Clock c) {
    return new RegoOptions(maxSteps, maxValueSize, strictBuiltinErrors, c, print);
  }

  /** Returns a copy with another print sink. */
  public RegoOptions withPrint(Consumer<String> p) {
    return new RegoOptions(maxSteps, maxValueSize, strictBuiltinErrors, clock, p);
  }
}

package dev.meshsdk.policy.rego;

import java.util.ArrayDeque;
import java.util.Deque;

/** Per-query resource accounting: evaluation steps, collection sizes and the call stack. */
final class Limits {
  private final long maxSteps;
  private final int maxSize;
  private long steps;
  final Deque<String> calls = new ArrayDeque<>();

  Limits(long maxSteps, int maxSize) {
    this.maxSteps = maxSteps;
    this.maxSize = maxSize;
  }

  void step() {
    if (++steps > maxSteps) {
      throw new RegoException("eval_resource_error", "evaluation exceeded " + maxSteps
          + " steps; simplify the policy or raise RegoOptions.maxSteps");
    }
  }

  void size(int n, Ast.Loc loc) {
    if (n > maxSize) {
      throw new RegoException("eval_resource_error", (loc == null ? "" : loc + ": ")
          + "value exceeded " + maxSize + " elements; simplify the policy or raise"
          + " RegoOptions.maxValueSize");
    }
  }

  void chars(int n) {
    if (n > maxSize * 64L) {
      throw new RegoException("eval_resource_error", "string exceeded " + (maxSize * 64L)
          + " characters; simplify the policy or raise RegoOptions.maxValueSize");
    }
  }
}

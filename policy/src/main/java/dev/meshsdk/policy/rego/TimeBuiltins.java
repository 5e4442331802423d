package dev.meshsdk.policy.rego;

/** Builtins (placeholder). */
final class TimeBuiltins {
  private TimeBuiltins() {}

  static void register(BuiltinRegistry r) {
  }
}

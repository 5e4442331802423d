package dev.meshsdk.policy.rego;

/** Builtins (placeholder). */
final class RegexBuiltins {
  private RegexBuiltins() {}

  static void register(BuiltinRegistry r) {
  }
}

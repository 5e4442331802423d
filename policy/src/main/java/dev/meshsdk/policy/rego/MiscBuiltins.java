package dev.meshsdk.policy.rego;

/** Builtins (placeholder). */
final class MiscBuiltins {
  private MiscBuiltins() {}

  static void register(BuiltinRegistry r) {
  }
}

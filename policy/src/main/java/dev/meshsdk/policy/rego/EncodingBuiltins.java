package dev.meshsdk.policy.rego;

/** Builtins (placeholder). */
final class EncodingBuiltins {
  private EncodingBuiltins() {}

  static void register(BuiltinRegistry r) {
  }
}

package dev.meshsdk.policy.rego;

/** Builtins (placeholder). */
final class NetBuiltins {
  private NetBuiltins() {}

  static void register(BuiltinRegistry r) {
  }
}

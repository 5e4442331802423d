package dev.meshsdk.rego;

/** What a builtin may use besides its arguments: the query's facts and resource limits. */
record BuiltinContext(QueryContext query, Limits limits, Eval eval) {}

package dev.meshsdk.rego;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The builtin functions known to the engine, by name. */
final class BuiltinRegistry {
    interface Fn {
        RegoValue apply(RegoValue[] args, BuiltinContext ctx);
    }

    interface MultiFn {
        List<RegoValue> apply(RegoValue[] args, BuiltinContext ctx);
    }

    record Def(String name, int arity, Fn fn, MultiFn multi) {}

    /** OPA builtins deliberately not implemented here. */
    static final Set<String> UNSUPPORTED_PREFIXES = Set.of(
            "graphql.",
            "http.send",
            "providers.aws.",
            "net.lookup_ip_addr",
            "rego.parse_module",
            "rego.metadata",
            "trace");

    private final Map<String, Def> defs = new HashMap<>();

    static BuiltinRegistry standard() {
        BuiltinRegistry r = new BuiltinRegistry();
        CoreBuiltins.register(r);
        AggregateBuiltins.register(r);
        StringBuiltins.register(r);
        MoreStringBuiltins.register(r);
        RegexBuiltins.register(r);
        ObjectBuiltins.register(r);
        JsonBuiltins.register(r);
        EncodingBuiltins.register(r);
        TimeBuiltins.register(r);
        NetBuiltins.register(r);
        MiscBuiltins.register(r);
        CryptoBuiltins.register(r);
        JwtBuiltins.register(r);
        JwtSign.register(r);
        X509Builtins.register(r);
        JsonSchema.register(r);
        GoTemplate.register(r);
        X509KeyBuiltins.register(r);
        GlobIntersection.register(r);
        return r;
    }

    void add(String name, int arity, Fn fn) {
        defs.put(name, new Def(name, arity, fn, null));
    }

    void addMulti(String name, int arity, MultiFn fn) {
        defs.put(name, new Def(name, arity, null, fn));
    }

    Def get(String name) {
        return defs.get(name);
    }

    static boolean isKnownUnsupported(String name) {
        return UNSUPPORTED_PREFIXES.stream().anyMatch(name::startsWith);
    }

    static RegoException unknown(String name, Ast.Loc loc) {
        for (String p : UNSUPPORTED_PREFIXES) {
            if (name.startsWith(p)) {
                return new RegoException(
                        "rego_unsupported_builtin_error",
                        loc + ": builtin function "
                                + name + " is not supported by the embedded Rego engine; evaluate this policy"
                                + " with an OPA server instead");
            }
        }
        return new RegoException(
                "rego_unsupported_builtin_error",
                loc + ": unknown function "
                        + name + "; it is neither a rule in scope nor a builtin supported by the embedded Rego"
                        + " engine (if it is an OPA builtin, evaluate this policy with an OPA server instead)");
    }
}

package dev.meshsdk.rego;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** How many groups of builtins {@link #register(int, BuiltinRegistry)} knows. */
    static final int GROUPS = 19;

    private final Map<String, Def> defs = new ConcurrentHashMap<>();
    /** The groups registered so far, in order; {@link #GROUPS} once all are. */
    private volatile int registered;

    /**
     * The standard builtins. Their groups are registered when a name is first looked up that the groups registered so
     * far do not define, in a fixed order (no two groups define one name): most policies call a few string, set and
     * object builtins, and a fresh JVM spent 0.4 s of CPU time and 860 classes registering the rest (crypto, X.509,
     * JWT, time, templates) up front.
     */
    static BuiltinRegistry standard() {
        return new BuiltinRegistry();
    }

    /** An empty registry, for {@link #register(int, BuiltinRegistry)} alone. */
    static BuiltinRegistry empty() {
        BuiltinRegistry r = new BuiltinRegistry();
        r.registered = GROUPS;
        return r;
    }

    /** Registers group {@code group} (0 to {@link #GROUPS} - 1) into {@code r}. */
    static void register(int group, BuiltinRegistry r) {
        switch (group) {
            case 0 -> CoreBuiltins.register(r);
            case 1 -> AggregateBuiltins.register(r);
            case 2 -> StringBuiltins.register(r);
            case 3 -> MoreStringBuiltins.register(r);
            case 4 -> RegexBuiltins.register(r);
            case 5 -> ObjectBuiltins.register(r);
            case 6 -> JsonBuiltins.register(r);
            case 7 -> EncodingBuiltins.register(r);
            case 8 -> TimeBuiltins.register(r);
            case 9 -> NetBuiltins.register(r);
            case 10 -> MiscBuiltins.register(r);
            case 11 -> CryptoBuiltins.register(r);
            case 12 -> JwtBuiltins.register(r);
            case 13 -> JwtSign.register(r);
            case 14 -> X509Builtins.register(r);
            case 15 -> JsonSchema.register(r);
            case 16 -> GoTemplate.register(r);
            case 17 -> X509KeyBuiltins.register(r);
            case 18 -> GlobIntersection.register(r);
            default -> throw new IllegalArgumentException("no group of builtins " + group);
        }
    }

    void add(String name, int arity, Fn fn) {
        defs.put(name, new Def(name, arity, fn, null));
    }

    void addMulti(String name, int arity, MultiFn fn) {
        defs.put(name, new Def(name, arity, null, fn));
    }

    /** The builtin called {@code name}, or null; safe to call from several threads. */
    Def get(String name) {
        Def d = defs.get(name);
        return d != null || registered == GROUPS ? d : registerUntil(name);
    }

    /** The names defined so far. */
    Set<String> names() {
        return Set.copyOf(defs.keySet());
    }

    private synchronized Def registerUntil(String name) {
        Def d = defs.get(name);
        while (d == null && registered < GROUPS) {
            register(registered, this);
            registered++;
            d = defs.get(name);
        }
        return d;
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

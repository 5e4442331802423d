package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Compiled Rego modules, ready to evaluate. Created by {@link RegoEngine#compile(java.util.List)}.
 *
 * <p>Immutable and safe for concurrent queries; each query gets its own caches and resource
 * accounting (steps, value sizes, nesting depth and time, as set in {@link RegoOptions}).
 */
public final class RegoPolicySet {
    private final Policy policy;
    private final RegoOptions options;
    private final DeepStack stack;
    /** Parsed and resolved queries by text: a query is prepared once, however often it runs. */
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    /** What {@link #evaluateAll} works out from a reference's text, once per text. */
    private final Map<String, RefPlan> refPlans = new ConcurrentHashMap<>();

    private record Prepared(List<Ast.Literal> body, Set<String> vars) {}

    /**
     * A reference to evaluate: its query text, and for a path {@code data.a.b} its keys up to and
     * including the first that is not a plain name ({@code plain} counts the plain ones; null
     * keys for any other reference).
     */
    private record RefPlan(String query, String[] keys, RegoValue[] keyValues, int plain) {
        static RefPlan of(String ref) {
            String query = ref + " = __result__";
            if (!ref.startsWith("data.")) {
                return new RefPlan(query, null, null, 0);
            }
            List<String> keys = new ArrayList<>();
            int plain = -1;
            int start = "data.".length();
            while (start <= ref.length() && plain < 0) {
                int end = ref.indexOf('.', start);
                if (end < 0) {
                    end = ref.length();
                }
                String key = ref.substring(start, end);
                if (!plainName(key)) {
                    plain = keys.size();
                }
                keys.add(key);
                start = end + 1;
            }
            RegoValue[] values = new RegoValue[keys.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = RegoValue.of(keys.get(i));
            }
            return new RefPlan(query, keys.toArray(new String[0]), values, plain < 0 ? keys.size() : plain);
        }
    }

    RegoPolicySet(Policy policy, RegoOptions options, DeepStack stack) {
        this.policy = policy;
        this.options = options;
        this.stack = stack;
    }

    /** The options this policy set evaluates with. */
    public RegoOptions options() {
        return options;
    }

    /**
     * Evaluates a document reference such as {@code data.orders.deny}.
     *
     * @param ref a reference starting at {@code data} or {@code input}
     * @param input the input document, or null for none (then {@code input} is undefined)
     * @param data the base data document (an object), or null for an empty one
     * @return the value, or empty when the document is undefined
     * @throws RegoException on conflicts, type or builtin errors (when strict), recursion or when a
     *     resource limit is exceeded
     */
    public Optional<RegoValue> evaluate(String ref, RegoValue input, RegoValue data) {
        List<Map<String, RegoValue>> rs = query(ref + " = __result__", input, data);
        return rs.isEmpty() ? Optional.empty() : Optional.of(rs.get(0).get("__result__"));
    }

    /**
     * Runs a query (one or more expressions separated by ';' or newlines) and returns one map of
     * variable bindings per solution, in evaluation order. An empty list means undefined.
     */
    public List<Map<String, RegoValue>> query(String query, RegoValue input, RegoValue data) {
        Prepared q = prepare(query);
        Scope scope = new Scope(input, data == null ? new RegoValue.Obj(new TreeMap<>()) : data, Set.of(), Map.of());
        java.time.Instant now = options.clock().instant();
        return evaluateBounded(
                print -> solve(q, scope.fresh(), new QueryContext(now, print, options.strictBuiltinErrors())));
    }

    /**
     * Evaluates several document references against the same input and data in one evaluation
     * context, so rules they share are evaluated once. Returns one entry per reference, in order,
     * empty where the document is undefined. Each reference gets its own step and size limits.
     *
     * @throws RegoException as {@link #evaluate} does, for the first reference that fails, naming
     *     it in {@link RegoException#reference()}
     */
    public List<Optional<RegoValue>> evaluateAll(List<String> refs, RegoValue input, RegoValue data) {
        List<Optional<RegoValue>> out = new ArrayList<>(refs.size());
        for (Evaluation e : evaluate(refs, input, data, false)) {
            out.add(e.value());
        }
        return out;
    }

    /** Where a rule is defined: its module's file name and the line of its head. */
    public record Origin(String file, int line) {}

    /**
     * A reference's value, and for a set rule (a partial set such as {@code deny contains msg if ...}) where each
     * item came from: the definition that first produced it, when several rules of that name add to the set.
     */
    public record Evaluation(Optional<RegoValue> value, Map<RegoValue, Origin> origins) {
        public Evaluation {
            origins = Map.copyOf(origins);
        }
    }

    /**
     * As {@link #evaluateAll}, with the origins of the items of each reference that names a set rule by a plain path
     * ({@code data.a.b.deny}); no origins for any other reference.
     */
    public List<Evaluation> evaluateAllWithOrigins(List<String> refs, RegoValue input, RegoValue data) {
        return evaluate(refs, input, data, true);
    }

    private List<Evaluation> evaluate(List<String> refs, RegoValue input, RegoValue data, boolean origins) {
        List<Prepared> qs = new ArrayList<>(refs.size());
        List<RefPlan> plans = new ArrayList<>(refs.size());
        for (String ref : refs) {
            RefPlan plan = refPlans.get(ref);
            if (plan == null) {
                plan = RefPlan.of(ref);
                if (refPlans.size() < 1024) {
                    refPlans.put(ref, plan);
                }
            }
            plans.add(plan);
            // a reference no rule, package or base document defines is undefined: nothing to evaluate
            qs.add(nowhere(plan, data) ? null : prepare(plan.query()));
        }
        Scope fresh = new Scope(input, data == null ? new RegoValue.Obj(new TreeMap<>()) : data, Set.of(), Map.of());
        java.time.Instant now = options.clock().instant();
        return evaluateBounded(print -> {
            Scope scope = fresh.fresh();
            QueryContext ctx = new QueryContext(now, print, options.strictBuiltinErrors());
            if (origins) {
                ctx.origins = new HashMap<>();
            }
            List<Evaluation> out = new ArrayList<>(qs.size());
            for (int i = 0; i < qs.size(); i++) {
                if (qs.get(i) == null) {
                    out.add(new Evaluation(Optional.empty(), Map.of()));
                    continue;
                }
                List<Map<String, RegoValue>> rs;
                try {
                    rs = solve(qs.get(i), scope, ctx);
                } catch (RegoException failure) {
                    throw new RegoException(failure, refs.get(i));
                }
                Optional<RegoValue> value =
                        rs.isEmpty() ? Optional.empty() : Optional.of(rs.get(0).get("__result__"));
                out.add(new Evaluation(value, origins ? originsOf(plans.get(i), ctx) : Map.of()));
            }
            return out;
        });
    }

    /** The origins recorded for the node a plain path names, as {@link Origin}s. */
    private Map<RegoValue, Origin> originsOf(RefPlan plan, QueryContext ctx) {
        if (plan.keys() == null || plan.plain() != plan.keys().length) {
            return Map.of();
        }
        DataNode node = policy.root;
        for (String key : plan.keys()) {
            node = node.children.get(key);
            if (node == null) {
                return Map.of();
            }
        }
        Map<RegoValue, Ast.Loc> found = ctx.origins.get(node);
        if (found == null) {
            return Map.of();
        }
        Map<RegoValue, Origin> out = new HashMap<>();
        found.forEach((v, loc) -> out.put(v, new Origin(loc.file(), loc.line())));
        return out;
    }

    /**
     * Whether the planned reference, a plain path {@code data.a.b.c}, leaves both the tree of rules and packages and the base
     * document before it ends, so it is undefined as evaluating it would find. A path through a rule's value, or
     * any other reference, is not judged here.
     */
    private boolean nowhere(RefPlan plan, RegoValue data) {
        if (plan.keys() == null) {
            return false;
        }
        DataNode node = policy.root;
        RegoValue base = data;
        for (int i = 0; i < plan.keys().length; i++) {
            if (i == plan.plain() || node != null && node.hasRules()) {
                return false;
            }
            node = node == null ? null : node.children.get(plan.keys()[i]);
            if (base instanceof RegoValue.Obj o) {
                base = o.get(plan.keyValues()[i]);
            } else if (base != null) {
                return false; // a key into an array, a set or a scalar: left to the evaluation
            }
            if (node == null && base == null) {
                return true;
            }
        }
        return false;
    }

    /** Rego's keywords, which are not plain names in a reference. */
    private static final Set<String> KEYWORDS = Set.of(
            "as",
            "contains",
            "default",
            "else",
            "every",
            "false",
            "if",
            "import",
            "in",
            "not",
            "null",
            "package",
            "some",
            "true",
            "with");

    private static boolean plainName(String key) {
        if (key.isEmpty() || KEYWORDS.contains(key) || !(Character.isLetter(key.charAt(0)) || key.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return key.charAt(0) < 128;
    }

    private Prepared prepare(String query) {
        Prepared p = prepared.get(query);
        if (p == null) {
            List<Ast.Literal> body =
                    Resolver.forQuery(policy.compiler).query(Parser.parseQuery(query, options.maxParseDepth()));
            Set<String> vars = new LinkedHashSet<>();
            for (Ast.Literal l : body) {
                collectQueryVars(l, vars);
            }
            p = new Prepared(body, Collections.unmodifiableSet(vars));
            if (prepared.size() < 1024) {
                prepared.put(query, p);
            }
        }
        return p;
    }

    private List<Map<String, RegoValue>> solve(Prepared q, Scope scope, QueryContext ctx) {
        List<Map<String, RegoValue>> out = new ArrayList<>();
        Limits limits = new Limits(options);
        Eval e = new Eval(policy, scope, limits, ctx);
        try {
            solve(q, e, out);
        } catch (StackOverflowError tooDeep) {
            if (!DeepStack.onLargeStack()) {
                throw tooDeep; // DeepStack runs it again with a large stack
            }
            throw RegoException.resource(
                    limits.deepest(),
                    "evaluation nested too deeply for the stack;"
                            + " simplify the policy or its data, or lower RegoOptions.maxEvalDepth");
        }
        return List.copyOf(out);
    }

    private static void solve(Prepared q, Eval e, List<Map<String, RegoValue>> out) {
        e.body(q.body(), 0, Bindings.EMPTY, b -> {
            Map<String, RegoValue> row = new LinkedHashMap<>();
            for (String v : q.vars()) {
                RegoValue x = b.get(v);
                if (x != null) {
                    row.put(v, x);
                }
            }
            out.add(Collections.unmodifiableMap(row));
            return true;
        });
    }

    /**
     * Runs an evaluation, on a thread with a large stack if it nests deeper than the caller's stack
     * allows (then again from scratch). Evaluation has no side effects but {@code print()}, whose
     * output is held back until an attempt completes.
     */
    private <T> T evaluateBounded(java.util.function.Function<Consumer<String>, T> work) {
        List<String> printed = new ArrayList<>();
        T result = stack.run(
                () -> {
                    printed.clear();
                    return work.apply(printed::add);
                },
                () -> new RegoException(
                        "eval_resource_error",
                        "evaluation nested too deeply for the"
                                + " stack; simplify the policy or its data, or lower RegoOptions.maxEvalDepth"));
        printed.forEach(options.print());
        return result;
    }

    private static void collectQueryVars(Ast.Literal l, Set<String> vars) {
        Set<String> all = new LinkedHashSet<>();
        if (l.expr() instanceof Ast.TermExpr te) {
            Resolver.collectVars(te.term(), all);
        } else if (l.expr() instanceof Ast.SomeIn s) {
            if (s.key() != null) {
                Resolver.collectVars(s.key(), all);
            }
            Resolver.collectVars(s.value(), all);
        }
        for (String v : all) {
            if (!v.startsWith("$") && !v.equals("input") && !v.equals("data")) {
                vars.add(v);
            }
        }
    }
}

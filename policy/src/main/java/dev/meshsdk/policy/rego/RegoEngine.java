package dev.meshsdk.policy.rego;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An embedded Rego (OPA v1 syntax) evaluator over a fixed set of compiled modules.
 *
 * <p>Instances are immutable and safe for concurrent queries; each query gets its own caches and
 * resource accounting. Typical use:
 *
 * <pre>{@code
 * RegoEngine engine = RegoEngine.compile(List.of(RegoModule.parse("policy.rego", src)),
 *     RegoOptions.defaults());
 * Optional<RegoValue> deny = engine.evaluate("data.orders.deny", input, RegoValue.Obj.of(Map.of()));
 * }</pre>
 */
public final class RegoEngine {
  private static final long STACK_BYTES = 512L * 1024 * 1024;
  private final Policy policy;
  private final RegoOptions options;

  private RegoEngine(Policy policy, RegoOptions options) {
    this.policy = policy;
    this.options = options;
  }

  /**
   * Compiles modules into an engine.
   *
   * @throws RegoException with a {@code rego_*} code when names cannot be resolved
   */
  public static RegoEngine compile(List<RegoModule> modules, RegoOptions options) {
    Objects.requireNonNull(options, "options");
    List<Ast.Module> asts = new ArrayList<>();
    for (RegoModule m : modules) {
      asts.add(m.ast());
    }
    Compiler c = Compiler.compile(asts);
    BuiltinRegistry builtins = BuiltinRegistry.standard();
    new CallCheck(builtins).check(c.allRules);
    return new RegoEngine(new Policy(c, builtins), options);
  }

  /** Parses and compiles sources given as file name to source text. */
  public static RegoEngine compile(Map<String, String> sources, RegoOptions options) {
    List<RegoModule> ms = new ArrayList<>();
    sources.forEach((f, s) -> ms.add(RegoModule.parse(f, s)));
    return compile(ms, options);
  }

  /** The options this engine evaluates with. */
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
    List<Ast.Literal> body = Resolver.forQuery(policy.compiler).query(Parser.parseQuery(query));
    Set<String> vars = new LinkedHashSet<>();
    for (Ast.Literal l : body) {
      collectQueryVars(l, vars);
    }
    RegoValue d = data == null ? new RegoValue.Obj(new TreeMap<>()) : data;
    List<Map<String, RegoValue>> out = new ArrayList<>();
    RuntimeException[] failure = {null};
    Runnable run = () -> {
      try {
        QueryContext q = new QueryContext(options.clock().instant(), options.print(),
            options.strictBuiltinErrors());
        Limits limits = new Limits(options.maxSteps(), options.maxValueSize());
        Eval e = new Eval(policy, new Scope(input, d, Set.of(), Map.of()), limits, q);
        e.body(body, 0, Bindings.EMPTY, b -> {
          Map<String, RegoValue> row = new LinkedHashMap<>();
          for (String v : vars) {
            RegoValue x = b.get(v);
            if (x != null) {
              row.put(v, x);
            }
          }
          out.add(Collections.unmodifiableMap(row));
          return true;
        });
      } catch (RuntimeException ex) {
        failure[0] = ex;
      } catch (StackOverflowError so) {
        failure[0] = new RegoException("eval_resource_error", "evaluation nested too deeply;"
            + " simplify the policy or its data");
      }
    };
    Thread t = new Thread(null, run, "rego-eval", STACK_BYTES);
    t.start();
    try {
      t.join();
    } catch (InterruptedException ie) {
      t.interrupt();
      Thread.currentThread().interrupt();
      throw new RegoException("eval_cancel_error", "evaluation interrupted");
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return List.copyOf(out);
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

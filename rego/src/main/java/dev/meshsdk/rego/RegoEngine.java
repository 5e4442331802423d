package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entry point of the embedded Rego (OPA v1 syntax) interpreter: parses modules and compiles
 * them into a {@link RegoPolicySet} that evaluates queries, all under the limits of one
 * {@link RegoOptions}.
 *
 * <pre>{@code
 * RegoEngine rego = RegoEngine.create(RegoOptions.defaults());
 * RegoPolicySet policies = rego.compile(List.of(rego.parse("orders.rego", source)));
 * Optional<RegoValue> deny = policies.evaluate("data.orders.deny", input, null);
 * }</pre>
 *
 * <p>Immutable and safe to share between threads. A policy is untrusted content: parsing,
 * compiling and evaluating are bounded in nesting depth, steps (with the cost of builtins and
 * big numbers counted), value size and time, and fail with a {@link RegoException} naming the
 * file, line and column instead of exhausting the stack, the heap or the CPU.
 */
public final class RegoEngine {
    private final RegoOptions options;
    private final DeepStack stack;

    private RegoEngine(RegoOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.stack = new DeepStack();
    }

    /** An engine with these options. */
    public static RegoEngine create(RegoOptions options) {
        return new RegoEngine(options);
    }

    /** The options this engine parses, compiles and evaluates with. */
    public RegoOptions options() {
        return options;
    }

    /**
     * Parses Rego v1 source.
     *
     * @param fileName the name used in error locations ({@code file:line:column})
     * @param source the module text
     * @throws RegoException with code {@code rego_parse_error} on a syntax error or when the source
     *     nests deeper than {@link RegoOptions#maxParseDepth()}
     */
    public RegoModule parse(String fileName, String source) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(source, "source");
        return stack.run(
                () -> new RegoModule(Parser.parse(fileName, source, options.maxParseDepth())),
                () -> RegoException.parse(
                        fileName + ":1:1: rego_parse_error: module nests too deeply" + " for the parser; simplify it"));
    }

    /**
     * Compiles parsed modules into a policy set.
     *
     * @throws RegoException with a {@code rego_*} code when names cannot be resolved
     */
    public RegoPolicySet compile(List<RegoModule> modules) {
        List<Ast.Module> asts = new ArrayList<>();
        for (RegoModule m : modules) {
            asts.add(m.ast());
        }
        Policy policy = stack.run(
                () -> {
                    Compiler c = Compiler.compile(asts);
                    BuiltinRegistry builtins = BuiltinRegistry.standard();
                    new CallCheck(builtins).check(c.allRules);
                    return new Policy(c, builtins);
                },
                () -> RegoException.compile("policies nest too deeply to compile; simplify them"));
        return new RegoPolicySet(policy, options, stack);
    }

    /** Parses and compiles sources given as file name to source text. */
    public RegoPolicySet compile(Map<String, String> sources) {
        List<RegoModule> ms = new ArrayList<>();
        sources.forEach((f, s) -> ms.add(parse(f, s)));
        return compile(ms);
    }
}

package dev.meshsdk.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.rego.RegoEngine;
import dev.meshsdk.rego.RegoException;
import dev.meshsdk.rego.RegoModule;
import dev.meshsdk.rego.RegoPolicySet;
import dev.meshsdk.rego.RegoValue;
import dev.meshsdk.spi.policy.AllowedColumnDrop;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.policy.WithheldAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates the governance pack and the project's policies with the embedded Rego engine, following
 * the conftest and Gatekeeper conventions: in every package, rules {@code deny} and {@code violation}
 * (errors) and {@code warn} (warnings), each a set of messages or of {@code {msg, details}} objects; and
 * {@code withhold_access}, a set of {@code {port, principal, msg}} objects naming access the contract's
 * roles grant but the policies withhold ({@code port} may be left out for every port); and
 * {@code allow_column_drop}, a set of {@code {port, table, column, msg}} objects naming columns a plan may drop
 * ({@link AllowedDrops}). On
 * {@code validate} it also runs the project's {@code test_*} rules, as {@code opa test} does; a test that
 * is not true is an error. The tests read no product, so they run once, on the first validation, and their
 * findings are added to every product's. Parsing and evaluation are bounded (nesting, steps, value sizes, time; see
 * {@link RegoPolicyEngineFactory}), so a hostile or buggy policy fails with its file and line instead of
 * hanging or crashing the build.
 */
final class RegoPolicyEngine implements PolicyEngine {
    private static final String WITHHOLD = "withhold_access";
    /** Findings, then access withheld ({@code {port, principal, msg}}), then columns a plan may drop. */
    private static final List<String> RULES = List.of("deny", "violation", "warn", WITHHOLD, AllowedDrops.RULE);

    /** Made on first use: plain maps and lists, the usual input, need no mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {}
    }

    private final PolicySources sources;
    private final RegoPolicySet engine;
    private final RegoValue data;
    /** {@code data.<package>.<rule>} for every package and rule in {@link #RULES}, evaluated together. */
    private final List<String> refs = new ArrayList<>();

    private final List<String> refRules = new ArrayList<>();
    private final List<RegoModule> refModules = new ArrayList<>();
    /**
     * The findings of the project's {@code test_*} rules, made on the first validation: they run without input on the
     * policies and data this engine was made with, so they answer the same for every product.
     */
    private volatile List<PolicyFinding> testFindings;

    RegoPolicyEngine(RegoEngine rego, PolicySources sources) {
        this.sources = sources;
        try {
            this.engine = rego.compile(sources.modules());
        } catch (RegoException e) {
            throw new MeshException(ErrorCode.INVALID_DESCRIPTOR, "Cannot compile policies: " + e.getMessage(), e);
        }
        this.data = RegoValue.fromJson(sources.data());
        Set<String> packages = new HashSet<>();
        for (RegoModule module : sources.modules()) {
            if (!packages.add(module.packagePath())) continue;
            for (String rule : RULES) {
                refs.add("data." + module.packagePath() + "." + rule);
                refRules.add(rule);
                refModules.add(module);
            }
        }
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) {
        RegoValue in = toRego(input.document());
        List<RegoPolicySet.Evaluation> values;
        try {
            values = engine.evaluateAllWithOrigins(refs, in, data);
        } catch (RegoException e) {
            String file = e.reference()
                    .map(refs::indexOf)
                    .filter(i -> i >= 0)
                    .map(i -> " (" + refModules.get(i).fileName() + ")")
                    .orElse("");
            throw new MeshException(
                    ErrorCode.POLICY_DENIED,
                    "Cannot evaluate the policies" + file + ": " + e.getMessage()
                            + "; the deploy is blocked until the policy is fixed",
                    e);
        }
        List<PolicyFinding> findings = new ArrayList<>(sources.dataWarnings());
        List<WithheldAccess> withheld = new ArrayList<>();
        List<AllowedColumnDrop> drops = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            Optional<RegoValue> value = values.get(i).value();
            if (value.isEmpty()
                    || value.get() instanceof RegoValue.SetV set && set.items().isEmpty()) continue;
            RegoModule module = refModules.get(i);
            String rule = refRules.get(i);
            if (rule.equals(WITHHOLD)) {
                for (RegoValue item : members(value.get())) withheld.add(withheld(module, item.toJava()));
                continue;
            }
            if (rule.equals(AllowedDrops.RULE)) {
                for (RegoValue item : members(value.get())) {
                    drops.add(AllowedDrops.of(module.packagePath(), "(" + module.fileName() + ")", item.toJava()));
                }
                continue;
            }
            Severity severity = rule.equals("warn") ? Severity.WARNING : Severity.ERROR;
            Location first = location(module, rule);
            Map<RegoValue, RegoPolicySet.Origin> origins = values.get(i).origins();
            for (RegoValue item : members(value.get())) {
                // the definition that produced the item, when the package defines the rule more than once
                RegoPolicySet.Origin origin = origins.get(item);
                Location where = origin == null ? first : new Location(Path.of(origin.file()), origin.line(), 1, "");
                findings.add(finding(severity, module.packagePath() + "." + rule, item.toJava(), where));
            }
        }
        if ("validate".equals(input.document().get("event"))) findings.addAll(testFindings());
        return new PolicyDecision(findings, null, withheld, drops);
    }

    /** Plain maps and lists convert directly; anything else goes through Jackson's tree model. */
    private static RegoValue toRego(Map<String, Object> document) {
        try {
            return RegoValue.fromJava(document);
        } catch (IllegalArgumentException notPlain) {
            return RegoValue.fromJson(Json.MAPPER.valueToTree(document));
        }
    }

    private List<PolicyFinding> testFindings() {
        List<PolicyFinding> found = testFindings;
        if (found == null) {
            found = runTests();
            testFindings = found;
        }
        return found;
    }

    private List<PolicyFinding> runTests() {
        List<PolicyFinding> findings = new ArrayList<>();
        for (RegoModule module : sources.modules()) {
            if (!sources.userFiles().contains(module.fileName())) continue;
            for (String test : sources.tests(module.fileName())) {
                Optional<RegoValue> result = run(module, test, null);
                boolean passed =
                        result.isPresent() && Boolean.TRUE.equals(result.get().toJava());
                if (!passed) {
                    findings.add(new PolicyFinding(
                            Severity.ERROR,
                            module.packagePath() + "." + test,
                            "policy test '" + test + "' failed ("
                                    + result.map(v -> "result " + v.toJava()).orElse("undefined") + ")",
                            Map.of(),
                            location(module, test)));
                }
            }
        }
        return List.copyOf(findings);
    }

    private Optional<RegoValue> run(RegoModule module, String rule, RegoValue in) {
        String ref = "data." + module.packagePath() + "." + rule;
        try {
            return engine.evaluate(ref, in, data);
        } catch (RegoException e) {
            throw new MeshException(
                    ErrorCode.POLICY_DENIED,
                    "Cannot evaluate " + ref + " (" + module.fileName() + "): " + e.getMessage()
                            + "; the deploy is blocked until the policy is fixed",
                    e);
        }
    }

    private Location location(RegoModule module, String rule) {
        return new Location(Path.of(module.fileName()), sources.line(module.fileName(), rule), 1, "");
    }

    private WithheldAccess withheld(RegoModule module, Object item) {
        if (item instanceof Map<?, ?> m && m.get("principal") instanceof String principal) {
            Object port = m.get("port");
            Object msg = m.get("msg");
            return new WithheldAccess(
                    port instanceof String p ? p : "*", principal, msg == null ? "" : String.valueOf(msg));
        }
        throw new MeshException(
                ErrorCode.POLICY_DENIED,
                "Cannot read data." + module.packagePath() + "." + WITHHOLD
                        + " (" + module.fileName() + "): its items must be objects {port, principal, msg}, found "
                        + item
                        + "; the deploy is blocked until the policy is fixed");
    }

    /** The items of a set or array value, else the value itself. */
    private static List<RegoValue> members(RegoValue value) {
        if (value instanceof RegoValue.SetV set) return List.copyOf(set.items());
        if (value instanceof RegoValue.Arr array) return array.items();
        return List.of(value);
    }

    private static PolicyFinding finding(Severity severity, String rule, Object item, Location where) {
        if (item instanceof Map<?, ?> m && m.get("msg") instanceof String msg) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (m.get("details") instanceof Map<?, ?> d) d.forEach((k, v) -> details.put(String.valueOf(k), v));
            return new PolicyFinding(severity, rule, msg, details, where);
        }
        return new PolicyFinding(severity, rule, String.valueOf(item), Map.of(), where);
    }

    @Override
    public void close() {
        // nothing held
    }
}

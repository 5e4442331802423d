package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Computes rego.metadata.rule() and rego.metadata.chain() for a rule at compile time. */
final class MetadataChain {
    private final Compiler compiler;

    MetadataChain(Compiler compiler) {
        this.compiler = compiler;
    }

    static String groundPath(Ast.Rule r) {
        return String.join(".", groundList(r));
    }

    private static List<String> groundList(Ast.Rule r) {
        List<String> out = new ArrayList<>();
        for (Ast.Term t : r.path()) {
            String s = Compiler.str(t);
            if (s == null) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /** The value of {@code op} for {@code rule}, or null if {@code op} is not a metadata call. */
    RegoValue value(String op, Ast.Rule rule) {
        if (op.equals("rego.metadata.rule")) {
            return rule.annotations() != null ? rule.annotations() : new RegoValue.Obj(new TreeMap<>());
        }
        if (!op.equals("rego.metadata.chain")) {
            return null;
        }
        List<RegoValue> chain = new ArrayList<>();
        List<String> path = groundList(rule);
        chain.add(entry(path, rule.annotations()));
        RegoValue.Obj doc = compiler.documentAnnotations.get(String.join(".", path));
        if (doc != null && doc != rule.annotations()) {
            chain.add(entry(path, doc));
        }
        List<String> pkg = new ArrayList<>(path.subList(0, Math.max(0, path.size() - 1)));
        boolean own = true;
        while (!pkg.isEmpty()) {
            RegoValue.Obj a = compiler.packageAnnotations.get(String.join(".", pkg));
            if (a != null && (own || RegoValue.of("subpackages").equals(a.get(RegoValue.of("scope"))))) {
                chain.add(entry(pkg, a));
            }
            own = false;
            pkg = pkg.subList(0, pkg.size() - 1);
        }
        return new RegoValue.Arr(chain);
    }

    private static RegoValue entry(List<String> path, RegoValue.Obj annotations) {
        TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
        m.put(
                RegoValue.of("path"),
                new RegoValue.Arr(path.stream()
                        .map(RegoValue::of)
                        .map(RegoValue.class::cast)
                        .toList()));
        if (annotations != null) {
            m.put(RegoValue.of("annotations"), annotations);
        }
        return new RegoValue.Obj(m);
    }
}

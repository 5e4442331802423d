package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves names in parsed modules (rule names, imports, function calls) and builds the
 * virtual document tree.
 */
final class Compiler {
    private final Map<String, Set<String>> ruleNamesByPkg = new HashMap<>();
    private final Set<String> functionPaths = new HashSet<>();
    final DataNode root = new DataNode(List.of());
    final Map<String, List<Ast.Rule>> functions = new HashMap<>();
    final Map<String, Ast.Rule> functionDefaults = new HashMap<>();
    final List<Ast.Rule> allRules = new ArrayList<>();
    final Map<String, RegoValue.Obj> packageAnnotations = new HashMap<>();
    final Map<String, RegoValue.Obj> documentAnnotations = new HashMap<>();

    static Compiler compile(List<Ast.Module> modules) {
        Compiler c = new Compiler();
        for (Ast.Module m : modules) {
            String pkg = String.join(".", m.pkg());
            if (m.annotations() != null) {
                c.packageAnnotations.put(pkg, m.annotations());
            }
            for (Ast.Rule r : m.rules()) {
                if (r.annotations() != null
                        && RegoValue.of("document").equals(r.annotations().get(RegoValue.of("scope")))) {
                    c.documentAnnotations.put(MetadataChain.groundPath(r), r.annotations());
                }
                String first = str(r.path().get(m.pkg().size()));
                c.ruleNamesByPkg.computeIfAbsent(pkg, k -> new HashSet<>()).add(first);
                if (r.kind() == Ast.RuleKind.FUNCTION) {
                    c.functionPaths.add(groundPath(r));
                }
            }
        }
        for (Ast.Module m : modules) {
            DataNode n = c.root;
            for (String s : m.pkg()) {
                n = n.child(s);
            }
            Resolver res = new Resolver(c, m);
            for (Ast.Rule r : m.rules()) {
                c.add(res.rule(r));
            }
        }
        return c;
    }

    boolean isFunction(String dotted) {
        return functionPaths.contains(dotted);
    }

    Set<String> ruleNames(String pkg) {
        return ruleNamesByPkg.getOrDefault(pkg, Set.of());
    }

    static String str(Ast.Term t) {
        return t instanceof Ast.Scalar s && s.value() instanceof RegoValue.Str str ? str.value() : null;
    }

    static String groundPath(Ast.Rule r) {
        StringBuilder sb = new StringBuilder();
        for (Ast.Term t : r.path()) {
            String s = str(t);
            if (s == null) {
                throw RegoException.compile(r.loc() + ": function name must be a plain reference;"
                        + " remove variables from the function head");
            }
            sb.append(sb.length() == 0 ? "" : ".").append(s);
        }
        return sb.toString();
    }

    private void add(Ast.Rule r) {
        allRules.add(r);
        if (r.kind() == Ast.RuleKind.FUNCTION) {
            String key = groundPath(r);
            DataNode n = root;
            for (int i = 0; i < r.path().size() - 1; i++) {
                n = n.child(str(r.path().get(i)));
            }
            if (r.isDefault()) {
                functionDefaults.put(key, r);
            } else {
                functions.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
            return;
        }
        DataNode n = root;
        int i = 0;
        for (; i < r.path().size(); i++) {
            String s = str(r.path().get(i));
            if (s == null) {
                break;
            }
            if (i == r.path().size() - 1 && r.kind() == Ast.RuleKind.SET) {
                n = n.child(s);
                i++;
                break;
            }
            n = n.child(s);
        }
        if (r.isDefault()) {
            if (n.defaultRule != null) {
                throw RegoException.compile(
                        r.loc() + ": multiple default rules " + n.dotted() + " found; keep only one");
            }
            n.defaultRule = r;
        } else {
            n.rules.add(r);
        }
    }
}

package dev.meshsdk.rego;

import java.util.List;
import java.util.Map;

/** The compiled form of a set of modules: the rule tree, functions and builtins. */
final class Policy {
    final DataNode root;
    final Map<String, List<Ast.Rule>> functions;
    final Map<String, Ast.Rule> functionDefaults;
    final BuiltinRegistry builtins;
    final Compiler compiler;

    Policy(Compiler c, BuiltinRegistry builtins) {
        this.root = c.root;
        this.functions = c.functions;
        this.functionDefaults = c.functionDefaults;
        this.builtins = builtins;
        this.compiler = c;
    }

    boolean isFunction(String dotted) {
        return functions.containsKey(dotted) || functionDefaults.containsKey(dotted);
    }

    int arity(String dotted) {
        List<Ast.Rule> rs = functions.get(dotted);
        Ast.Rule r = rs != null && !rs.isEmpty() ? rs.get(0) : functionDefaults.get(dotted);
        return r.args().size();
    }
}

package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the document defined by the rules attached to one node. */
final class RuleValues {
    static final String COMPLETE_CONFLICT = "complete rules must not produce multiple outputs";
    private final Eval eval;
    private final DataNode node;

    RuleValues(Eval eval, DataNode node) {
        this.eval = eval;
        this.node = node;
    }

    RegoValue value() {
        int depth = node.path.size();
        List<Ast.Rule> complete = new ArrayList<>();
        List<Ast.Rule> sets = new ArrayList<>();
        List<Ast.Rule> dyn = new ArrayList<>();
        for (Ast.Rule r : node.rules) {
            if (r.path().size() > depth) {
                dyn.add(r);
            } else if (r.kind() == Ast.RuleKind.SET) {
                sets.add(r);
            } else {
                complete.add(r);
            }
        }
        RegoValue v;
        if (!sets.isEmpty()) {
            v = setValue(sets);
        } else if (!dyn.isEmpty()) {
            v = objectValue(dyn, depth);
        } else {
            v = completeValue(complete);
        }
        return v;
    }

    private RegoValue completeValue(List<Ast.Rule> rules) {
        RegoValue[] out = {null};
        for (Ast.Rule r : rules) {
            chain(r, out, COMPLETE_CONFLICT);
        }
        if (out[0] == null && node.defaultRule != null) {
            eval.term(node.defaultRule.value(), Bindings.EMPTY, (v, b) -> {
                out[0] = v;
                return false;
            });
        }
        return out[0];
    }

    private void chain(Ast.Rule r, RegoValue[] out, String conflict) {
        boolean[] matched = {false};
        eval.body(r.body(), 0, Bindings.EMPTY, b -> {
            matched[0] = true;
            eval.term(r.value(), b, (v, b2) -> {
                if (out[0] == null) {
                    out[0] = v;
                } else if (!out[0].equals(v)) {
                    throw RegoException.conflict(r.loc() + ": " + conflict + "; make the rule bodies"
                            + " mutually exclusive or give them the same value");
                }
                return true;
            });
            return r.elseRule() == null;
        });
        if (!matched[0] && r.elseRule() != null) {
            chain(r.elseRule(), out, conflict);
        }
    }

    private RegoValue setValue(List<Ast.Rule> rules) {
        TreeSet<RegoValue> out = new TreeSet<>();
        for (Ast.Rule r : rules) {
            eval.body(
                    r.body(),
                    0,
                    Bindings.EMPTY,
                    b -> eval.term(r.value(), b, (v, b2) -> {
                        if (out.add(v) && eval.qctx.origins != null) {
                            eval.qctx
                                    .origins
                                    .computeIfAbsent(node, n -> new HashMap<>())
                                    .putIfAbsent(v, r.loc());
                        }
                        eval.limits.size(out.size(), r.loc());
                        return true;
                    }));
        }
        return new RegoValue.SetV(out);
    }

    private RegoValue objectValue(List<Ast.Rule> rules, int depth) {
        TreeMap<RegoValue, Object> m = new TreeMap<>();
        for (Ast.Rule r : rules) {
            List<Ast.Term> keys = r.path().subList(depth, r.path().size());
            boolean setLeaf = r.kind() == Ast.RuleKind.SET;
            eval.body(
                    r.body(),
                    0,
                    Bindings.EMPTY,
                    b -> eval.list(
                            keys,
                            0,
                            new RegoValue[keys.size()],
                            b,
                            (kv, b2) -> eval.term(r.value(), b2, (v, b3) -> {
                                ObjectBuilder.insert(m, List.of(kv), v, setLeaf, r.loc());
                                eval.limits.size(m.size(), r.loc());
                                return true;
                            })));
        }
        for (DataNode child : node.children.values()) {
            RegoValue cv = eval.docs.nodeValue(child);
            if (cv != null) {
                ObjectBuilder.merge(m, RegoValue.of(child.path.get(child.path.size() - 1)), cv);
            }
        }
        return ObjectBuilder.build(m);
    }
}

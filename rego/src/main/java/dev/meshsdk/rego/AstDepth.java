package dev.meshsdk.rego;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Checks, without recursion, that a parsed module nests at most {@code maxDepth} levels deep, so
 * the resolver, the compiler and the evaluator, which do recurse, never meet a deeper tree. The
 * parser's own nesting limit does not cover everything: {@code 1 + 1 + ... + 1} is parsed by a
 * loop but is as deep as it is long, and so is a reference with a long path.
 */
final class AstDepth {
    private record Item(Object node, int depth, Ast.Loc near) {}

    private final int maxDepth;
    private final Deque<Item> todo = new ArrayDeque<>();

    private AstDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    static void check(Ast.Module m, int maxDepth) {
        AstDepth d = new AstDepth(maxDepth);
        for (Ast.Import im : m.imports()) {
            d.push(im.ref(), 1, im.loc());
        }
        for (Ast.Rule r : m.rules()) {
            d.push(r, 1, r.loc());
        }
        d.run();
    }

    static void check(Ast.Literal l, int maxDepth) {
        AstDepth d = new AstDepth(maxDepth);
        d.push(l, 1, l.loc());
        d.run();
    }

    private void push(Object node, int depth, Ast.Loc near) {
        if (node != null) {
            todo.push(new Item(node, depth, near));
        }
    }

    private void pushAll(List<?> nodes, int depth, Ast.Loc near) {
        for (Object n : nodes) {
            push(n, depth, near);
        }
    }

    private void run() {
        while (!todo.isEmpty()) {
            Item it = todo.pop();
            Ast.Loc loc = it.node() instanceof Ast.Term t && t.loc() != null
                    ? t.loc()
                    : it.node() instanceof Ast.Literal l && l.loc() != null
                            ? l.loc()
                            : it.node() instanceof Ast.Rule r && r.loc() != null ? r.loc() : it.near();
            if (it.depth() > maxDepth) {
                throw RegoException.parse(loc + ": " + TokenCursor.tooDeepMessage(maxDepth));
            }
            children(it.node(), it.depth() + 1, loc);
        }
    }

    private void children(Object n, int d, Ast.Loc loc) {
        if (n instanceof Ast.Rule r) {
            pushAll(r.path(), d, loc);
            if (r.args() != null) {
                pushAll(r.args(), d, loc);
            }
            push(r.value(), d, loc);
            pushAll(r.body(), d, loc);
            push(r.elseRule(), d, loc);
        } else if (n instanceof Ast.Literal l) {
            push(l.expr(), d, loc);
            for (Ast.With w : l.withs()) {
                push(w.target(), d, loc);
                push(w.value(), d, loc);
            }
        } else if (n instanceof Ast.TermExpr te) {
            push(te.term(), d, loc);
        } else if (n instanceof Ast.SomeDecl sd) {
            pushAll(sd.vars(), d, loc);
        } else if (n instanceof Ast.SomeIn s) {
            push(s.key(), d, loc);
            push(s.value(), d, loc);
            push(s.collection(), d, loc);
        } else if (n instanceof Ast.Every ev) {
            push(ev.key(), d, loc);
            push(ev.value(), d, loc);
            push(ev.domain(), d, loc);
            pushAll(ev.body(), d, loc);
        } else if (n instanceof Ast.Ref r) {
            push(r.head(), d, loc);
            // each operand of a path is one more level for the evaluator's walk
            for (int i = 0; i < r.path().size(); i++) {
                push(r.path().get(i), d + i, loc);
            }
        } else if (n instanceof Ast.ArrayTerm a) {
            pushAll(a.items(), d, loc);
        } else if (n instanceof Ast.SetTerm s) {
            pushAll(s.items(), d, loc);
        } else if (n instanceof Ast.ObjectTerm o) {
            for (Ast.Pair p : o.pairs()) {
                push(p.key(), d, loc);
                push(p.value(), d, loc);
            }
        } else if (n instanceof Ast.Call c) {
            pushAll(c.args(), d, loc);
        } else if (n instanceof Ast.ArrayCompr c) {
            push(c.head(), d, loc);
            pushAll(c.body(), d, loc);
        } else if (n instanceof Ast.SetCompr c) {
            push(c.head(), d, loc);
            pushAll(c.body(), d, loc);
        } else if (n instanceof Ast.ObjectCompr c) {
            push(c.key(), d, loc);
            push(c.value(), d, loc);
            pushAll(c.body(), d, loc);
        } else if (n instanceof Ast.Template t) {
            for (Object part : t.parts()) {
                if (part instanceof Ast.Literal) {
                    push(part, d, loc);
                }
            }
        }
    }
}

package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rewrites one module's terms so rule names and import aliases become data/input references. */
final class Resolver {
    private final Compiler compiler;
    private final List<String> pkg;
    private final String pkgName;
    private final Map<String, Ast.Ref> imports = new HashMap<>();
    private Set<String> locals = Set.of();
    private Ast.Rule current;

    Resolver(Compiler compiler, Ast.Module m) {
        this.compiler = compiler;
        this.pkg = m.pkg();
        this.pkgName = String.join(".", pkg);
        for (Ast.Import im : m.imports()) {
            Ast.Ref r = im.ref();
            String root = r.head() instanceof Ast.Var v ? v.name() : "";
            if (root.equals("future") || root.equals("rego")) {
                continue;
            }
            if (!root.equals("data") && !root.equals("input")) {
                throw RegoException.compile(
                        im.loc() + ": import must start with data or input;" + " change the import path");
            }
            String alias = im.alias();
            if (alias == null) {
                alias = r.path().isEmpty()
                        ? root
                        : Compiler.str(r.path().get(r.path().size() - 1));
            }
            if (alias != null && !(r.path().isEmpty() && alias.equals(root))) {
                imports.put(alias, r);
            }
        }
    }

    /** Creates a resolver for a query with no package. */
    static Resolver forQuery(Compiler compiler) {
        return new Resolver(compiler, new Ast.Module("query", List.of(), List.of(), List.of()));
    }

    Ast.Rule rule(Ast.Rule r) {
        current = r;
        return resolveRule(r);
    }

    /** Resolves a rule and its else chain (whose metadata is the first rule's). */
    private Ast.Rule resolveRule(Ast.Rule r) {
        Set<String> ls = new HashSet<>();
        if (r.args() != null) {
            r.args().forEach(a -> collectVars(a, ls));
        }
        collectDeclared(r.body(), ls);
        collectNested(r.value(), ls);
        r.path().forEach(t -> collectNested(t, ls));
        locals = ls;
        List<Ast.Term> path = new ArrayList<>();
        for (int i = 0; i < r.path().size(); i++) {
            Ast.Term t = r.path().get(i);
            path.add(Compiler.str(t) != null ? t : term(t));
        }
        List<Ast.Term> args =
                r.args() == null ? null : r.args().stream().map(this::term).toList();
        Ast.Rule elseRule = r.elseRule() == null ? null : resolveRule(r.elseRule());
        locals = ls;
        return new Ast.Rule(
                r.loc(),
                path,
                r.kind(),
                args,
                term(r.value()),
                body(r.body()),
                elseRule,
                r.isDefault(),
                r.annotations());
    }

    /** Resolves a query body: locals are whatever the query binds. */
    List<Ast.Literal> query(List<Ast.Literal> body) {
        Set<String> ls = new HashSet<>();
        collectDeclared(body, ls);
        locals = ls;
        return body(body);
    }

    static void collectVars(Ast.Term t, Set<String> out) {
        if (t instanceof Ast.Var v) {
            out.add(v.name());
        } else if (t instanceof Ast.Ref r) {
            collectVars(r.head(), out);
            r.path().forEach(x -> collectVars(x, out));
        } else if (t instanceof Ast.ArrayTerm a) {
            a.items().forEach(x -> collectVars(x, out));
        } else if (t instanceof Ast.SetTerm s) {
            s.items().forEach(x -> collectVars(x, out));
        } else if (t instanceof Ast.ObjectTerm o) {
            o.pairs().forEach(p -> {
                collectVars(p.key(), out);
                collectVars(p.value(), out);
            });
        } else if (t instanceof Ast.Call c) {
            c.args().forEach(x -> collectVars(x, out));
        } else if (t instanceof Ast.Template tp) {
            for (Object o : tp.parts()) {
                if (o instanceof Ast.Literal l && l.expr() instanceof Ast.TermExpr te) {
                    collectVars(te.term(), out);
                }
            }
        }
    }

    private static void collectDeclared(List<Ast.Literal> body, Set<String> out) {
        for (Ast.Literal l : body) {
            Ast.Expr e = l.expr();
            if (e instanceof Ast.SomeDecl d) {
                d.vars().forEach(v -> out.add(v.name()));
            } else if (e instanceof Ast.SomeIn s) {
                if (s.key() != null) {
                    collectVars(s.key(), out);
                }
                collectVars(s.value(), out);
            } else if (e instanceof Ast.Every ev) {
                if (ev.key() != null) {
                    collectVars(ev.key(), out);
                }
                collectVars(ev.value(), out);
                collectDeclared(ev.body(), out);
            } else if (e instanceof Ast.TermExpr te) {
                if (te.term() instanceof Ast.Call c && c.op().equals("assign")) {
                    collectVars(c.args().get(0), out);
                }
                collectNested(te.term(), out);
            }
        }
    }

    static void collectNested(Ast.Term t, Set<String> out) {
        if (t instanceof Ast.ArrayCompr c) {
            collectDeclared(c.body(), out);
        } else if (t instanceof Ast.SetCompr c) {
            collectDeclared(c.body(), out);
        } else if (t instanceof Ast.ObjectCompr c) {
            collectDeclared(c.body(), out);
        } else if (t instanceof Ast.Call c) {
            c.args().forEach(x -> collectNested(x, out));
        } else if (t instanceof Ast.ArrayTerm a) {
            a.items().forEach(x -> collectNested(x, out));
        } else if (t instanceof Ast.SetTerm s) {
            s.items().forEach(x -> collectNested(x, out));
        } else if (t instanceof Ast.ObjectTerm o) {
            o.pairs().forEach(p -> {
                collectNested(p.key(), out);
                collectNested(p.value(), out);
            });
        } else if (t instanceof Ast.Ref r) {
            collectNested(r.head(), out);
            r.path().forEach(x -> collectNested(x, out));
        }
    }

    List<Ast.Literal> body(List<Ast.Literal> body) {
        List<Ast.Literal> out = new ArrayList<>(body.size());
        for (Ast.Literal l : body) {
            List<Ast.With> withs = new ArrayList<>();
            for (Ast.With w : l.withs()) {
                withs.add(new Ast.With(withTarget(w.target()), term(w.value())));
            }
            out.add(new Ast.Literal(expr(l.expr()), l.negated(), withs, l.loc()));
        }
        return out;
    }

    private Ast.Expr expr(Ast.Expr e) {
        if (e instanceof Ast.TermExpr t) {
            return new Ast.TermExpr(term(t.term()));
        } else if (e instanceof Ast.SomeIn s) {
            return new Ast.SomeIn(s.key() == null ? null : term(s.key()), term(s.value()), term(s.collection()));
        } else if (e instanceof Ast.Every ev) {
            return new Ast.Every(
                    ev.key() == null ? null : term(ev.key()), term(ev.value()), term(ev.domain()), body(ev.body()));
        }
        return e;
    }

    private Ast.Term withTarget(Ast.Term t) {
        String name = TermParser.callName(t);
        if (name != null) {
            String target = functionTarget(name);
            if (target != null) {
                return new Ast.Call(name, List.of(), t.loc(), dataRef(target, t.loc()));
            }
            String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (!root.equals("input")
                    && !root.equals("data")
                    && !imports.containsKey(root)
                    && !compiler.ruleNames(pkgName).contains(root)) {
                return new Ast.Call(name, List.of(), t.loc(), null);
            }
        }
        return term(t);
    }

    /** The dotted data path of a user function called as {@code name}, or null for builtins. */
    private String functionTarget(String name) {
        String local = pkgName.isEmpty() ? name : pkgName + "." + name;
        if (compiler.isFunction(local)) {
            return local;
        }
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot);
        Ast.Ref im = imports.get(head);
        if (im != null && im.head() instanceof Ast.Var v && v.name().equals("data")) {
            StringBuilder sb = new StringBuilder();
            for (Ast.Term t : im.path()) {
                sb.append(sb.length() == 0 ? "" : ".").append(Compiler.str(t));
            }
            String full = sb + rest;
            if (compiler.isFunction(full)) {
                return full;
            }
        }
        if (name.startsWith("data.") && compiler.isFunction(name.substring(5))) {
            return name.substring(5);
        }
        return null;
    }

    private static Ast.Ref dataRef(String dotted, Ast.Loc loc) {
        List<Ast.Term> path = new ArrayList<>();
        for (String s : dotted.split("\\.")) {
            path.add(new Ast.Scalar(RegoValue.of(s), loc));
        }
        return new Ast.Ref(new Ast.Var("data", loc), path, loc);
    }

    Ast.Term term(Ast.Term t) {
        if (t instanceof Ast.Var v) {
            return var(v);
        } else if (t instanceof Ast.Ref r) {
            Ast.Term head = term(r.head());
            List<Ast.Term> path = new ArrayList<>();
            if (head instanceof Ast.Ref hr) {
                path.addAll(hr.path());
                head = hr.head();
            }
            for (Ast.Term e : r.path()) {
                path.add(term(e));
            }
            return new Ast.Ref(head, path, r.loc());
        } else if (t instanceof Ast.ArrayTerm a) {
            return new Ast.ArrayTerm(a.items().stream().map(this::term).toList(), a.loc());
        } else if (t instanceof Ast.SetTerm s) {
            return new Ast.SetTerm(s.items().stream().map(this::term).toList(), s.loc());
        } else if (t instanceof Ast.ObjectTerm o) {
            return new Ast.ObjectTerm(
                    o.pairs().stream()
                            .map(p -> new Ast.Pair(term(p.key()), term(p.value())))
                            .toList(),
                    o.loc());
        } else if (t instanceof Ast.Call c) {
            if (c.args().isEmpty() && current != null && c.op().startsWith("rego.metadata.")) {
                RegoValue v = new MetadataChain(compiler).value(c.op(), current);
                if (v != null) {
                    return new Ast.Scalar(v, c.loc());
                }
            }
            List<Ast.Term> args = c.args().stream().map(this::term).toList();
            String target = functionTarget(c.op());
            return new Ast.Call(c.op(), args, c.loc(), target == null ? null : dataRef(target, c.loc()));
        } else if (t instanceof Ast.ArrayCompr c) {
            return new Ast.ArrayCompr(term(c.head()), body(c.body()), c.loc());
        } else if (t instanceof Ast.SetCompr c) {
            return new Ast.SetCompr(term(c.head()), body(c.body()), c.loc());
        } else if (t instanceof Ast.ObjectCompr c) {
            return new Ast.ObjectCompr(term(c.key()), term(c.value()), body(c.body()), c.loc());
        } else if (t instanceof Ast.Template tp) {
            List<Object> parts = new ArrayList<>();
            for (Object o : tp.parts()) {
                parts.add(o instanceof Ast.Literal l ? body(List.of(l)).get(0) : o);
            }
            return new Ast.Template(parts, tp.loc());
        }
        return t;
    }

    private Ast.Term var(Ast.Var v) {
        String n = v.name();
        if (locals.contains(n) || v.isRoot() || v.isWildcard()) {
            return v;
        }
        if (compiler.ruleNames(pkgName).contains(n)) {
            List<Ast.Term> path = new ArrayList<>();
            for (String s : pkg) {
                path.add(new Ast.Scalar(RegoValue.of(s), v.loc()));
            }
            path.add(new Ast.Scalar(RegoValue.of(n), v.loc()));
            return new Ast.Ref(new Ast.Var("data", v.loc()), path, v.loc());
        }
        Ast.Ref im = imports.get(n);
        if (im != null) {
            return new Ast.Ref(im.head(), im.path(), v.loc());
        }
        return v;
    }
}

package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * strings.render_template: a subset of Go's text/template (field paths, variables, if/else,
 * range and with blocks). A missing field renders as {@code <undefined>}.
 */
final class GoTemplate {
    private record Node(String kind, String arg, List<Node> body, List<Node> elseBody) {}

    private final String src;
    private int pos;

    private GoTemplate(String src) {
        this.src = src;
    }

    static void register(BuiltinRegistry r) {
        r.add("strings.render_template", 2, (a, c) -> {
            String fn = "strings.render_template";
            GoTemplate t = new GoTemplate(Args.str(fn, a, 0));
            List<Node> nodes = t.parse(false);
            StringBuilder sb = new StringBuilder();
            Map<String, RegoValue> vars = new HashMap<>();
            vars.put("$", Args.obj(fn, a, 1));
            render(nodes, Args.obj(fn, a, 1), vars, sb);
            c.limits().chars(sb.length());
            return Args.str(sb.toString());
        });
    }

    /** Parses until the end of input, or (when {@code nested}) an {@code end}/{@code else}. */
    private List<Node> parse(boolean nested) {
        List<Node> out = new ArrayList<>();
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            if (open < 0) {
                out.add(new Node("text", src.substring(pos), null, null));
                pos = src.length();
                break;
            }
            int close = src.indexOf("}}", open);
            if (close < 0) {
                throw RegoException.builtin("strings.render_template: unclosed action");
            }
            String text = src.substring(pos, open);
            String action = src.substring(open + 2, close);
            if (action.startsWith("-")) {
                text = text.stripTrailing();
                action = action.substring(1);
            }
            pos = close + 2;
            if (action.endsWith("-")) {
                action = action.substring(0, action.length() - 1);
                while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                    pos++;
                }
            }
            if (!text.isEmpty()) {
                out.add(new Node("text", text, null, null));
            }
            action = action.strip();
            if (action.startsWith("/*")) {
                continue;
            }
            String word = action.split("\\s+", 2)[0];
            String rest = action.length() > word.length()
                    ? action.substring(word.length()).strip()
                    : "";
            switch (word) {
                case "end", "else" -> {
                    if (!nested) {
                        throw RegoException.builtin("strings.render_template: unexpected {{" + word + "}}");
                    }
                    out.add(new Node(word, rest, null, null));
                    return out;
                }
                case "if", "range", "with" -> {
                    List<Node> body = parse(true);
                    Node last = body.remove(body.size() - 1);
                    List<Node> elseBody = List.of();
                    if (last.kind().equals("else")) {
                        elseBody = parse(true);
                        elseBody.remove(elseBody.size() - 1);
                    }
                    out.add(new Node(word, rest, body, elseBody));
                }
                default -> out.add(new Node("print", action, null, null));
            }
        }
        if (nested) {
            throw RegoException.builtin("strings.render_template: unexpected EOF, missing {{end}}");
        }
        return out;
    }

    private static void render(List<Node> nodes, RegoValue dot, Map<String, RegoValue> vars, StringBuilder sb) {
        for (Node n : nodes) {
            switch (n.kind()) {
                case "text" -> sb.append(n.arg());
                case "print" -> {
                    RegoValue v = value(n.arg(), dot, vars);
                    sb.append(v == null ? "<undefined>" : MoreStringBuiltins.plain(v));
                }
                case "if" -> render(truthy(value(n.arg(), dot, vars)) ? n.body() : n.elseBody(), dot, vars, sb);
                case "with" -> {
                    RegoValue v = value(n.arg(), dot, vars);
                    render(truthy(v) ? n.body() : n.elseBody(), truthy(v) ? v : dot, vars, sb);
                }
                default -> range(n, dot, vars, sb);
            }
        }
    }

    private static void range(Node n, RegoValue dot, Map<String, RegoValue> vars, StringBuilder sb) {
        String arg = n.arg();
        String keyVar = null;
        String valVar = null;
        int assign = arg.indexOf(":=");
        if (assign >= 0) {
            String[] names = arg.substring(0, assign).split(",");
            if (names.length == 2) {
                keyVar = names[0].strip();
                valVar = names[1].strip();
            } else {
                valVar = names[0].strip();
            }
            arg = arg.substring(assign + 2).strip();
        }
        RegoValue coll = value(arg, dot, vars);
        List<RegoValue[]> entries = new ArrayList<>();
        if (coll instanceof RegoValue.Arr a) {
            for (int i = 0; i < a.items().size(); i++) {
                entries.add(new RegoValue[] {RegoValue.of(i), a.items().get(i)});
            }
        } else if (coll instanceof RegoValue.SetV s) {
            int i = 0;
            for (RegoValue x : s.items()) {
                entries.add(new RegoValue[] {RegoValue.of(i++), x});
            }
        } else if (coll instanceof RegoValue.Obj o) {
            o.map().forEach((k, x) -> entries.add(new RegoValue[] {k, x}));
        }
        if (entries.isEmpty()) {
            render(n.elseBody(), dot, vars, sb);
            return;
        }
        for (RegoValue[] e : entries) {
            Map<String, RegoValue> scope = new HashMap<>(vars);
            if (keyVar != null) {
                scope.put(keyVar, e[0]);
            }
            if (valVar != null) {
                scope.put(valVar, e[1]);
            }
            render(n.body(), e[1], scope, sb);
        }
    }

    private static boolean truthy(RegoValue v) {
        if (v == null || v instanceof RegoValue.Null) {
            return false;
        } else if (v instanceof RegoValue.Bool b) {
            return b.value();
        } else if (v instanceof RegoValue.Num n) {
            return n.value().signum() != 0;
        } else if (v instanceof RegoValue.Str s) {
            return !s.value().isEmpty();
        } else if (v instanceof RegoValue.Arr a) {
            return !a.items().isEmpty();
        } else if (v instanceof RegoValue.SetV s) {
            return !s.items().isEmpty();
        }
        return !((RegoValue.Obj) v).map().isEmpty();
    }

    /** Evaluates {@code .}, {@code .a.b}, {@code $x}, {@code $x.a} or a literal. */
    private static RegoValue value(String expr, RegoValue dot, Map<String, RegoValue> vars) {
        String e = expr.strip();
        RegoValue cur;
        String path;
        if (e.startsWith("$")) {
            int dotAt = e.indexOf('.');
            String name = dotAt < 0 ? e : e.substring(0, dotAt);
            cur = vars.get(name);
            path = dotAt < 0 ? "" : e.substring(dotAt);
        } else if (e.startsWith(".")) {
            cur = dot;
            path = e;
        } else if (e.startsWith("\"") && e.endsWith("\"") && e.length() >= 2) {
            return RegoValue.of(e.substring(1, e.length() - 1));
        } else {
            try {
                return RegoValue.of(new java.math.BigDecimal(e));
            } catch (NumberFormatException ex) {
                return e.equals("true") || e.equals("false") ? RegoValue.of(e.equals("true")) : null;
            }
        }
        for (String seg : path.split("\\.")) {
            if (seg.isEmpty()) {
                continue;
            }
            cur = cur instanceof RegoValue.Obj o ? o.get(RegoValue.of(seg)) : null;
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }
}

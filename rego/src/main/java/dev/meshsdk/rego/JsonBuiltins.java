package dev.meshsdk.rego;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** json.* builtins: marshalling, filtering, removal and patches. */
final class JsonBuiltins {
    private JsonBuiltins() {}

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static void register(BuiltinRegistry r) {
        r.add("json.marshal", 1, (a, c) -> Args.str(JsonText.writeJson(bounded(a[0], c, 0, 0))));
        r.add("json.marshal_with_options", 2, (a, c) -> {
            RegoValue.Obj opts = Args.obj("json.marshal_with_options", a, 1);
            for (RegoValue k : opts.map().keySet()) {
                if (!List.of("pretty", "indent", "prefix").contains(k instanceof RegoValue.Str s ? s.value() : "")) {
                    throw RegoException.type(
                            "json.marshal_with_options: object contained unknown key " + JsonText.write(k));
                }
            }
            RegoValue pretty = opts.get(RegoValue.of("pretty"));
            RegoValue indent = opts.get(RegoValue.of("indent"));
            RegoValue prefix = opts.get(RegoValue.of("prefix"));
            boolean p = pretty == null ? indent != null || prefix != null : pretty.equals(RegoValue.TRUE);
            if (!p) {
                return Args.str(JsonText.writeJson(bounded(a[0], c, 0, 0)));
            }
            String ind = indent instanceof RegoValue.Str s ? s.value() : "\t";
            String pre = prefix instanceof RegoValue.Str s ? s.value() : "";
            bounded(a[0], c, Math.max(ind.length(), 1), pre.length());
            StringBuilder sb = new StringBuilder(pre);
            pretty(sb, a[0], ind, pre, 0);
            return Args.str(sb.toString());
        });
        r.add("json.unmarshal", 1, (a, c) -> parse("json.unmarshal", Args.str("json.unmarshal", a, 0)));
        r.add("json.is_valid", 1, (a, c) -> {
            if (!(a[0] instanceof RegoValue.Str s)) {
                return RegoValue.FALSE;
            }
            try {
                JSON.readTree(s.value());
                return RegoValue.TRUE;
            } catch (Exception e) {
                return RegoValue.FALSE;
            }
        });
        r.add("json.filter", 2, (a, c) -> {
            RegoValue.Obj o = Args.obj("json.filter", a, 0);
            List<List<RegoValue>> paths = paths("json.filter", a, 1);
            return filter(o, paths);
        });
        r.add("json.remove", 2, (a, c) -> {
            RegoValue.Obj o = Args.obj("json.remove", a, 0);
            List<List<RegoValue>> paths = paths("json.remove", a, 1);
            RegoValue out = o;
            for (List<RegoValue> p : paths) {
                out = remove(out, p, 0);
            }
            return out;
        });
        r.add("json.patch", 2, (a, c) -> JsonPatch.apply(a[0], Args.collection("json.patch", a, 1), c.limits()));
    }

    /** Refuses, before rendering, a value whose text would not fit the string limit. */
    static RegoValue bounded(RegoValue v, BuiltinContext c, int indent, int prefix) {
        long length = JsonText.estimate(v, c.limits(), indent, prefix);
        c.limits().chars(length);
        c.limits().chargeChars(length);
        return v;
    }

    static RegoValue parse(String fn, String s) {
        try {
            JsonNode n = JSON.readTree(s);
            if (n == null) {
                throw RegoException.builtin(fn + ": unexpected end of JSON input");
            }
            return JsonConversion.fromJson(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw RegoException.builtin(fn + ": " + e.getOriginalMessage());
        }
    }

    private static void pretty(StringBuilder sb, RegoValue v, String ind, String pre, int depth) {
        String nl = "\n" + pre + ind.repeat(depth + 1);
        String end = "\n" + pre + ind.repeat(depth);
        if (v instanceof RegoValue.Obj o && !o.map().isEmpty()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
                sb.append(first ? "" : ",").append(nl);
                first = false;
                String k = e.getKey() instanceof RegoValue.Str s ? s.value() : JsonText.write(e.getKey());
                sb.append(JsonText.quote(k)).append(": ");
                pretty(sb, e.getValue(), ind, pre, depth + 1);
            }
            sb.append(end).append('}');
        } else if ((v instanceof RegoValue.Arr || v instanceof RegoValue.SetV)
                && !Args.collection("json.marshal_with_options", new RegoValue[] {v}, 0)
                        .isEmpty()) {
            List<RegoValue> items = Args.collection("json.marshal_with_options", new RegoValue[] {v}, 0);
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(nl);
                pretty(sb, items.get(i), ind, pre, depth + 1);
            }
            sb.append(end).append(']');
        } else {
            sb.append(JsonText.writeJson(v));
        }
    }

    static List<List<RegoValue>> paths(String fn, RegoValue[] a, int i) {
        if (!(a[i] instanceof RegoValue.Arr) && !(a[i] instanceof RegoValue.SetV)) {
            throw Args.typeErr(fn, i, "one of {set, array}", a[i]);
        }
        List<List<RegoValue>> out = new ArrayList<>();
        for (RegoValue p : Args.collection(fn, a, i)) {
            if (p instanceof RegoValue.Str s) {
                List<RegoValue> segs = new ArrayList<>();
                String t = s.value().startsWith("/") ? s.value().substring(1) : s.value();
                for (String seg : t.split("/", -1)) {
                    segs.add(RegoValue.of(seg.replace("~1", "/").replace("~0", "~")));
                }
                out.add(segs);
            } else if (p instanceof RegoValue.Arr arr) {
                out.add(arr.items());
            } else {
                throw RegoException.type(fn + ": operand 2 must be one of {set, array} containing string"
                        + " paths or array of path segments but got " + p.typeName());
            }
        }
        return out;
    }

    private static RegoValue filter(RegoValue v, List<List<RegoValue>> paths) {
        for (List<RegoValue> p : paths) {
            if (p.isEmpty() || p.size() == 1 && p.get(0).equals(RegoValue.of(""))) {
                return v;
            }
        }
        if (v instanceof RegoValue.Obj o) {
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
            for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
                List<List<RegoValue>> sub = sub(paths, e.getKey());
                if (!sub.isEmpty()) {
                    m.put(e.getKey(), filter(e.getValue(), sub));
                }
            }
            return new RegoValue.Obj(m);
        } else if (v instanceof RegoValue.Arr arr) {
            List<RegoValue> l = new ArrayList<>();
            for (int i = 0; i < arr.items().size(); i++) {
                List<List<RegoValue>> sub = sub(paths, RegoValue.of(i));
                if (!sub.isEmpty()) {
                    l.add(filter(arr.items().get(i), sub));
                }
            }
            return new RegoValue.Arr(l);
        } else if (v instanceof RegoValue.SetV s) {
            java.util.TreeSet<RegoValue> out = new java.util.TreeSet<>();
            for (RegoValue x : s.items()) {
                List<List<RegoValue>> sub = sub(paths, x);
                if (!sub.isEmpty()) {
                    out.add(filter(x, sub));
                }
            }
            return new RegoValue.SetV(out);
        }
        return v;
    }

    private static List<List<RegoValue>> sub(List<List<RegoValue>> paths, RegoValue key) {
        List<List<RegoValue>> out = new ArrayList<>();
        for (List<RegoValue> p : paths) {
            if (!p.isEmpty() && segMatches(p.get(0), key)) {
                out.add(p.subList(1, p.size()));
            }
        }
        return out;
    }

    private static boolean segMatches(RegoValue seg, RegoValue key) {
        if (seg.equals(key)) {
            return true;
        }
        return seg instanceof RegoValue.Str s
                && key instanceof RegoValue.Num n
                && s.value().equals(n.toString());
    }

    private static RegoValue remove(RegoValue v, List<RegoValue> p, int i) {
        if (i >= p.size()) {
            return v;
        }
        RegoValue seg = p.get(i);
        boolean last = i == p.size() - 1;
        if (v instanceof RegoValue.Obj o) {
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>(o.map());
            for (RegoValue k : o.map().keySet()) {
                if (segMatches(seg, k)) {
                    if (last) {
                        m.remove(k);
                    } else {
                        m.put(k, remove(o.get(k), p, i + 1));
                    }
                }
            }
            return new RegoValue.Obj(m);
        } else if (v instanceof RegoValue.Arr arr) {
            List<RegoValue> l = new ArrayList<>();
            for (int j = 0; j < arr.items().size(); j++) {
                if (segMatches(seg, RegoValue.of(j))) {
                    if (!last) {
                        l.add(remove(arr.items().get(j), p, i + 1));
                    }
                } else {
                    l.add(arr.items().get(j));
                }
            }
            return new RegoValue.Arr(l);
        } else if (v instanceof RegoValue.SetV s) {
            java.util.TreeSet<RegoValue> out = new java.util.TreeSet<>();
            for (RegoValue x : s.items()) {
                if (segMatches(seg, x)) {
                    if (!last) {
                        out.add(remove(x, p, i + 1));
                    }
                } else {
                    out.add(x);
                }
            }
            return new RegoValue.SetV(out);
        }
        return v;
    }
}

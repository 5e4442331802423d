package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Basic string builtins. Indexes count Unicode code points, as OPA counts runes. */
final class StringBuiltins {
    private StringBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add(
                "startswith",
                2,
                (a, c) -> RegoValue.of(Args.str("startswith", a, 0).startsWith(Args.str("startswith", a, 1))));
        r.add("endswith", 2, (a, c) -> RegoValue.of(Args.str("endswith", a, 0).endsWith(Args.str("endswith", a, 1))));
        r.add("contains", 2, (a, c) -> RegoValue.of(Args.str("contains", a, 0).contains(Args.str("contains", a, 1))));
        r.add("lower", 1, (a, c) -> Args.str(Args.str("lower", a, 0).toLowerCase(Locale.ROOT)));
        r.add("upper", 1, (a, c) -> Args.str(Args.str("upper", a, 0).toUpperCase(Locale.ROOT)));
        r.add("concat", 2, (a, c) -> {
            String d = Args.str("concat", a, 0);
            List<String> parts = new ArrayList<>();
            long length = 0;
            for (RegoValue v : collectionOf("concat", a, 1)) {
                if (!(v instanceof RegoValue.Str s)) {
                    throw RegoException.type("concat: operand 2 must be one of {set[string],"
                            + " array[string]} but got " + a[1].typeName() + " containing " + v.typeName());
                }
                length += s.value().length() + (parts.isEmpty() ? 0 : d.length());
                parts.add(s.value());
            }
            c.limits().chars(length);
            c.limits().chargeChars(length);
            return Args.str(String.join(d, parts));
        });
        r.add("split", 2, (a, c) -> {
            String s = Args.str("split", a, 0);
            String sep = Args.str("split", a, 1);
            c.limits().chargeChars(s.length());
            c.limits().size(sep.isEmpty() ? s.codePointCount(0, s.length()) : count(s, sep) + 1, null);
            List<RegoValue> out = new ArrayList<>();
            for (String part : split(s, sep, -1)) {
                out.add(Args.str(part));
            }
            return new RegoValue.Arr(out);
        });
        r.add("replace", 3, (a, c) -> {
            String s = Args.str("replace", a, 0);
            String old = Args.str("replace", a, 1);
            String nw = Args.str("replace", a, 2);
            c.limits().chargeChars(s.length());
            long n = old.isEmpty() ? s.codePointCount(0, s.length()) + 1L : count(s, old);
            long length = s.length() + n * (nw.length() - old.length());
            c.limits().chars(length);
            c.limits().chargeChars(length);
            return Args.str(replace(s, old, nw, -1));
        });
        r.add("trim", 2, (a, c) -> Args.str(trim(Args.str("trim", a, 0), Args.str("trim", a, 1), true, true)));
        r.add(
                "trim_left",
                2,
                (a, c) -> Args.str(trim(Args.str("trim_left", a, 0), Args.str("trim_left", a, 1), true, false)));
        r.add(
                "trim_right",
                2,
                (a, c) -> Args.str(trim(Args.str("trim_right", a, 0), Args.str("trim_right", a, 1), false, true)));
        r.add("trim_prefix", 2, (a, c) -> {
            String s = Args.str("trim_prefix", a, 0);
            String p = Args.str("trim_prefix", a, 1);
            return Args.str(s.startsWith(p) ? s.substring(p.length()) : s);
        });
        r.add("trim_suffix", 2, (a, c) -> {
            String s = Args.str("trim_suffix", a, 0);
            String p = Args.str("trim_suffix", a, 1);
            return Args.str(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
        });
        r.add("trim_space", 1, (a, c) -> Args.str(Args.str("trim_space", a, 0).strip()));
        r.add("substring", 3, (a, c) -> {
            String s = Args.str("substring", a, 0);
            int start = Args.intValue("substring", a, 1);
            int len = Args.intValue("substring", a, 2);
            if (start < 0) {
                throw RegoException.builtin("substring: negative offset");
            }
            int[] cps = s.codePoints().toArray();
            if (start >= cps.length) {
                return Args.str("");
            }
            int end = len < 0 || (long) start + len > cps.length ? cps.length : start + len;
            return Args.str(new String(cps, start, end - start));
        });
        r.add("indexof", 2, (a, c) -> {
            String s = Args.str("indexof", a, 0);
            int i = s.indexOf(Args.str("indexof", a, 1));
            return RegoValue.of(i < 0 ? -1 : s.codePointCount(0, i));
        });
        r.add("indexof_n", 2, (a, c) -> {
            String s = Args.str("indexof_n", a, 0);
            String sub = Args.str("indexof_n", a, 1);
            c.limits().chargeChars(s.length());
            c.limits().size(sub.isEmpty() ? s.length() + 1L : count(s, sub), null);
            List<RegoValue> out = new ArrayList<>();
            int i = s.indexOf(sub);
            while (i >= 0) {
                out.add(RegoValue.of(s.codePointCount(0, i)));
                i = s.indexOf(sub, i + Math.max(1, sub.isEmpty() ? 1 : 1));
                if (i > s.length()) {
                    break;
                }
            }
            return new RegoValue.Arr(out);
        });
        r.add("strings.replace_n", 2, (a, c) -> {
            RegoValue.Obj pats = Args.obj("strings.replace_n", a, 0);
            String s = Args.str("strings.replace_n", a, 1);
            List<String[]> pairs = new ArrayList<>();
            for (var e : pats.map().entrySet()) {
                if (!(e.getKey() instanceof RegoValue.Str k)) {
                    throw RegoException.type(
                            "strings.replace_n: operand 1 non-string key found in pattern" + " object");
                }
                if (!(e.getValue() instanceof RegoValue.Str v)) {
                    throw RegoException.type(
                            "strings.replace_n: operand 1 non-string value found in" + " pattern object");
                }
                pairs.add(new String[] {k.value(), v.value()});
            }
            c.limits().charge((long) s.length() * Math.max(1, pairs.size()) / Limits.CHARS_PER_STEP + 1);
            return Args.str(replaceMany(s, pairs, c.limits()));
        });
        r.add(
                "strings.reverse",
                1,
                (a, c) -> Args.str(new StringBuilder(Args.str("strings.reverse", a, 0))
                        .reverse()
                        .toString()));
        r.add("strings.count", 2, (a, c) -> {
            String s = Args.str("strings.count", a, 0);
            String sub = Args.str("strings.count", a, 1);
            if (sub.isEmpty()) {
                return RegoValue.of(s.codePointCount(0, s.length()) + 1);
            }
            int n = 0;
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                n++;
            }
            return RegoValue.of(n);
        });
        r.add("strings.any_prefix_match", 2, (a, c) -> anyMatch("strings.any_prefix_match", a, true));
        r.add("strings.any_suffix_match", 2, (a, c) -> anyMatch("strings.any_suffix_match", a, false));
    }

    static List<RegoValue> collectionOf(String fn, RegoValue[] a, int i) {
        return Args.collection(fn, a, i);
    }

    private static RegoValue anyMatch(String fn, RegoValue[] a, boolean prefix) {
        List<String> ss = stringOrCollection(fn, a, 0);
        List<String> ps = stringOrCollection(fn, a, 1);
        for (String s : ss) {
            for (String p : ps) {
                if (prefix ? s.startsWith(p) : s.endsWith(p)) {
                    return RegoValue.TRUE;
                }
            }
        }
        return RegoValue.FALSE;
    }

    private static List<String> stringOrCollection(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.Str s) {
            return List.of(s.value());
        }
        List<String> out = new ArrayList<>();
        if (!(a[i] instanceof RegoValue.Arr) && !(a[i] instanceof RegoValue.SetV)) {
            throw Args.typeErr(fn, i, "one of {string, set, array}", a[i]);
        }
        for (RegoValue v : Args.collection(fn, a, i)) {
            if (!(v instanceof RegoValue.Str s)) {
                throw RegoException.type(fn + ": operand " + (i + 1) + " must be " + a[i].typeName()
                        + " of strings but got " + a[i].typeName() + " containing " + v.typeName());
            }
            out.add(s.value());
        }
        return out;
    }

    /** Go's strings.Split semantics (empty separator splits into code points). */
    static List<String> split(String s, String sep, int n) {
        List<String> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int start = 0;
        int i;
        while ((n < 0 || out.size() < n - 1) && (i = s.indexOf(sep, start)) >= 0) {
            out.add(s.substring(start, i));
            start = i + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    /** Go's strings.Replace semantics. */
    static String replace(String s, String old, String nw, int n) {
        if (old.isEmpty()) {
            StringBuilder sb = new StringBuilder(nw);
            s.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(nw));
            return sb.toString();
        }
        return s.replace(old, nw);
    }

    /** Occurrences of a non-empty {@code sub} in {@code s}, without overlaps. */
    static long count(String s, String sub) {
        long n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    /** Go's strings.NewReplacer semantics: at each position the first matching pair wins. */
    static String replaceMany(String s, List<String[]> pairs, Limits limits) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        outer:
        while (i <= s.length()) {
            for (String[] p : pairs) {
                if (!p[0].isEmpty() && s.startsWith(p[0], i)) {
                    limits.chars((long) sb.length() + p[1].length());
                    sb.append(p[1]);
                    i += p[0].length();
                    continue outer;
                }
            }
            if (i < s.length()) {
                sb.append(s.charAt(i));
            }
            i++;
        }
        return sb.toString();
    }

    static String trim(String s, String cutset, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (right && end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }
}

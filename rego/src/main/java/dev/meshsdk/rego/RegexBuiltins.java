package dev.meshsdk.rego;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** regex.* and glob.* builtins. */
final class RegexBuiltins {
    private RegexBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add(
                "regex.match",
                2,
                (a, c) -> RegoValue.of(Re2Translator.compile("regex.match", Args.str("regex.match", a, 0), c.query())
                        .matcher(BoundedChars.of(Args.str("regex.match", a, 1), c.limits()))
                        .find()));
        r.add(
                "re_match",
                2,
                (a, c) -> RegoValue.of(Re2Translator.compile("re_match", Args.str("re_match", a, 0), c.query())
                        .matcher(BoundedChars.of(Args.str("re_match", a, 1), c.limits()))
                        .find()));
        r.add("regex.is_valid", 1, (a, c) -> {
            if (!(a[0] instanceof RegoValue.Str s)) {
                return RegoValue.FALSE;
            }
            try {
                Re2Translator.compile("regex.is_valid", s.value(), c.query());
                return RegoValue.TRUE;
            } catch (RegoException e) {
                return RegoValue.FALSE;
            }
        });
        r.add("regex.split", 2, (a, c) -> {
            Pattern p = Re2Translator.compile("regex.split", Args.str("regex.split", a, 0), c.query());
            String s = Args.str("regex.split", a, 1);
            List<RegoValue> out = new ArrayList<>();
            Matcher m = p.matcher(BoundedChars.of(s, c.limits()));
            int last = 0;
            while (m.find()) {
                if (m.end() == 0 && m.start() == 0 && s.isEmpty()) {
                    break;
                }
                if (m.start() == m.end() && m.start() == 0) {
                    continue;
                }
                c.limits().size(out.size() + 1L, null);
                out.add(Args.str(s.substring(last, m.start())));
                last = m.end();
            }
            out.add(Args.str(s.substring(last)));
            return new RegoValue.Arr(out);
        });
        r.add("regex.find_n", 3, (a, c) -> {
            Pattern p = Re2Translator.compile("regex.find_n", Args.str("regex.find_n", a, 0), c.query());
            String s = Args.str("regex.find_n", a, 1);
            int n = Args.intValue("regex.find_n", a, 2);
            List<RegoValue> out = new ArrayList<>();
            Matcher m = p.matcher(BoundedChars.of(s, c.limits()));
            while ((n < 0 || out.size() < n) && m.find()) {
                c.limits().size(out.size() + 1L, null);
                c.limits().charge(1);
                out.add(Args.str(m.group()));
            }
            return new RegoValue.Arr(out);
        });
        r.add("regex.find_all_string_submatch_n", 3, (a, c) -> {
            String fn = "regex.find_all_string_submatch_n";
            Pattern p = Re2Translator.compile(fn, Args.str(fn, a, 0), c.query());
            String s = Args.str(fn, a, 1);
            int n = Args.intValue(fn, a, 2);
            List<RegoValue> out = new ArrayList<>();
            Matcher m = p.matcher(BoundedChars.of(s, c.limits()));
            while ((n < 0 || out.size() < n) && m.find()) {
                c.limits().size(out.size() + 1L, null);
                c.limits().charge(m.groupCount() + 1L);
                List<RegoValue> groups = new ArrayList<>();
                for (int g = 0; g <= m.groupCount(); g++) {
                    groups.add(Args.str(m.group(g) == null ? "" : m.group(g)));
                }
                out.add(new RegoValue.Arr(groups));
            }
            return new RegoValue.Arr(out);
        });
        r.add("regex.replace", 3, (a, c) -> {
            String s = Args.str("regex.replace", a, 0);
            Pattern p = Re2Translator.compile("regex.replace", Args.str("regex.replace", a, 1), c.query());
            String repl = Args.str("regex.replace", a, 2);
            Matcher m = p.matcher(BoundedChars.of(s, c.limits()));
            StringBuilder sb = new StringBuilder();
            int last = 0;
            while (m.find()) {
                String with = Re2Translator.expand(repl, m);
                c.limits().chars((long) sb.length() + (m.start() - last) + with.length());
                sb.append(s, last, m.start()).append(with);
                last = m.end();
            }
            sb.append(s.substring(last));
            return Args.str(sb.toString());
        });
        r.add("regex.template_match", 4, (a, c) -> {
            String fn = "regex.template_match";
            String tmpl = Args.str(fn, a, 0);
            String s = Args.str(fn, a, 1);
            String open = Args.str(fn, a, 2);
            String close = Args.str(fn, a, 3);
            StringBuilder re = new StringBuilder("^");
            int i = 0;
            while (i < tmpl.length()) {
                int st = tmpl.indexOf(open, i);
                if (st < 0) {
                    re.append(Pattern.quote(tmpl.substring(i)));
                    break;
                }
                int en = tmpl.indexOf(close, st + open.length());
                if (en < 0) {
                    throw RegoException.builtin(fn + ": unbalanced braces in template " + tmpl);
                }
                re.append(Pattern.quote(tmpl.substring(i, st)));
                re.append('(')
                        .append(Re2Translator.translate(tmpl.substring(st + open.length(), en)))
                        .append(')');
                i = en + close.length();
            }
            re.append('$');
            return RegoValue.of(Pattern.compile(re.toString())
                    .matcher(BoundedChars.of(s, c.limits()))
                    .matches());
        });
        r.add("glob.match", 3, (a, c) -> {
            String pat = Args.str("glob.match", a, 0);
            List<String> delims = new ArrayList<>();
            if (a[1] instanceof RegoValue.Null) {
                delims = null;
            } else {
                for (RegoValue d : Args.arr("glob.match", a, 1).items()) {
                    if (!(d instanceof RegoValue.Str ds)) {
                        throw RegoException.type("glob.match: operand 2 must be array of strings but got"
                                + " array containing " + d.typeName());
                    }
                    delims.add(ds.value());
                }
                if (delims.isEmpty()) {
                    delims.add(".");
                }
            }
            String key = "glob:" + pat + "\u0000" + delims;
            Object cached = c.query().patterns.get(key);
            Pattern p;
            if (cached instanceof Pattern cp) {
                p = cp;
            } else {
                p = Pattern.compile(Glob.toRegex(pat, delims), Pattern.DOTALL);
                c.query().patterns.put(key, p);
            }
            return RegoValue.of(p.matcher(BoundedChars.of(Args.str("glob.match", a, 2), c.limits()))
                    .matches());
        });
        r.add("glob.quote_meta", 1, (a, c) -> {
            String s = Args.str("glob.quote_meta", a, 0);
            StringBuilder sb = new StringBuilder();
            for (char ch : s.toCharArray()) {
                if ("*?\\[]{}".indexOf(ch) >= 0) {
                    sb.append('\\');
                }
                sb.append(ch);
            }
            return Args.str(sb.toString());
        });
    }
}

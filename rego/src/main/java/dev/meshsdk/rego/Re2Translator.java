package dev.meshsdk.rego;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Translates Go RE2 syntax into an equivalent {@link Pattern}. */
final class Re2Translator {
    private Re2Translator() {}

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("ascii", "\\x00-\\x7F"), Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "0-9"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "a-z"),
            Map.entry("print", "\\p{Print}"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("space", "\\s"), Map.entry("upper", "A-Z"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "0-9A-Fa-f"));

    /** Compiles an RE2 pattern, failing with a builtin error naming {@code fn}. */
    static Pattern compile(String fn, String re2, QueryContext q) {
        String key = "re:" + re2;
        Object cached = q == null ? null : q.patterns.get(key);
        if (cached instanceof Pattern p) {
            return p;
        }
        try {
            Pattern p = Pattern.compile(translate(re2));
            if (q != null) {
                q.patterns.put(key, p);
            }
            return p;
        } catch (PatternSyntaxException e) {
            throw RegoException.builtin(fn + ": error parsing regexp: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw RegoException.builtin(fn + ": error parsing regexp: " + e.getMessage());
        }
    }

    static String translate(String s) {
        StringBuilder sb = new StringBuilder();
        boolean inClass = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'z') {
                    sb.append("\\z");
                } else if (!inClass && n >= '1' && n <= '9') {
                    throw new IllegalArgumentException("invalid escape sequence: `\\" + n + "`");
                } else if (n == 'Z') {
                    throw new IllegalArgumentException("invalid escape sequence: `\\Z`");
                } else {
                    sb.append(c).append(n);
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == '[' && s.startsWith("[:", i)) {
                    int end = s.indexOf(":]", i + 2);
                    if (end > 0) {
                        String name = s.substring(i + 2, end);
                        boolean neg = name.startsWith("^");
                        String cls = POSIX.get(neg ? name.substring(1) : name);
                        if (cls != null) {
                            sb.append(neg ? "&&[^" + cls + "]" : cls);
                            i = end + 2;
                            continue;
                        }
                    }
                    sb.append("\\[");
                } else if (c == '[') {
                    sb.append("\\[");
                } else if (c == '&' && i + 1 < s.length() && s.charAt(i + 1) == '&') {
                    sb.append("&\\&");
                    i += 2;
                    continue;
                } else if (c == ']') {
                    inClass = false;
                    sb.append(c);
                } else {
                    sb.append(c);
                }
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                sb.append(c);
                i++;
                if (i < s.length() && s.charAt(i) == '^') {
                    sb.append('^');
                    i++;
                }
                if (i < s.length() && s.charAt(i) == ']') {
                    sb.append("\\]");
                    i++;
                }
                continue;
            }
            for (String perl : new String[] {"(?=", "(?!", "(?<=", "(?<!", "(?>"}) {
                if (s.startsWith(perl, i)) {
                    throw new IllegalArgumentException("invalid or unsupported Perl syntax: `" + perl + "`");
                }
            }
            if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < s.length() && s.charAt(i + 1) == '+') {
                throw new IllegalArgumentException("invalid nested repetition operator: `" + c + "+`");
            }
            if (c == '(' && s.startsWith("(?P<", i)) {
                int end = s.indexOf('>', i);
                String name = s.substring(i + 4, end).replace("_", "x");
                sb.append("(?<").append(name).append('>');
                i = end + 1;
                continue;
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** Expands Go's {@code $1}, {@code ${1}}, {@code $name} and {@code $$} in a replacement. */
    static String expand(String tmpl, java.util.regex.Matcher m) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < tmpl.length()) {
            char c = tmpl.charAt(i);
            if (c != '$' || i + 1 >= tmpl.length()) {
                sb.append(c);
                i++;
                continue;
            }
            if (tmpl.charAt(i + 1) == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (tmpl.charAt(i + 1) == '{') {
                end = tmpl.indexOf('}', i);
                if (end < 0) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = tmpl.substring(i + 2, end);
                end++;
            } else {
                end = i + 1;
                while (end < tmpl.length()
                        && (Character.isLetterOrDigit(tmpl.charAt(end)) || tmpl.charAt(end) == '_')) {
                    end++;
                }
                name = tmpl.substring(i + 1, end);
            }
            if (name.isEmpty()) {
                sb.append(c);
                i++;
                continue;
            }
            String g = null;
            try {
                if (name.chars().allMatch(Character::isDigit)) {
                    int n = Integer.parseInt(name);
                    g = n <= m.groupCount() ? m.group(n) : null;
                } else {
                    g = m.group(name.replace("_", "x"));
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                g = null;
            }
            sb.append(g == null ? "" : g);
            i = end;
        }
        return sb.toString();
    }
}

package dev.meshsdk.rego;

import java.util.Iterator;
import java.util.Map;

/** Compact JSON-like rendering of values; sets render as {@code {1, 2}} and {@code set()}. */
final class JsonText {
    private JsonText() {}

    static String write(RegoValue v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, false);
        return sb.toString();
    }

    /** Strict JSON (sets become arrays, non-string keys are rendered as strings). */
    static String writeJson(RegoValue v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, true);
        return sb.toString();
    }

    static void write(StringBuilder sb, RegoValue v, boolean json) {
        if (v instanceof RegoValue.Str s) {
            sb.append(quote(s.value()));
        } else if (v instanceof RegoValue.Arr a) {
            sb.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    sb.append(json ? "," : ", ");
                }
                write(sb, a.items().get(i), json);
            }
            sb.append(']');
        } else if (v instanceof RegoValue.SetV s) {
            if (s.items().isEmpty()) {
                sb.append(json ? "[]" : "set()");
                return;
            }
            sb.append(json ? '[' : '{');
            Iterator<RegoValue> it = s.items().iterator();
            boolean first = true;
            while (it.hasNext()) {
                if (!first) {
                    sb.append(json ? "," : ", ");
                }
                first = false;
                write(sb, it.next(), json);
            }
            sb.append(json ? ']' : '}');
        } else if (v instanceof RegoValue.Obj o) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
                if (!first) {
                    sb.append(json ? "," : ", ");
                }
                first = false;
                if (json && !(e.getKey() instanceof RegoValue.Str)) {
                    sb.append(quote(write(e.getKey())));
                } else {
                    write(sb, e.getKey(), json);
                }
                sb.append(json ? ":" : ": ");
                write(sb, e.getValue(), json);
            }
            sb.append('}');
        } else {
            sb.append(v.toString());
        }
    }

    /**
     * About how many characters rendering {@code v} takes (at least that many), so a caller can
     * refuse to render a value that does not fit {@link RegoOptions#maxStringLength()} before it
     * renders it: a value is small in memory when it holds one long string many times, but not
     * when written out. Stops counting once past the limit; charges one step per node visited.
     */
    static long estimate(RegoValue v, Limits limits) {
        return estimate(v, limits, 0, 0, 0);
    }

    /** The same, pretty-printed: a line per element, {@code prefix} then {@code indent} per level. */
    static long estimate(RegoValue v, Limits limits, int indent, int prefix) {
        return estimate(v, limits, indent, prefix, 0);
    }

    private static long estimate(RegoValue v, Limits limits, int indent, int prefix, int level) {
        limits.step();
        if (v instanceof RegoValue.Str s) {
            return s.value().length() + 2L;
        } else if (v instanceof RegoValue.Num n) {
            return Math.min(n.value().precision(), 420L) + 12;
        } else if (!(v instanceof RegoValue.Arr) && !(v instanceof RegoValue.Obj) && !(v instanceof RegoValue.SetV)) {
            return 5;
        }
        long line = indent + prefix == 0 ? 0 : 1L + prefix + (long) indent * (level + 1);
        long total = 2;
        Iterable<? extends Object> items = v instanceof RegoValue.Arr a
                ? a.items()
                : v instanceof RegoValue.SetV s
                        ? s.items()
                        : ((RegoValue.Obj) v).map().entrySet();
        for (Object item : items) {
            total += 2 + line;
            if (item instanceof Map.Entry<?, ?> e) {
                total += estimate((RegoValue) e.getKey(), limits, indent, prefix, level + 1)
                        + 2
                        + estimate((RegoValue) e.getValue(), limits, indent, prefix, level + 1);
            } else {
                total += estimate((RegoValue) item, limits, indent, prefix, level + 1);
            }
            if (total > limits.maxChars()) {
                return total;
            }
        }
        return total;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

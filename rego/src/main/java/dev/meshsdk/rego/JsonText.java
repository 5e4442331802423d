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

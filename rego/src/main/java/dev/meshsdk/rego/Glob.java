package dev.meshsdk.rego;

import java.util.List;
import java.util.regex.Pattern;

/** Translates glob patterns (as glob.match understands them) into regular expressions. */
final class Glob {
    private Glob() {}

    static String toRegex(String pat, List<String> delims) {
        String notDelim;
        if (delims == null || delims.isEmpty()) {
            notDelim = "(?s:.)";
        } else {
            StringBuilder cls = new StringBuilder("[^");
            for (String d : delims) {
                for (char ch : d.toCharArray()) {
                    cls.append(Pattern.quote(String.valueOf(ch))
                            .replace("\\Q", "")
                            .replace("\\E", "")
                            .replaceAll("([\\\\\\[\\]^\\-&])", "\\\\$1"));
                }
            }
            notDelim = cls.append(']').toString();
        }
        StringBuilder sb = new StringBuilder();
        int[] pos = {0};
        translate(pat, pos, sb, notDelim, false);
        return sb.toString();
    }

    private static void translate(String p, int[] pos, StringBuilder sb, String notDelim, boolean inAlt) {
        while (pos[0] < p.length()) {
            char c = p.charAt(pos[0]);
            if (inAlt && (c == ',' || c == '}')) {
                return;
            }
            pos[0]++;
            switch (c) {
                case '\\' -> {
                    if (pos[0] < p.length()) {
                        sb.append(Pattern.quote(String.valueOf(p.charAt(pos[0]++))));
                    }
                }
                case '*' -> {
                    if (pos[0] < p.length() && p.charAt(pos[0]) == '*') {
                        pos[0]++;
                        sb.append("(?s:.)*");
                    } else {
                        sb.append(notDelim).append('*');
                    }
                }
                case '?' -> sb.append(notDelim);
                case '[' -> {
                    StringBuilder cls = new StringBuilder("[");
                    if (pos[0] < p.length() && p.charAt(pos[0]) == '!') {
                        cls.append('^');
                        pos[0]++;
                    }
                    while (pos[0] < p.length() && p.charAt(pos[0]) != ']') {
                        char ch = p.charAt(pos[0]++);
                        if (ch == '\\' && pos[0] < p.length()) {
                            ch = p.charAt(pos[0]++);
                        }
                        if (ch == '-') {
                            cls.append('-');
                        } else {
                            cls.append(Pattern.quote(String.valueOf(ch))
                                    .replace("\\Q", "")
                                    .replace("\\E", "")
                                    .replaceAll("([\\\\\\[\\]^&])", "\\\\$1"));
                        }
                    }
                    pos[0]++;
                    sb.append(cls).append(']');
                }
                case '{' -> {
                    sb.append("(?:");
                    boolean first = true;
                    while (pos[0] < p.length()) {
                        if (!first) {
                            sb.append('|');
                        }
                        first = false;
                        translate(p, pos, sb, notDelim, true);
                        if (pos[0] < p.length() && p.charAt(pos[0]) == ',') {
                            pos[0]++;
                            continue;
                        }
                        pos[0]++;
                        break;
                    }
                    sb.append(')');
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
    }
}

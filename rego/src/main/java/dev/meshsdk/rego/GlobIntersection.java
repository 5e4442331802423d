package dev.meshsdk.rego;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * regex.globs_match: whether two restricted patterns (literals, {@code .}, {@code [a-z]} sets,
 * {@code \} escapes, {@code *} and {@code +}) match at least one common string. Searches the
 * product of the two patterns' automata.
 */
final class GlobIntersection {
    /** One pattern position: a character set (null ranges = any character), maybe repeated. */
    private record Atom(List<int[]> ranges, boolean star) {
        boolean meets(Atom o) {
            if (ranges == null || o.ranges == null) {
                return (ranges == null || !ranges.isEmpty()) && (o.ranges == null || !o.ranges.isEmpty());
            }
            for (int[] a : ranges) {
                for (int[] b : o.ranges) {
                    if (a[0] <= b[1] && b[0] <= a[1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private GlobIntersection() {}

    static void register(BuiltinRegistry r) {
        r.add("regex.globs_match", 2, (a, c) -> {
            String fn = "regex.globs_match";
            List<Atom> x = parse(fn, Args.str(fn, a, 0));
            List<Atom> y = parse(fn, Args.str(fn, a, 1));
            return RegoValue.of(intersects(x, y, c.limits()));
        });
    }

    private static List<Atom> parse(String fn, String p) {
        List<Atom> out = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            Atom atom;
            if (c == '\\' && i + 1 < p.length()) {
                char l = p.charAt(i + 1);
                atom = new Atom(List.of(new int[] {l, l}), false);
                i += 2;
            } else if (c == '.') {
                atom = new Atom(null, false);
                i++;
            } else if (c == '[') {
                int end = i + 1;
                List<int[]> ranges = new ArrayList<>();
                while (end < p.length() && p.charAt(end) != ']') {
                    char lo = p.charAt(end);
                    if (lo == '\\' && end + 1 < p.length()) {
                        lo = p.charAt(++end);
                    }
                    char hi = lo;
                    if (end + 2 < p.length() && p.charAt(end + 1) == '-' && p.charAt(end + 2) != ']') {
                        hi = p.charAt(end + 2);
                        end += 2;
                    }
                    ranges.add(new int[] {lo, hi});
                    end++;
                }
                if (end >= p.length()) {
                    throw RegoException.builtin(fn + ": input:" + p + ", pos:" + (i + 1)
                            + ", set-open '[' without set-close ']': the input provided is invalid");
                }
                atom = new Atom(ranges, false);
                i = end + 1;
            } else if (c == ']') {
                throw RegoException.builtin(fn + ": input:" + p + ", pos:" + (i + 1)
                        + ", set-close ']' with no preceding '[': the input provided is invalid");
            } else if (c == '*' || c == '+') {
                if (out.isEmpty()) {
                    throw RegoException.builtin(fn + ": input:" + p + ", pos:" + (i + 1) + ", '" + c
                            + "' without a preceding expression: the input provided is invalid");
                }
                Atom last = out.remove(out.size() - 1);
                if (c == '+') {
                    out.add(new Atom(last.ranges(), false));
                }
                out.add(new Atom(last.ranges(), true));
                i++;
                continue;
            } else {
                atom = new Atom(List.of(new int[] {c, c}), false);
                i++;
            }
            out.add(atom);
        }
        return out;
    }

    /** States reachable from {@code i} by skipping starred atoms. */
    private static List<Integer> closure(List<Atom> p, int i) {
        List<Integer> out = new ArrayList<>();
        out.add(i);
        while (i < p.size() && p.get(i).star()) {
            out.add(++i);
        }
        return out;
    }

    private static boolean intersects(List<Atom> x, List<Atom> y, Limits limits) {
        Set<Long> seen = new HashSet<>();
        Deque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {0, 0});
        while (!queue.isEmpty()) {
            int[] s = queue.poll();
            for (int i : closure(x, s[0])) {
                for (int j : closure(y, s[1])) {
                    if (!seen.add(((long) i << 32) | j)) {
                        continue;
                    }
                    limits.step();
                    if (i == x.size() && j == y.size()) {
                        return true;
                    }
                    if (i < x.size() && j < y.size() && x.get(i).meets(y.get(j))) {
                        queue.add(
                                new int[] {x.get(i).star() ? i : i + 1, y.get(j).star() ? j : j + 1});
                    }
                }
            }
        }
        return false;
    }
}

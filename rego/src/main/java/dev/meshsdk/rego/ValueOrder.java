package dev.meshsdk.rego;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** OPA's total order over values. */
final class ValueOrder {
    private ValueOrder() {}

    static int rank(RegoValue v) {
        if (v instanceof RegoValue.Null) {
            return 0;
        } else if (v instanceof RegoValue.Bool) {
            return 1;
        } else if (v instanceof RegoValue.Num) {
            return 2;
        } else if (v instanceof RegoValue.Str) {
            return 3;
        } else if (v instanceof RegoValue.Arr) {
            return 6;
        } else if (v instanceof RegoValue.Obj) {
            return 7;
        }
        return 8;
    }

    static int compare(RegoValue a, RegoValue b) {
        if (a == b) {
            return 0;
        }
        // object keys are strings: the common case first, without ranking
        if (a instanceof RegoValue.Str x && b instanceof RegoValue.Str y) {
            return x.value().compareTo(y.value());
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof RegoValue.Bool x) {
            return Boolean.compare(x.value(), ((RegoValue.Bool) b).value());
        } else if (a instanceof RegoValue.Num x) {
            return x.value().compareTo(((RegoValue.Num) b).value());
        } else if (a instanceof RegoValue.Str x) {
            return x.value().compareTo(((RegoValue.Str) b).value());
        } else if (a instanceof RegoValue.Arr x) {
            return compareLists(x.items(), ((RegoValue.Arr) b).items());
        } else if (a instanceof RegoValue.Obj x) {
            return compareObjects(x, (RegoValue.Obj) b);
        } else if (a instanceof RegoValue.SetV x) {
            return compareIterables(
                    x.items().iterator(), ((RegoValue.SetV) b).items().iterator());
        }
        return 0;
    }

    private static int compareLists(List<RegoValue> a, List<RegoValue> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIterables(Iterator<RegoValue> a, Iterator<RegoValue> b) {
        while (a.hasNext() && b.hasNext()) {
            int c = compare(a.next(), b.next());
            if (c != 0) {
                return c;
            }
        }
        return a.hasNext() ? 1 : b.hasNext() ? -1 : 0;
    }

    private static int compareObjects(RegoValue.Obj a, RegoValue.Obj b) {
        Iterator<Map.Entry<RegoValue, RegoValue>> ia = a.map().entrySet().iterator();
        Iterator<Map.Entry<RegoValue, RegoValue>> ib = b.map().entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<RegoValue, RegoValue> ea = ia.next();
            Map.Entry<RegoValue, RegoValue> eb = ib.next();
            int c = compare(ea.getKey(), eb.getKey());
            if (c != 0) {
                return c;
            }
            c = compare(ea.getValue(), eb.getValue());
            if (c != 0) {
                return c;
            }
        }
        return ia.hasNext() ? 1 : ib.hasNext() ? -1 : 0;
    }
}

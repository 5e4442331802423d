package dev.meshsdk.rego;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** net.cidr_* builtins. Addresses are parsed locally; no DNS lookups are made. */
final class NetBuiltins {
    private NetBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add("net.cidr_contains", 2, (a, c) -> {
            IpNet n = cidr("net.cidr_contains", Args.str("net.cidr_contains", a, 0));
            String s = Args.str("net.cidr_contains", a, 1);
            IpNet x = IpNet.parse(s, true);
            if (x == null) {
                throw RegoException.builtin("net.cidr_contains: invalid CIDR address: " + s);
            }
            return RegoValue.of(n.contains(x));
        });
        r.add(
                "net.cidr_intersects",
                2,
                (a, c) -> RegoValue.of(cidr("net.cidr_intersects", Args.str("net.cidr_intersects", a, 0))
                        .intersects(cidr("net.cidr_intersects", Args.str("net.cidr_intersects", a, 1)))));
        r.add(
                "net.cidr_is_valid",
                1,
                (a, c) -> RegoValue.of(a[0] instanceof RegoValue.Str s && IpNet.parse(s.value(), false) != null));
        r.add("net.cidr_expand", 1, (a, c) -> {
            String s = Args.str("net.cidr_expand", a, 0);
            IpNet n = cidr("net.cidr_expand", s);
            TreeSet<RegoValue> out = new TreeSet<>();
            for (BigInteger i = n.first(); i.compareTo(n.last()) <= 0; i = i.add(BigInteger.ONE)) {
                out.add(RegoValue.of(IpNet.format(i, n.bits())));
                c.limits().size(out.size(), null);
            }
            return new RegoValue.SetV(out);
        });
        r.add("net.cidr_contains_matches", 2, (a, c) -> {
            String fn = "net.cidr_contains_matches";
            List<RegoValue[]> cidrs = entries(fn, a[0], 1);
            List<RegoValue[]> addrs = entries(fn, a[1], 2);
            TreeSet<RegoValue> out = new TreeSet<>();
            for (RegoValue[] ce : cidrs) {
                IpNet n = cidr(fn, ((RegoValue.Str) ce[1]).value());
                for (RegoValue[] ae : addrs) {
                    String s = ((RegoValue.Str) ae[1]).value();
                    IpNet x = IpNet.parse(s, true);
                    if (x == null) {
                        throw RegoException.builtin(fn + ": invalid CIDR address: " + s);
                    }
                    if (n.contains(x)) {
                        out.add(new RegoValue.Arr(List.of(ce[0], ae[0])));
                    }
                }
            }
            return new RegoValue.SetV(out);
        });
        r.add("net.cidr_merge", 1, (a, c) -> merge(Args.collection("net.cidr_merge", a, 0)));
    }

    private static IpNet cidr(String fn, String s) {
        IpNet n = IpNet.parse(s, false);
        if (n == null) {
            throw RegoException.builtin(fn + ": invalid CIDR address: " + s);
        }
        return n;
    }

    /** (key, cidr-string) pairs of an operand that is a string, array, set or object. */
    private static List<RegoValue[]> entries(String fn, RegoValue v, int operand) {
        List<RegoValue[]> out = new ArrayList<>();
        if (v instanceof RegoValue.Str s) {
            out.add(new RegoValue[] {s, s});
            return out;
        }
        List<RegoValue[]> raw = new ArrayList<>();
        if (v instanceof RegoValue.Arr arr) {
            for (int i = 0; i < arr.items().size(); i++) {
                raw.add(new RegoValue[] {RegoValue.of(i), arr.items().get(i)});
            }
        } else if (v instanceof RegoValue.SetV set) {
            set.items().forEach(x -> raw.add(new RegoValue[] {x, x}));
        } else if (v instanceof RegoValue.Obj o) {
            for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
                raw.add(new RegoValue[] {e.getKey(), e.getValue()});
            }
        } else {
            throw Args.typeErr(fn, operand - 1, "one of {string, array, set, object}", v);
        }
        for (RegoValue[] e : raw) {
            RegoValue x = e[1];
            if (x instanceof RegoValue.Arr arr
                    && !arr.items().isEmpty()
                    && arr.items().get(0) instanceof RegoValue.Str) {
                x = arr.items().get(0);
            }
            if (!(x instanceof RegoValue.Str)) {
                throw RegoException.builtin(
                        fn + ": operand " + operand + ": element must be string or non-empty array");
            }
            out.add(new RegoValue[] {e[0], x});
        }
        return out;
    }

    private static RegoValue merge(List<RegoValue> items) {
        List<IpNet> nets = new ArrayList<>();
        for (RegoValue v : items) {
            if (!(v instanceof RegoValue.Str s)) {
                throw RegoException.type("net.cidr_merge: operand 1 must be one of {set[string],"
                        + " array[string]} but got " + v.typeName());
            }
            IpNet n = IpNet.parse(s.value(), false);
            if (n == null) {
                IpNet ip = IpNet.parse(s.value(), true);
                if (ip != null && ip.bits() == 128) {
                    throw RegoException.builtin("net.cidr_merge: IPv6 invalid: needs prefix length");
                }
                if (ip == null) {
                    throw RegoException.builtin("net.cidr_merge: invalid CIDR address: " + s.value());
                }
                // like Go, a bare IPv4 address stands for its classful network
                long first = ip.addr().shiftRight(24).longValue();
                int prefix = first < 128 ? 8 : first < 192 ? 16 : 24;
                n = new IpNet(ip.addr(), 32, prefix);
            }
            nets.add(new IpNet(n.first(), n.bits(), n.prefix()));
        }
        TreeSet<RegoValue> out = new TreeSet<>();
        for (int bits : new int[] {32, 128}) {
            List<BigInteger[]> ranges = new ArrayList<>();
            for (IpNet n : nets) {
                if (n.bits() == bits) {
                    ranges.add(new BigInteger[] {n.first(), n.last()});
                }
            }
            ranges.sort((x, y) -> x[0].compareTo(y[0]));
            List<BigInteger[]> merged = new ArrayList<>();
            for (BigInteger[] rg : ranges) {
                BigInteger[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && rg[0].compareTo(last[1].add(BigInteger.ONE)) <= 0) {
                    if (rg[1].compareTo(last[1]) > 0) {
                        last[1] = rg[1];
                    }
                } else {
                    merged.add(new BigInteger[] {rg[0], rg[1]});
                }
            }
            for (BigInteger[] rg : merged) {
                BigInteger start = rg[0];
                while (start.compareTo(rg[1]) <= 0) {
                    int size = bits;
                    while (size > 0) {
                        int host = bits - size + 1;
                        BigInteger mask = BigInteger.ONE.shiftLeft(host).subtract(BigInteger.ONE);
                        if (!start.and(mask).equals(BigInteger.ZERO)
                                || start.add(mask).compareTo(rg[1]) > 0) {
                            break;
                        }
                        size--;
                    }
                    IpNet n = new IpNet(start, bits, size);
                    out.add(RegoValue.of(n.toString()));
                    start = n.last().add(BigInteger.ONE);
                }
            }
        }
        return new RegoValue.SetV(out);
    }
}

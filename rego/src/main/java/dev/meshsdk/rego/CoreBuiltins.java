package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Comparison, arithmetic, set operators, membership and type builtins. */
final class CoreBuiltins {
    private CoreBuiltins() {}

    static final MathContext DIV = new MathContext(40, RoundingMode.HALF_EVEN);

    static void register(BuiltinRegistry r) {
        r.add("equal", 2, (a, c) -> RegoValue.of(a[0].equals(a[1])));
        r.add("neq", 2, (a, c) -> RegoValue.of(!a[0].equals(a[1])));
        r.add("lt", 2, (a, c) -> RegoValue.of(a[0].compareTo(a[1]) < 0));
        r.add("lte", 2, (a, c) -> RegoValue.of(a[0].compareTo(a[1]) <= 0));
        r.add("gt", 2, (a, c) -> RegoValue.of(a[0].compareTo(a[1]) > 0));
        r.add("gte", 2, (a, c) -> RegoValue.of(a[0].compareTo(a[1]) >= 0));
        r.add("plus", 2, (a, c) -> {
            BigDecimal x = Args.num("plus", a, 0);
            BigDecimal y = Args.num("plus", a, 1);
            Numbers.sum(c.limits(), x, y);
            return num(x.add(y));
        });
        r.add("mul", 2, (a, c) -> {
            BigDecimal x = Args.num("mul", a, 0);
            BigDecimal y = Args.num("mul", a, 1);
            Numbers.product(c.limits(), x, y);
            return num(x.multiply(y));
        });
        r.add("minus", 2, CoreBuiltins::minus);
        r.add("div", 2, (a, c) -> {
            BigDecimal x = Args.num("div", a, 0);
            BigDecimal y = Args.num("div", a, 1);
            if (y.signum() == 0) {
                throw RegoException.builtin("div: divide by zero");
            }
            Numbers.quotient(c.limits(), x, y);
            BigDecimal q = divide(x, y);
            c.limits().digits(Numbers.plainDigits(q));
            return num(q);
        });
        r.add("rem", 2, (a, c) -> {
            BigDecimal x = Args.num("rem", a, 0);
            BigDecimal y = Args.num("rem", a, 1);
            if (!isInt(x) || !isInt(y)) {
                throw RegoException.builtin("rem: modulo on floating-point number");
            }
            if (y.signum() == 0) {
                throw RegoException.builtin("rem: modulo by zero");
            }
            Numbers.expand(c.limits(), x);
            Numbers.expand(c.limits(), y);
            Numbers.quotient(c.limits(), x, y);
            return num(new BigDecimal(x.toBigIntegerExact().remainder(y.toBigIntegerExact())));
        });
        r.add("abs", 1, (a, c) -> num(Args.num("abs", a, 0).abs()));
        r.add("round", 1, (a, c) -> rounded(Args.num("round", a, 0), RoundingMode.HALF_UP, c));
        r.add("ceil", 1, (a, c) -> rounded(Args.num("ceil", a, 0), RoundingMode.CEILING, c));
        r.add("floor", 1, (a, c) -> rounded(Args.num("floor", a, 0), RoundingMode.FLOOR, c));
        r.add("and", 2, (a, c) -> {
            TreeSet<RegoValue> s = new TreeSet<>(Args.set("and", a, 0).items());
            s.retainAll(Args.set("and", a, 1).items());
            return new RegoValue.SetV(s);
        });
        r.add("or", 2, (a, c) -> {
            RegoValue.SetV x = Args.set("or", a, 0);
            RegoValue.SetV y = Args.set("or", a, 1);
            c.limits().size((long) x.items().size() + y.items().size(), null);
            c.limits().charge((long) x.items().size() + y.items().size());
            TreeSet<RegoValue> s = new TreeSet<>(x.items());
            s.addAll(y.items());
            return new RegoValue.SetV(s);
        });
        r.add("internal.member_2", 2, (a, c) -> RegoValue.of(member(a[0], a[1])));
        r.add("internal.member_3", 3, (a, c) -> {
            RegoValue v = Eval.child(a[2], a[0]);
            return RegoValue.of(v != null && !(a[2] instanceof RegoValue.SetV) && v.equals(a[1]));
        });
        for (String t : List.of("null", "boolean", "number", "string", "array", "object", "set")) {
            r.add("is_" + t, 1, (a, c) -> RegoValue.of(a[0].typeName().equals(t)));
        }
        r.add("type_name", 1, (a, c) -> RegoValue.of(a[0].typeName()));
        r.add("to_number", 1, CoreBuiltins::toNumber);
        r.add(
                "numbers.range",
                2,
                (a, c) -> range(
                        "numbers.range",
                        integer("numbers.range", a, 0, c),
                        integer("numbers.range", a, 1, c),
                        BigInteger.ONE,
                        c));
        r.add("numbers.range_step", 3, (a, c) -> {
            String fn = "numbers.range_step";
            BigInteger step = integer(fn, a, 2, c);
            if (step.signum() <= 0) {
                throw RegoException.builtin(fn + ": step must be a positive integer");
            }
            return range(fn, integer(fn, a, 0, c), integer(fn, a, 1, c), step, c);
        });
        r.add(
                "bits.or",
                2,
                (a, c) -> num(new BigDecimal(integer("bits.or", a, 0, c).or(integer("bits.or", a, 1, c)))));
        r.add(
                "bits.and",
                2,
                (a, c) -> num(new BigDecimal(integer("bits.and", a, 0, c).and(integer("bits.and", a, 1, c)))));
        r.add(
                "bits.xor",
                2,
                (a, c) -> num(new BigDecimal(integer("bits.xor", a, 0, c).xor(integer("bits.xor", a, 1, c)))));
        r.add(
                "bits.negate",
                1,
                (a, c) -> num(new BigDecimal(integer("bits.negate", a, 0, c).not())));
        r.add("bits.lsh", 2, (a, c) -> {
            BigInteger x = integer("bits.lsh", a, 0, c);
            BigInteger s = shift("bits.lsh", a, c);
            // the result has bitLength(x) + s bits: check that before shifting
            Numbers.bits(c.limits(), x.signum() == 0 ? 1 : x.bitLength() + s.longValue());
            return num(new BigDecimal(x.signum() == 0 ? x : x.shiftLeft(s.intValueExact())));
        });
        r.add("bits.rsh", 2, (a, c) -> {
            BigInteger x = integer("bits.rsh", a, 0, c);
            BigInteger s = shift("bits.rsh", a, c);
            return num(new BigDecimal(
                    s.compareTo(BigInteger.valueOf(x.bitLength())) >= 0
                            ? BigInteger.valueOf(x.signum() < 0 ? -1 : 0)
                            : x.shiftRight(s.intValue())));
        });
    }

    /** An integer operand, checked for size before it is written out. */
    static BigInteger integer(String fn, RegoValue[] a, int i, BuiltinContext c) {
        BigDecimal d = Args.num(fn, a, i);
        if (Numbers.plainDigits(d) > c.limits().maxDigits() && CoreBuiltins.isInt(d)) {
            Numbers.expand(c.limits(), d);
        }
        return Args.integer(fn, a, i);
    }

    private static RegoValue rounded(BigDecimal d, RoundingMode mode, BuiltinContext c) {
        if (d.scale() <= 0) {
            return num(d);
        }
        Numbers.expand(c.limits(), d);
        return num(d.setScale(0, mode));
    }

    private static BigInteger shift(String fn, RegoValue[] a, BuiltinContext c) {
        BigDecimal d = Args.num(fn, a, 1);
        if (d.signum() < 0) {
            throw RegoException.type(
                    fn + ": operand 2 must be an unsigned integer number but got" + " a negative integer");
        }
        if (Numbers.plainDigits(d) > 18 && isInt(d)) {
            // a shift by more than 10^18 bits: no result fits anywhere
            Numbers.bits(c.limits(), Long.MAX_VALUE / 2);
        }
        BigInteger s = Args.integer(fn, a, 1);
        if (s.signum() < 0) {
            throw RegoException.type(
                    fn + ": operand 2 must be an unsigned integer number but got" + " a negative integer");
        }
        return s;
    }

    /**
     * Exact quotients stay exact; others are rounded like OPA, which computes them at float64
     * precision (1 / 3 = 0.3333333333333333).
     */
    static BigDecimal divide(BigDecimal x, BigDecimal y) {
        try {
            return x.divide(y);
        } catch (ArithmeticException nonTerminating) {
            double d = x.doubleValue() / y.doubleValue();
            if (Double.isFinite(d) && d != 0) {
                return new BigDecimal(Double.toString(d));
            }
            return x.divide(y, DIV);
        }
    }

    static boolean isInt(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    static RegoValue num(BigDecimal d) {
        if (d.scale() > 0 && d.precision() > 0) {
            d = d.stripTrailingZeros();
            if (d.scale() < 0) {
                d = d.setScale(0);
            }
        }
        return new RegoValue.Num(d);
    }

    private static RegoValue minus(RegoValue[] a, BuiltinContext c) {
        if (a[0] instanceof RegoValue.SetV s) {
            RegoValue.SetV other = Args.set("minus", a, 1);
            c.limits().charge(s.items().size() + other.items().size());
            TreeSet<RegoValue> out = new TreeSet<>(s.items());
            out.removeAll(other.items());
            return new RegoValue.SetV(out);
        }
        if (a[0] instanceof RegoValue.Num n) {
            BigDecimal y = Args.num("minus", a, 1);
            Numbers.sum(c.limits(), n.value(), y);
            return num(n.value().subtract(y));
        }
        throw Args.typeErr("minus", 0, "one of {number, set}", a[0]);
    }

    static boolean member(RegoValue x, RegoValue coll) {
        if (coll instanceof RegoValue.Arr a) {
            return a.items().contains(x);
        } else if (coll instanceof RegoValue.SetV s) {
            return s.items().contains(x);
        } else if (coll instanceof RegoValue.Obj o) {
            return o.map().containsValue(x);
        }
        return false;
    }

    private static RegoValue toNumber(RegoValue[] a, BuiltinContext c) {
        RegoValue v = a[0];
        if (v instanceof RegoValue.Null) {
            return RegoValue.of(0);
        } else if (v instanceof RegoValue.Bool b) {
            return RegoValue.of(b.value() ? 1 : 0);
        } else if (v instanceof RegoValue.Num) {
            return v;
        } else if (v instanceof RegoValue.Str s) {
            String t = s.value();
            if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                if (t.matches("[+-]?(?i)(inf|infinity|nan)")) {
                    throw RegoException.type("to_number: invalid syntax");
                }
                throw RegoException.builtin("strconv.ParseFloat: parsing " + JsonText.quote(t) + ": invalid syntax");
            }
            return new RegoValue.Num(new BigDecimal(t.startsWith("+") ? t.substring(1) : t));
        }
        throw Args.typeErr("to_number", 0, "one of {null, boolean, number, string}", v);
    }

    private static RegoValue range(String fn, BigInteger from, BigInteger to, BigInteger step, BuiltinContext c) {
        BigInteger count = to.subtract(from).abs().divide(step).add(BigInteger.ONE);
        c.limits().size(count.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue(), null);
        c.limits().charge(count.longValue());
        List<RegoValue> out = new ArrayList<>(count.intValue());
        BigInteger s = from.compareTo(to) <= 0 ? step : step.negate();
        for (BigInteger i = from; s.signum() > 0 ? i.compareTo(to) <= 0 : i.compareTo(to) >= 0; i = i.add(s)) {
            out.add(new RegoValue.Num(new BigDecimal(i)));
            c.limits().size(out.size(), null);
        }
        return new RegoValue.Arr(out);
    }
}

package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Typed access to builtin operands, failing with OPA's operand type messages. */
final class Args {
    private Args() {}

    static RegoException typeErr(String fn, int i, String want, RegoValue got) {
        return RegoException.type(fn + ": operand " + (i + 1) + " must be " + want + " but got " + got.typeName());
    }

    static String str(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.Str s) {
            return s.value();
        }
        throw typeErr(fn, i, "string", a[i]);
    }

    static BigDecimal num(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.Num n) {
            return n.value();
        }
        throw typeErr(fn, i, "number", a[i]);
    }

    static BigInteger integer(String fn, RegoValue[] a, int i) {
        BigDecimal d = num(fn, a, i);
        try {
            return Numbers.toBigIntegerExact(d);
        } catch (ArithmeticException e) {
            throw RegoException.type(
                    fn + ": operand " + (i + 1) + " must be integer number but got" + " floating-point number");
        }
    }

    static int intValue(String fn, RegoValue[] a, int i) {
        return integer(fn, a, i).intValue();
    }

    static boolean bool(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.Bool b) {
            return b.value();
        }
        throw typeErr(fn, i, "boolean", a[i]);
    }

    static RegoValue.Arr arr(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.Arr x) {
            return x;
        }
        throw typeErr(fn, i, "array", a[i]);
    }

    static RegoValue.Obj obj(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.Obj x) {
            return x;
        }
        throw typeErr(fn, i, "object", a[i]);
    }

    static RegoValue.SetV set(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.SetV x) {
            return x;
        }
        throw typeErr(fn, i, "set", a[i]);
    }

    /** Elements of an array or set. */
    static List<RegoValue> collection(String fn, RegoValue[] a, int i) {
        if (a[i] instanceof RegoValue.Arr x) {
            return x.items();
        }
        if (a[i] instanceof RegoValue.SetV x) {
            return x.toList();
        }
        throw typeErr(fn, i, "one of {array, set}", a[i]);
    }

    static RegoValue num(BigDecimal d) {
        return new RegoValue.Num(d);
    }

    static RegoValue num(long l) {
        return RegoValue.of(l);
    }

    static RegoValue str(String s) {
        return RegoValue.of(s);
    }
}

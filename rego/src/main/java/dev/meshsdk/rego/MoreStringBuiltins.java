package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/** sprintf and number formatting builtins. */
final class MoreStringBuiltins {
    private MoreStringBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add("sprintf", 2, (a, c) -> {
            String out =
                    sprintf(Args.str("sprintf", a, 0), Args.arr("sprintf", a, 1).items(), c.limits());
            return Args.str(out);
        });
        r.add("format_int", 2, (a, c) -> {
            BigDecimal n = Args.num("format_int", a, 0);
            BigDecimal base = Args.num("format_int", a, 1);
            int b = base.intValue();
            if (base.compareTo(BigDecimal.valueOf(b)) != 0 || (b != 2 && b != 8 && b != 10 && b != 16)) {
                throw RegoException.type("format_int: operand 2 must be one of {2, 8, 10, 16}");
            }
            Numbers.expand(c.limits(), n);
            BigInteger i = n.setScale(0, RoundingMode.DOWN).toBigInteger();
            return Args.str(i.toString(b));
        });
    }

    /**
     * Go's fmt.Sprintf for Rego values. Every piece is checked against the string limit before it
     * is rendered or appended: widths and precisions from the format, values from their sizes.
     */
    static String sprintf(String fmt, List<RegoValue> args, Limits limits) {
        limits.chargeChars(fmt.length());
        StringBuilder sb = new StringBuilder();
        int ai = 0;
        int i = 0;
        while (i < fmt.length()) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                sb.append(ch);
                i++;
                continue;
            }
            i++;
            if (i >= fmt.length()) {
                sb.append("%!(NOVERB)");
                break;
            }
            StringBuilder flags = new StringBuilder();
            while (i < fmt.length() && "+-# 0".indexOf(fmt.charAt(i)) >= 0) {
                flags.append(fmt.charAt(i++));
            }
            int width = -1;
            int ws = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            if (i > ws) {
                width = bounded(fmt.substring(ws, i), sb, limits);
            }
            int prec = -1;
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                int ps = i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                prec = i > ps ? bounded(fmt.substring(ps, i), sb, limits) : 0;
            }
            if (i >= fmt.length()) {
                sb.append("%!(NOVERB)");
                break;
            }
            char verb = fmt.charAt(i++);
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (ai >= args.size()) {
                sb.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            RegoValue v = args.get(ai++);
            if (v instanceof RegoValue.Num n && "dxXobfFeg".indexOf(verb) >= 0) {
                Numbers.expand(limits, n.value());
                limits.digits(Numbers.plainDigits(n.value()) + Math.max(prec, 0));
            }
            if (!(v instanceof RegoValue.Str)) {
                limits.chars(sb.length() + JsonText.estimate(v, limits));
            }
            String s = format(verb, flags.toString(), prec, v);
            limits.chars((long) sb.length() + Math.max(s.length(), width));
            limits.chargeChars(Math.max(s.length(), width));
            sb.append(pad(s, width, flags.toString()));
        }
        if (ai < args.size()) {
            sb.append("%!(EXTRA ");
            for (int j = ai; j < args.size(); j++) {
                if (j > ai) {
                    sb.append(", ");
                }
                RegoValue v = args.get(j);
                limits.chars(sb.length() + JsonText.estimate(v, limits));
                sb.append(goType(v)).append('=').append(plain(v));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** A width or precision from the format, refused before anything that long is built. */
    private static int bounded(String digits, StringBuilder sb, Limits limits) {
        long n = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        limits.chars(sb.length() + n);
        return (int) n;
    }

    private static String goType(RegoValue v) {
        if (v instanceof RegoValue.Str) {
            return "string";
        } else if (v instanceof RegoValue.Num n) {
            return n.isInteger() ? "int" : "float64";
        } else if (v instanceof RegoValue.Bool) {
            return "bool";
        }
        return "ast." + Character.toUpperCase(v.typeName().charAt(0))
                + v.typeName().substring(1);
    }

    private static String pad(String s, int width, String flags) {
        if (width < 0 || s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        if (flags.contains("-")) {
            return s + fill;
        }
        if (flags.contains("0") && !s.isEmpty()) {
            String z = "0".repeat(width - s.length());
            if (s.startsWith("-") || s.startsWith("+")) {
                return s.charAt(0) + z + s.substring(1);
            }
            return z + s;
        }
        return fill + s;
    }

    static String plain(RegoValue v) {
        if (v instanceof RegoValue.Str s) {
            return s.value();
        }
        return JsonText.write(v);
    }

    private static String format(char verb, String flags, int prec, RegoValue v) {
        switch (verb) {
            case 'v':
            case 's':
                return plain(v);
            case 'q':
                return v instanceof RegoValue.Str s ? JsonText.quote(s.value()) : plain(v);
            case 't':
                return v instanceof RegoValue.Bool ? v.toString() : "%!t(" + goType(v) + "=" + plain(v) + ")";
            case 'd':
                if (v instanceof RegoValue.Num n && n.isInteger()) {
                    String s = n.value().toBigInteger().toString();
                    return flags.contains("+") && n.value().signum() >= 0 ? "+" + s : s;
                }
                return "%!d(" + goType(v) + "=" + plain(v) + ")";
            case 'x':
            case 'X':
            case 'o':
            case 'b':
                if (v instanceof RegoValue.Num n && n.isInteger()) {
                    int radix = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
                    String s = n.value().toBigInteger().toString(radix);
                    return verb == 'X' ? s.toUpperCase() : s;
                }
                if ((verb == 'x' || verb == 'X') && v instanceof RegoValue.Str s) {
                    StringBuilder sb = new StringBuilder();
                    for (byte b : s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        sb.append(String.format(verb == 'x' ? "%02x" : "%02X", b & 0xff));
                    }
                    return sb.toString();
                }
                return "%!" + verb + "(" + goType(v) + "=" + plain(v) + ")";
            case 'f':
            case 'F':
            case 'e':
            case 'g':
                if (v instanceof RegoValue.Num n) {
                    if (verb == 'g') {
                        return prec >= 0
                                ? n.value()
                                        .round(new java.math.MathContext(prec))
                                        .stripTrailingZeros()
                                        .toPlainString()
                                : NumberFormat.format(n.value());
                    }
                    if (verb == 'e') {
                        return String.format("%." + (prec < 0 ? 6 : prec) + "e", n.value());
                    }
                    String s = n.value()
                            .setScale(prec < 0 ? 6 : prec, RoundingMode.HALF_EVEN)
                            .toPlainString();
                    return flags.contains("+") && n.value().signum() >= 0 ? "+" + s : s;
                }
                return "%!" + verb + "(" + goType(v) + "=" + plain(v) + ")";
            default:
                return "%!" + verb + "(" + goType(v) + "=" + plain(v) + ")";
        }
    }
}

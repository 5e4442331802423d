package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** units.parse and units.parse_bytes. */
final class UnitsParser {
    private UnitsParser() {}

    private static final Pattern NUM = Pattern.compile("^([+-]?[0-9]*\\.?[0-9.]*(?:[eE][+-]?[0-9]+)?)(.*)$");

    static RegoValue parse(String s, boolean bytes) {
        String fn = bytes ? "units.parse_bytes" : "units.parse";
        String what = bytes ? "byte amount" : "amount";
        if (s.contains(" ")) {
            throw RegoException.builtin(fn + ": spaces not allowed in resource strings");
        }
        String t = s.replace("\"", "");
        Matcher m = NUM.matcher(t);
        if (!m.matches() || m.group(1).isEmpty()) {
            throw RegoException.builtin(fn + ": no " + what + " provided");
        }
        BigDecimal n;
        try {
            n = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw RegoException.builtin(fn + ": could not parse " + what + " to a number");
        }
        String suffix = m.group(2);
        BigDecimal mult = bytes ? byteMultiplier(suffix) : multiplier(suffix);
        if (mult == null) {
            throw RegoException.builtin(
                    fn + ": " + (bytes ? "byte unit " : "unit ") + JsonText.quote(suffix) + " not recognized");
        }
        BigDecimal r = n.multiply(mult);
        if (bytes) {
            return new RegoValue.Num(new BigDecimal(r.toBigInteger()));
        }
        return CoreBuiltins.num(r);
    }

    private static BigDecimal pow(int base, int exp) {
        return new BigDecimal(java.math.BigInteger.valueOf(base).pow(exp));
    }

    private static BigDecimal multiplier(String suffix) {
        if (suffix.isEmpty()) {
            return BigDecimal.ONE;
        }
        if (suffix.equals("m")) {
            return new BigDecimal("0.001");
        }
        String l = suffix.toLowerCase(java.util.Locale.ROOT);
        int idx = "kmgtpe".indexOf(l.charAt(0));
        if (idx < 0 || l.length() > 2 || (l.length() == 2 && l.charAt(1) != 'i')) {
            return null;
        }
        return l.length() == 2 ? pow(1024, idx + 1) : pow(1000, idx + 1);
    }

    private static BigDecimal byteMultiplier(String suffix) {
        String l = suffix.toLowerCase(java.util.Locale.ROOT);
        if (l.isEmpty() || l.equals("b")) {
            return BigDecimal.ONE;
        }
        if (l.endsWith("b")) {
            l = l.substring(0, l.length() - 1);
        }
        int idx = "kmgtpezy".indexOf(l.charAt(0));
        if (idx < 0 || l.length() > 2 || (l.length() == 2 && l.charAt(1) != 'i')) {
            return null;
        }
        return l.length() == 2 ? pow(1024, idx + 1) : pow(1000, idx + 1);
    }
}

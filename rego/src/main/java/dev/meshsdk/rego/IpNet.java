package dev.meshsdk.rego;

import java.math.BigInteger;

/** An IP network (address range) parsed without any name lookups. */
record IpNet(BigInteger addr, int bits, int prefix) {

    BigInteger first() {
        return addr.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    }

    BigInteger last() {
        return first().add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
    }

    boolean contains(IpNet o) {
        return bits == o.bits && o.first().compareTo(first()) >= 0 && o.last().compareTo(last()) <= 0;
    }

    boolean intersects(IpNet o) {
        return bits == o.bits && o.first().compareTo(last()) <= 0 && first().compareTo(o.last()) <= 0;
    }

    /** Parses "a.b.c.d/n", "v6/n", or (when {@code allowIp}) a plain address as a /32 or /128. */
    static IpNet parse(String s, boolean allowIp) {
        int slash = s.indexOf('/');
        String a = slash < 0 ? s : s.substring(0, slash);
        BigInteger v4 = parseV4(a);
        BigInteger v = v4 != null ? v4 : parseV6(a);
        if (v == null) {
            return null;
        }
        int bits = v4 != null ? 32 : 128;
        if (slash < 0) {
            return allowIp ? new IpNet(v, bits, bits) : null;
        }
        String p = s.substring(slash + 1);
        if (!p.matches("\\d{1,3}")) {
            return null;
        }
        int prefix = Integer.parseInt(p);
        return prefix > bits ? null : new IpNet(v, bits, prefix);
    }

    static BigInteger parseV4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || (p.length() > 1 && p.startsWith("0"))) {
                return null;
            }
            int n = Integer.parseInt(p);
            if (n > 255) {
                return null;
            }
            v = v * 256 + n;
        }
        return BigInteger.valueOf(v);
    }

    static BigInteger parseV6(String a) {
        if (!a.contains(":") || !a.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        String tail = null;
        int lastColon = a.lastIndexOf(':');
        if (a.substring(lastColon + 1).contains(".")) {
            BigInteger v4 = parseV4(a.substring(lastColon + 1));
            if (v4 == null) {
                return null;
            }
            tail = String.format("%x:%x", v4.intValue() >>> 16, v4.intValue() & 0xffff);
            a = a.substring(0, lastColon + 1) + tail;
        }
        int dbl = a.indexOf("::");
        if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String[] head = dbl < 0 ? a.split(":", -1) : a.substring(0, dbl).split(":", -1);
        String[] rest = dbl < 0 ? new String[0] : a.substring(dbl + 2).split(":", -1);
        if (dbl >= 0 && a.substring(0, dbl).isEmpty()) {
            head = new String[0];
        }
        if (dbl >= 0 && a.substring(dbl + 2).isEmpty()) {
            rest = new String[0];
        }
        int groups = head.length + rest.length;
        if (dbl < 0 ? groups != 8 : groups > 7) {
            return null;
        }
        BigInteger v = BigInteger.ZERO;
        int filled = 0;
        for (String g : head) {
            if (!g.matches("[0-9a-fA-F]{1,4}")) {
                return null;
            }
            v = v.shiftLeft(16).or(BigInteger.valueOf(Integer.parseInt(g, 16)));
            filled++;
        }
        v = v.shiftLeft(16 * (8 - groups));
        for (String g : rest) {
            if (!g.matches("[0-9a-fA-F]{1,4}")) {
                return null;
            }
            v = v.shiftLeft(16).or(BigInteger.valueOf(Integer.parseInt(g, 16)));
        }
        return v;
    }

    static String format(BigInteger v, int bits) {
        if (bits == 32) {
            long l = v.longValue();
            return ((l >> 24) & 255) + "." + ((l >> 16) & 255) + "." + ((l >> 8) & 255) + "." + (l & 255);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = v.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format(first(), bits) + "/" + prefix;
    }
}

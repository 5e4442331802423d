package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.TreeMap;

/** uuid.parse: decodes the version, variant and (for versions 1 and 2) time and node fields. */
final class UuidParser {
    private UuidParser() {}

    /** 100-nanosecond intervals between 1582-10-15 and 1970-01-01. */
    private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;

    static RegoValue parse(String s) {
        String h = s.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("urn:uuid:")) {
            h = h.substring(9);
        }
        if (h.startsWith("{") && h.endsWith("}")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.length() == 36
                && h.charAt(8) == '-'
                && h.charAt(13) == '-'
                && h.charAt(18) == '-'
                && h.charAt(23) == '-') {
            h = h.replace("-", "");
        }
        if (!h.matches("[0-9a-f]{32}")) {
            return null;
        }
        BigInteger v = new BigInteger(h, 16);
        int version = Integer.parseInt(h.substring(12, 13), 16);
        int varBits = Integer.parseInt(h.substring(16, 17), 16);
        String variant = (varBits & 0x8) == 0
                ? "Reserved, NCS backward compatibility"
                : (varBits & 0x4) == 0
                        ? "RFC4122"
                        : (varBits & 0x2) == 0
                                ? "Reserved, Microsoft Corporation backward compatibility"
                                : "Reserved, future definition";
        TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
        m.put(RegoValue.of("version"), RegoValue.of(version));
        m.put(RegoValue.of("variant"), RegoValue.of(variant));
        if (version == 1 || version == 2) {
            long timeLow = Long.parseLong(h.substring(0, 8), 16);
            long timeMid = Long.parseLong(h.substring(8, 12), 16);
            long timeHi = Long.parseLong(h.substring(12, 16), 16) & 0x0fff;
            long ticks = (timeHi << 48) | (timeMid << 32) | timeLow;
            BigInteger ns = BigInteger.valueOf(ticks - GREGORIAN_OFFSET).multiply(BigInteger.valueOf(100));
            m.put(RegoValue.of("time"), new RegoValue.Num(new BigDecimal(ns)));
            int clockSeq = Integer.parseInt(h.substring(16, 20), 16) & 0x3fff;
            m.put(RegoValue.of("clocksequence"), RegoValue.of(clockSeq));
            String node = h.substring(20);
            StringBuilder nid = new StringBuilder();
            for (int i = 0; i < 12; i += 2) {
                nid.append(i == 0 ? "" : "-").append(node, i, i + 2);
            }
            m.put(RegoValue.of("nodeid"), RegoValue.of(nid.toString()));
            int first = Integer.parseInt(node.substring(0, 2), 16);
            m.put(
                    RegoValue.of("macvariables"),
                    RegoValue.of(((first & 2) != 0 ? "local" : "global") + ":"
                            + ((first & 1) != 0 ? "multicast" : "unicast")));
            if (version == 2) {
                int domain = Integer.parseInt(h.substring(18, 20), 16);
                m.put(
                        RegoValue.of("domain"),
                        RegoValue.of(
                                domain == 0
                                        ? "Person"
                                        : domain == 1 ? "Group" : domain == 2 ? "Org" : "Domain" + domain));
                m.put(RegoValue.of("id"), RegoValue.of(Long.parseLong(h.substring(0, 8), 16)));
            }
        }
        return v == null ? null : new RegoValue.Obj(m);
    }
}

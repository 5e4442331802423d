package dev.meshsdk.internal.data;

/**
 * An IPv4 address in dotted-quad form ({@code 192.0.2.17}, no leading zeros) or an IPv6 address
 * ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}). Parsed here, never resolved: no name lookup.
 */
final class IpAddressDetector implements Detector {
    @Override
    public String name() {
        return "ip_address";
    }

    @Override
    public boolean matches(String value) {
        if (value.length() < 2 || value.length() > 45) return false;
        return value.indexOf(':') >= 0 ? ipv6(value) : value.length() >= 7 && ipv4(value);
    }

    static boolean ipv4(String v) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return false;
            for (int i = 0; i < p.length(); i++) if (!Character.isDigit(p.charAt(i))) return false;
            if (Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    static boolean ipv6(String v) {
        int zone = v.indexOf('%');
        if (zone >= 0) v = v.substring(0, zone);
        int gap = v.indexOf("::");
        if (gap >= 0 && v.indexOf("::", gap + 1) >= 0) return false;
        String[] groups = v.replace("::", ":@:").split(":", -1);
        int count = 0;
        boolean compressed = false;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.equals("@")) {
                compressed = true;
                continue;
            }
            if (g.isEmpty()) {
                // only the ends of a "::" at the start or end leave an empty group
                boolean besideGap =
                        (i > 0 && groups[i - 1].equals("@")) || (i + 1 < groups.length && groups[i + 1].equals("@"));
                if (besideGap && (i == 0 || i == groups.length - 1)) continue;
                return false;
            }
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!ipv4(g)) return false;
                count += 2;
                continue;
            }
            if (g.length() > 4) return false;
            for (int k = 0; k < g.length(); k++) if (Character.digit(g.charAt(k), 16) < 0) return false;
            count++;
        }
        return compressed ? count < 8 : count == 8;
    }
}

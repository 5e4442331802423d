package dev.meshsdk.rego;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal DER reader: enough to walk PKCS#1 keys and PKCS#10 certificate requests. */
final class Der {
    /** One TLV element: its tag, content and the full encoding. */
    record Tlv(int tag, byte[] content, byte[] encoded) {
        List<Tlv> children() {
            return Der.readAll(content);
        }

        BigInteger integer() {
            return new BigInteger(content);
        }
    }

    private Der() {}

    static List<Tlv> readAll(byte[] b) {
        List<Tlv> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < b.length) {
            out.add(read(b, pos));
        }
        return out;
    }

    static Tlv read(byte[] b, int[] pos) {
        int start = pos[0];
        if (pos[0] + 2 > b.length) {
            throw new IllegalArgumentException("asn1: structure error: truncated");
        }
        int tag = b[pos[0]++] & 0xff;
        int len = b[pos[0]++] & 0xff;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 4 || pos[0] + n > b.length) {
                throw new IllegalArgumentException("asn1: structure error: bad length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[pos[0]++] & 0xff);
            }
        }
        if (len < 0 || pos[0] + len > b.length) {
            throw new IllegalArgumentException("asn1: structure error: length too large");
        }
        byte[] content = Arrays.copyOfRange(b, pos[0], pos[0] + len);
        pos[0] += len;
        return new Tlv(tag, content, Arrays.copyOfRange(b, start, pos[0]));
    }
}

package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of a product: for each file in sorted relative-name order ({@code contracts/a.yaml},
 * {@code product.yaml}, ...), its name with '/' separators, a NUL, its length, a NUL, and its bytes.
 */
final class Checksums {
    private Checksums() {}

    /** @param files relative file name to bytes */
    static String sha256(Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                md.update(e.getKey().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Integer.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot compute checksum: SHA-256 is not available", e);
        }
    }
}

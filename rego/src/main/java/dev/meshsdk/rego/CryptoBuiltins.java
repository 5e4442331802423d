package dev.meshsdk.rego;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hash and HMAC builtins (crypto.md5/sha1/sha256, crypto.hmac.*). */
final class CryptoBuiltins {
    private CryptoBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add("crypto.md5", 1, (a, c) -> digest("MD5", Args.str("crypto.md5", a, 0)));
        r.add("crypto.sha1", 1, (a, c) -> digest("SHA-1", Args.str("crypto.sha1", a, 0)));
        r.add("crypto.sha256", 1, (a, c) -> digest("SHA-256", Args.str("crypto.sha256", a, 0)));
        r.add("crypto.hmac.md5", 2, (a, c) -> hmac("HmacMD5", "crypto.hmac.md5", a));
        r.add("crypto.hmac.sha1", 2, (a, c) -> hmac("HmacSHA1", "crypto.hmac.sha1", a));
        r.add("crypto.hmac.sha256", 2, (a, c) -> hmac("HmacSHA256", "crypto.hmac.sha256", a));
        r.add("crypto.hmac.sha512", 2, (a, c) -> hmac("HmacSHA512", "crypto.hmac.sha512", a));
        r.add(
                "crypto.hmac.equal",
                2,
                (a, c) -> RegoValue.of(MessageDigest.isEqual(
                        Args.str("crypto.hmac.equal", a, 0).getBytes(StandardCharsets.UTF_8),
                        Args.str("crypto.hmac.equal", a, 1).getBytes(StandardCharsets.UTF_8))));
    }

    private static RegoValue digest(String alg, String s) {
        try {
            return Args.str(HexFormat.of()
                    .formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM lacks " + alg, e);
        }
    }

    static byte[] mac(String alg, byte[] key, byte[] msg) {
        try {
            Mac m = Mac.getInstance(alg);
            // SecretKeySpec rejects empty keys, yet HMAC with an empty key is well defined
            m.init(key.length == 0 ? new EmptyKey(alg) : new SecretKeySpec(key, alg));
            return m.doFinal(msg);
        } catch (java.security.GeneralSecurityException e) {
            throw RegoException.builtin(alg + ": " + e.getMessage());
        }
    }

    /** A zero-length HMAC key. */
    private static final class EmptyKey implements javax.crypto.SecretKey {
        private static final long serialVersionUID = 1L;
        private final String alg;

        EmptyKey(String alg) {
            this.alg = alg;
        }

        @Override
        public String getAlgorithm() {
            return alg;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }

    private static RegoValue hmac(String alg, String fn, RegoValue[] a) {
        byte[] msg = Args.str(fn, a, 0).getBytes(StandardCharsets.UTF_8);
        byte[] key = Args.str(fn, a, 1).getBytes(StandardCharsets.UTF_8);
        return Args.str(HexFormat.of().formatHex(mac(alg, key, msg)));
    }
}

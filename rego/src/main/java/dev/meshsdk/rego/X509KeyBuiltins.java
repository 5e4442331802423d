package dev.meshsdk.rego;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.security.auth.x500.X500Principal;

/** Private keys and certificate requests: parse_rsa_private_key, parse_private_keys, ... */
final class X509KeyBuiltins {
    private X509KeyBuiltins() {}

    /** A PEM block. */
    record Pem(String type, byte[] der) {}

    static void register(BuiltinRegistry r) {
        r.add("crypto.x509.parse_rsa_private_key", 1, (a, c) -> {
            String fn = "crypto.x509.parse_rsa_private_key";
            List<Pem> blocks = pems(fn, Args.str(fn, a, 0));
            if (blocks.isEmpty()) {
                throw RegoException.builtin(fn + ": failed to parse PEM block containing the key");
            }
            RegoValue jwk = jwk(blocks.get(0));
            if (jwk == null) {
                throw RegoException.builtin(fn + ": failed to parse the private key");
            }
            return jwk;
        });
        r.add("crypto.parse_private_keys", 1, (a, c) -> {
            String s = Args.str("crypto.parse_private_keys", a, 0);
            if (s.isEmpty()) {
                return RegoValue.NULL;
            }
            List<RegoValue> out = new ArrayList<>();
            try {
                for (Pem p : pems("crypto.parse_private_keys", s)) {
                    RegoValue k = jwk(p);
                    if (k != null) {
                        out.add(k);
                    }
                }
            } catch (RegoException e) {
                return new RegoValue.Arr(List.of());
            }
            return new RegoValue.Arr(out);
        });
        r.add("crypto.x509.parse_keypair", 2, (a, c) -> {
            String fn = "crypto.x509.parse_keypair";
            List<RegoValue> certs = new ArrayList<>();
            for (Pem p : pems(fn, Args.str(fn, a, 0))) {
                if (p.type().equals("CERTIFICATE")) {
                    certs.add(RegoValue.of(Base64.getEncoder().encodeToString(p.der())));
                }
            }
            List<Pem> keys = pems(fn, Args.str(fn, a, 1));
            RegoValue key = keys.isEmpty() ? null : jwk(keys.get(0));
            if (certs.isEmpty() || key == null) {
                throw RegoException.builtin(fn + ": tls: failed to find any PEM data in input");
            }
            TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
            m.put(RegoValue.of("Certificate"), new RegoValue.Arr(certs));
            m.put(RegoValue.of("PrivateKey"), key);
            return new RegoValue.Obj(m);
        });
        r.add("crypto.x509.parse_certificate_request", 1, (a, c) -> {
            String fn = "crypto.x509.parse_certificate_request";
            List<Pem> blocks = pems(fn, Args.str(fn, a, 0));
            byte[] der = blocks.isEmpty() ? new byte[0] : blocks.get(0).der();
            try {
                List<Der.Tlv> info =
                        Der.read(der, new int[] {0}).children().get(0).children();
                X500Principal subject = new X500Principal(info.get(1).encoded());
                TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
                m.put(
                        RegoValue.of("Version"),
                        RegoValue.of(info.get(0).integer().intValue()));
                m.put(RegoValue.of("Subject"), X509Builtins.name(subject));
                return new RegoValue.Obj(m);
            } catch (RuntimeException e) {
                throw RegoException.builtin(fn + ": asn1: structure error: " + e.getMessage());
            }
        });
    }

    /** PEM blocks of a string that is PEM text or base64 of PEM text or of DER. */
    static List<Pem> pems(String fn, String s) {
        String text = s.strip();
        if (!text.startsWith("-----BEGIN")) {
            if (text.length() % 4 != 0) {
                throw RegoException.builtin(fn + ": illegal base64 data at input byte " + (text.length() / 4 * 4));
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw RegoException.builtin(fn + ": illegal base64 data at input byte 0");
            }
            String decoded = new String(raw, StandardCharsets.ISO_8859_1);
            if (!decoded.strip().startsWith("-----BEGIN")) {
                return List.of(new Pem("DER", raw));
            }
            text = decoded.strip();
        }
        List<Pem> out = new ArrayList<>();
        int at = 0;
        while ((at = text.indexOf("-----BEGIN ", at)) >= 0) {
            int typeEnd = text.indexOf("-----", at + 11);
            String type = text.substring(at + 11, typeEnd);
            int end = text.indexOf("-----END " + type + "-----", typeEnd);
            if (end < 0) {
                break;
            }
            out.add(new Pem(type, Base64.getMimeDecoder().decode(text.substring(typeEnd + 5, end))));
            at = end + 9;
        }
        return out;
    }

    private static RegoValue b64(BigInteger i) {
        byte[] b = i.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return RegoValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** A private key block as a JWK, or null when it is not a private key. */
    private static RegoValue jwk(Pem p) {
        try {
            if (p.type().equals("RSA PRIVATE KEY")) {
                List<Der.Tlv> f = Der.read(p.der(), new int[] {0}).children();
                return rsa(
                        f.get(1).integer(),
                        f.get(2).integer(),
                        f.get(3).integer(),
                        f.get(4).integer(),
                        f.get(5).integer(),
                        f.get(6).integer(),
                        f.get(7).integer(),
                        f.get(8).integer());
            }
            if (p.type().equals("PRIVATE KEY")) {
                for (String alg : List.of("RSA", "EC")) {
                    try {
                        Object k = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(p.der()));
                        if (k instanceof RSAPrivateCrtKey rk) {
                            return rsa(
                                    rk.getModulus(),
                                    rk.getPublicExponent(),
                                    rk.getPrivateExponent(),
                                    rk.getPrimeP(),
                                    rk.getPrimeQ(),
                                    rk.getPrimeExponentP(),
                                    rk.getPrimeExponentQ(),
                                    rk.getCrtCoefficient());
                        }
                        if (k instanceof ECPrivateKey ek) {
                            return RegoValue.Obj.of(Map.of("kty", RegoValue.of("EC"), "d", b64(ek.getS())));
                        }
                    } catch (java.security.GeneralSecurityException e) {
                        // try the next algorithm
                    }
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static RegoValue rsa(
            BigInteger n,
            BigInteger e,
            BigInteger d,
            BigInteger p,
            BigInteger q,
            BigInteger dp,
            BigInteger dq,
            BigInteger qi) {
        TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
        m.put(RegoValue.of("kty"), RegoValue.of("RSA"));
        m.put(RegoValue.of("n"), b64(n));
        m.put(RegoValue.of("e"), b64(e));
        m.put(RegoValue.of("d"), b64(d));
        m.put(RegoValue.of("p"), b64(p));
        m.put(RegoValue.of("q"), b64(q));
        m.put(RegoValue.of("dp"), b64(dp));
        m.put(RegoValue.of("dq"), b64(dq));
        m.put(RegoValue.of("qi"), b64(qi));
        return new RegoValue.Obj(m);
    }
}

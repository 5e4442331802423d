package dev.meshsdk.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads verification keys from PEM certificates, PEM public keys, JWKs and JWK sets. */
final class JwtKeys {
    private JwtKeys() {}

    static List<PublicKey> parse(String fn, String text) {
        String t = text.strip();
        if (t.startsWith("{")) {
            return jwks(fn, t);
        }
        if (!t.startsWith("-----BEGIN")) {
            throw RegoException.builtin(fn + ": failed to parse a PEM certificate");
        }
        int headerEnd = t.indexOf("-----", 10);
        String type = t.substring(11, headerEnd);
        String endMarker = "-----END " + type + "-----";
        int end = t.indexOf(endMarker);
        if (end < 0) {
            throw RegoException.builtin(fn + ": failed to parse a PEM certificate");
        }
        if (!t.substring(end + endMarker.length()).isBlank()) {
            throw RegoException.builtin(fn + ": extra data after a PEM certificate block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(t.substring(headerEnd + 5, end));
        } catch (IllegalArgumentException e) {
            throw RegoException.builtin(fn + ": failed to parse a PEM certificate");
        }
        if (type.equals("CERTIFICATE")) {
            try {
                X509Certificate c = (X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
                return List.of(c.getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw RegoException.builtin(fn + ": failed to parse a PEM certificate");
            }
        }
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return List.of(KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next key type
            }
        }
        throw RegoException.builtin(fn + ": failed to extract a Key from the PEM certificate");
    }

    private static List<PublicKey> jwks(String fn, String json) {
        try {
            JsonNode n = JsonBuiltins.JSON.readTree(json);
            List<PublicKey> out = new ArrayList<>();
            if (n.has("keys")) {
                for (JsonNode k : n.get("keys")) {
                    out.add(jwk(k));
                }
            } else {
                out.add(jwk(n));
            }
            return out;
        } catch (Exception e) {
            throw RegoException.builtin(fn + ": failed to parse a JWK key (set)");
        }
    }

    private static BigInteger b64int(JsonNode n, String field) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(n.get(field).asText()));
    }

    static PublicKey jwk(JsonNode n) throws GeneralSecurityException {
        String kty = n.path("kty").asText();
        switch (kty) {
            case "RSA" -> {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(b64int(n, "n"), b64int(n, "e")));
            }
            case "EC" -> {
                String crv =
                        switch (n.path("crv").asText()) {
                            case "P-256" -> "secp256r1";
                            case "P-384" -> "secp384r1";
                            case "P-521" -> "secp521r1";
                            default -> throw new GeneralSecurityException("unknown curve");
                        };
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec(crv));
                ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
                return KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(new ECPoint(b64int(n, "x"), b64int(n, "y")), spec));
            }
            case "OKP" -> {
                byte[] x = Base64.getUrlDecoder().decode(n.get("x").asText());
                boolean odd = (x[x.length - 1] & 0x80) != 0;
                x[x.length - 1] &= 0x7f;
                byte[] be = new byte[x.length];
                for (int i = 0; i < x.length; i++) {
                    be[i] = x[x.length - 1 - i];
                }
                return KeyFactory.getInstance("Ed25519")
                        .generatePublic(new EdECPublicKeySpec(
                                NamedParameterSpec.ED25519, new EdECPoint(odd, new BigInteger(1, be))));
            }
            default -> throw new GeneralSecurityException("unknown key type " + kty);
        }
    }
}

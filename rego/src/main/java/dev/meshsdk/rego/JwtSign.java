package dev.meshsdk.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;
import java.util.Set;

/** io.jwt.encode_sign and io.jwt.encode_sign_raw with keys given as JWKs. */
final class JwtSign {
    private JwtSign() {}

    private static final Set<String> ALGS = Set.of(
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
            "EdDSA");

    static void register(BuiltinRegistry r) {
        r.add("io.jwt.encode_sign", 3, (a, c) -> {
            String fn = "io.jwt.encode_sign";
            Args.obj(fn, a, 0);
            Args.obj(fn, a, 1);
            Args.obj(fn, a, 2);
            return Args.str(sign(fn, JsonText.writeJson(a[0]), JsonText.writeJson(a[1]), JsonText.writeJson(a[2])));
        });
        r.add("io.jwt.encode_sign_raw", 3, (a, c) -> {
            String fn = "io.jwt.encode_sign_raw";
            return Args.str(sign(fn, Args.str(fn, a, 0), Args.str(fn, a, 1), Args.str(fn, a, 2)));
        });
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sign(String fn, String header, String payload, String key) {
        String prefix = fn + ": missing or invalid 'alg' header: ";
        if (header.isEmpty()) {
            throw RegoException.builtin(prefix + "cannot parse JSON: cannot parse empty string");
        }
        JsonNode h;
        try {
            h = JsonBuiltins.JSON.readTree(header);
        } catch (Exception e) {
            if (header.strip().startsWith("{")) {
                throw RegoException.builtin(prefix + "cannot parse JSON");
            }
            h = null;
        }
        if (h == null || !h.has("alg")) {
            throw RegoException.builtin(prefix + "jwsbb: header \"alg\" not found");
        }
        String alg = h.get("alg").asText();
        if (!ALGS.contains(alg)) {
            throw RegoException.builtin(fn + ": unknown JWS algorithm: " + alg);
        }
        if ("JWT".equals(h.path("typ").asText())) {
            try {
                if (payload.isBlank() || JsonBuiltins.JSON.readTree(payload) == null) {
                    throw new IllegalArgumentException();
                }
            } catch (Exception e) {
                throw RegoException.builtin(fn + ": type is JWT but payload is not JSON");
            }
        }
        JsonNode jwk;
        try {
            jwk = JsonBuiltins.JSON.readTree(key);
        } catch (Exception e) {
            throw RegoException.builtin(fn + ": failed to parse a JWK key (set)");
        }
        String input =
                b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        byte[] data = input.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sig;
            String bits = alg.substring(2);
            if (alg.startsWith("HS")) {
                byte[] secret = Base64.getUrlDecoder().decode(jwk.path("k").asText());
                sig = CryptoBuiltins.mac("Hmac" + alg.replace("HS", "SHA"), secret, data);
            } else {
                Signature s;
                if (alg.startsWith("RS")) {
                    s = Signature.getInstance("SHA" + bits + "withRSA");
                } else if (alg.startsWith("PS")) {
                    s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec(
                            "SHA-" + bits,
                            "MGF1",
                            new MGF1ParameterSpec("SHA-" + bits),
                            Integer.parseInt(bits) / 8,
                            1));
                } else if (alg.startsWith("ES")) {
                    s = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
                } else {
                    s = Signature.getInstance("Ed25519");
                }
                s.initSign(privateKey(jwk));
                s.update(data);
                sig = s.sign();
            }
            return input + "." + b64(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw RegoException.builtin(fn + ": failed to sign: " + e.getMessage());
        }
    }

    private static BigInteger num(JsonNode n, String field) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(n.path(field).asText()));
    }

    private static PrivateKey privateKey(JsonNode n) throws GeneralSecurityException {
        switch (n.path("kty").asText()) {
            case "RSA" -> {
                KeyFactory f = KeyFactory.getInstance("RSA");
                if (n.has("p") && n.has("q")) {
                    return f.generatePrivate(new RSAPrivateCrtKeySpec(
                            num(n, "n"),
                            num(n, "e"),
                            num(n, "d"),
                            num(n, "p"),
                            num(n, "q"),
                            num(n, "dp"),
                            num(n, "dq"),
                            num(n, "qi")));
                }
                return f.generatePrivate(new RSAPrivateKeySpec(num(n, "n"), num(n, "d")));
            }
            case "EC" -> {
                String crv =
                        switch (n.path("crv").asText()) {
                            case "P-256" -> "secp256r1";
                            case "P-384" -> "secp384r1";
                            default -> "secp521r1";
                        };
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec(crv));
                return KeyFactory.getInstance("EC")
                        .generatePrivate(new ECPrivateKeySpec(num(n, "d"), p.getParameterSpec(ECParameterSpec.class)));
            }
            case "OKP" -> {
                return KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new EdECPrivateKeySpec(
                                NamedParameterSpec.ED25519,
                                Base64.getUrlDecoder().decode(n.path("d").asText())));
            }
            default ->
                throw new GeneralSecurityException(
                        "unsupported key type " + n.path("kty").asText());
        }
    }
}

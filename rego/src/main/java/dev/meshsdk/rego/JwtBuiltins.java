package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** io.jwt.decode, io.jwt.verify_* and io.jwt.decode_verify. */
final class JwtBuiltins {
    private JwtBuiltins() {}

    /** A decoded token. */
    record Token(RegoValue.Obj header, RegoValue payload, byte[] signature, String signingInput, String raw) {
        String alg() {
            return header.get(RegoValue.of("alg")) instanceof RegoValue.Str s ? s.value() : "";
        }
    }

    static void register(BuiltinRegistry r) {
        r.add("io.jwt.decode", 1, (a, c) -> {
            Token t = decode("io.jwt.decode", Args.str("io.jwt.decode", a, 0));
            return new RegoValue.Arr(
                    List.of(t.header(), t.payload(), RegoValue.of(HexFormat.of().formatHex(t.signature()))));
        });
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            String fn = "io.jwt.verify_" + alg.toLowerCase();
            r.add(fn, 2, (a, c) -> RegoValue.of(verifyHmac(decode(fn, Args.str(fn, a, 0)), alg, Args.str(fn, a, 1))));
        }
        for (String alg :
                List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")) {
            String fn = "io.jwt.verify_" + alg.toLowerCase();
            r.add(fn, 2, (a, c) -> {
                Token t = decode(fn, Args.str(fn, a, 0));
                List<PublicKey> keys = JwtKeys.parse(fn, Args.str(fn, a, 1));
                return RegoValue.of(verifyKeys(t, alg, keys));
            });
        }
        r.add(
                "io.jwt.decode_verify",
                2,
                (a, c) -> decodeVerify(
                        Args.str("io.jwt.decode_verify", a, 0), Args.obj("io.jwt.decode_verify", a, 1), c));
    }

    static Token decode(String fn, String jwt) {
        if (!jwt.contains(".")) {
            throw RegoException.builtin(fn + ": encoded JWT had no period separators");
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length == 5) {
            throw RegoException.builtin(fn + ": JWT is a JWE object, which is not supported");
        }
        if (parts.length != 3) {
            throw RegoException.builtin(fn + ": encoded JWT must have 3 sections, found " + parts.length);
        }
        byte[] h = b64(fn, "header", parts[0]);
        byte[] p = b64(fn, "payload", parts[1]);
        byte[] s = b64(fn, "signature", parts[2]);
        RegoValue header;
        try {
            header = JsonBuiltins.parse(fn, new String(h, StandardCharsets.UTF_8));
        } catch (RegoException e) {
            throw RegoException.builtin(fn + ": JWT header had invalid encoding: not JSON");
        }
        if (!(header instanceof RegoValue.Obj ho)) {
            throw RegoException.builtin(fn + ": JWT header is not a JSON object");
        }
        if (ho.get(RegoValue.of("enc")) != null) {
            throw RegoException.builtin(fn + ": JWT is a JWE object, which is not supported");
        }
        String payloadText = new String(p, StandardCharsets.UTF_8);
        RegoValue payload;
        if (RegoValue.of("JWT").equals(ho.get(RegoValue.of("cty")))) {
            String inner = payloadText;
            try {
                if (JsonBuiltins.parse(fn, payloadText) instanceof RegoValue.Str str) {
                    inner = str.value();
                }
            } catch (RegoException e) {
                // not JSON: the raw payload is the nested token
            }
            return decode(fn, inner);
        }
        try {
            payload = JsonBuiltins.parse(fn, payloadText);
        } catch (RegoException e) {
            throw RegoException.builtin(fn + ": type is JWT but payload is not JSON");
        }
        return new Token(ho, payload, s, parts[0] + "." + parts[1], jwt);
    }

    private static byte[] b64(String fn, String part, String s) {
        String t = s.replaceAll("=+$", "");
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (!(Character.isLetterOrDigit(ch) && ch < 128) && ch != '-' && ch != '_') {
                throw RegoException.builtin(
                        fn + ": JWT " + part + " had invalid encoding: illegal" + " base64 data at input byte " + i);
            }
        }
        try {
            return java.util.Base64.getUrlDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw RegoException.builtin(fn + ": JWT " + part + " had invalid encoding: illegal base64"
                    + " data at input byte " + t.length());
        }
    }

    static boolean verifyHmac(Token t, String alg, String secret) {
        String jca = "Hmac" + alg.replace("HS", "SHA");
        byte[] want = CryptoBuiltins.mac(
                jca, secret.getBytes(StandardCharsets.UTF_8), t.signingInput().getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(want, t.signature());
    }

    static boolean verifyKeys(Token t, String alg, List<PublicKey> keys) {
        for (PublicKey k : keys) {
            if (verify(t, alg, k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verify(Token t, String alg, PublicKey key) {
        try {
            Signature sig;
            String bits = alg.length() > 2 ? alg.substring(2) : "";
            if (alg.startsWith("RS") && key instanceof RSAPublicKey) {
                sig = Signature.getInstance("SHA" + bits + "withRSA");
            } else if (alg.startsWith("PS") && key instanceof RSAPublicKey) {
                sig = Signature.getInstance("RSASSA-PSS");
                int len = Integer.parseInt(bits) / 8;
                sig.setParameter(
                        new PSSParameterSpec("SHA-" + bits, "MGF1", new MGF1ParameterSpec("SHA-" + bits), len, 1));
            } else if (alg.startsWith("ES") && key instanceof ECPublicKey) {
                sig = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            } else if (alg.equals("EdDSA") && key.getAlgorithm().startsWith("Ed")) {
                sig = Signature.getInstance("Ed25519");
            } else {
                return false;
            }
            sig.initVerify(key);
            sig.update(t.signingInput().getBytes(StandardCharsets.UTF_8));
            return sig.verify(t.signature());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static RegoValue decodeVerify(String jwt, RegoValue.Obj constraints, BuiltinContext c) {
        String fn = "io.jwt.decode_verify";
        RegoValue invalid = new RegoValue.Arr(
                List.of(RegoValue.FALSE, new RegoValue.Obj(new TreeMap<>()), new RegoValue.Obj(new TreeMap<>())));
        String cert = null;
        String secret = null;
        String wantAlg = null;
        RegoValue iss = null;
        RegoValue aud = null;
        BigDecimal time = null;
        for (Map.Entry<RegoValue, RegoValue> e : constraints.map().entrySet()) {
            String k = e.getKey() instanceof RegoValue.Str s ? s.value() : "";
            RegoValue v = e.getValue();
            switch (k) {
                case "cert" -> cert = str(fn, k, v);
                case "secret" -> secret = str(fn, k, v);
                case "alg" -> wantAlg = str(fn, k, v);
                case "iss" -> iss = v;
                case "aud" -> aud = v;
                case "time" -> time = v instanceof RegoValue.Num n ? n.value() : null;
                default -> throw RegoException.builtin(fn + ": unknown token validation constraint: " + k);
            }
        }
        Token t = decode(fn, jwt);
        String alg = t.alg();
        if (wantAlg != null && !wantAlg.equals(alg)) {
            return invalid;
        }
        boolean ok;
        if (alg.startsWith("HS")) {
            ok = secret != null && verifyHmac(t, alg, secret);
        } else {
            ok = cert != null && verifyKeys(t, alg, JwtKeys.parse(fn, cert));
        }
        if (!ok || !(t.payload() instanceof RegoValue.Obj p) || t.header().get(RegoValue.of("crit")) != null) {
            return invalid;
        }
        BigDecimal now = time != null
                ? time
                : new BigDecimal(
                        ((RegoValue.Num) TimeBuiltins.ns(c.query().now)).value().toBigInteger());
        BigDecimal nowSec = now.divide(BigDecimal.valueOf(1_000_000_000L));
        RegoValue exp = p.get(RegoValue.of("exp"));
        if (exp != null) {
            if (!(exp instanceof RegoValue.Num en)) {
                throw RegoException.builtin(fn + ": exp value must be a number");
            }
            if (nowSec.compareTo(en.value()) >= 0) {
                return invalid;
            }
        }
        RegoValue nbf = p.get(RegoValue.of("nbf"));
        if (nbf != null) {
            if (!(nbf instanceof RegoValue.Num nn)) {
                throw RegoException.builtin(fn + ": nbf value must be a number");
            }
            if (nowSec.compareTo(nn.value()) < 0) {
                return invalid;
            }
        }
        if (iss != null && !iss.equals(p.get(RegoValue.of("iss")))) {
            return invalid;
        }
        RegoValue tokAud = p.get(RegoValue.of("aud"));
        if (tokAud != null || aud != null) {
            if (tokAud == null || aud == null) {
                return invalid;
            }
            boolean match = tokAud.equals(aud)
                    || tokAud instanceof RegoValue.Arr arr && arr.items().contains(aud);
            if (!match) {
                return invalid;
            }
        }
        return new RegoValue.Arr(List.of(RegoValue.TRUE, t.header(), p));
    }

    private static String str(String fn, String key, RegoValue v) {
        if (v instanceof RegoValue.Str s) {
            return s.value();
        }
        throw RegoException.builtin(fn + ": " + key + " constraint must be a string");
    }
}

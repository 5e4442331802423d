package dev.meshsdk.rego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** base64, hex, urlquery and yaml builtins. */
final class EncodingBuiltins {
    private EncodingBuiltins() {}

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    static void register(BuiltinRegistry r) {
        r.add(
                "base64.encode",
                1,
                (a, c) -> Args.str(
                        Base64.getEncoder().encodeToString(encodable(Args.str("base64.encode", a, 0), c, 4, 3))));
        r.add(
                "base64.decode",
                1,
                (a, c) -> Args.str(text(decode("base64.decode", Args.str("base64.decode", a, 0), false))));
        r.add("base64.is_valid", 1, (a, c) -> {
            try {
                decode("base64.is_valid", Args.str("base64.is_valid", a, 0), false);
                return RegoValue.TRUE;
            } catch (RegoException e) {
                return RegoValue.FALSE;
            }
        });
        r.add(
                "base64url.encode",
                1,
                (a, c) -> Args.str(
                        Base64.getUrlEncoder().encodeToString(encodable(Args.str("base64url.encode", a, 0), c, 4, 3))));
        r.add(
                "base64url.encode_no_pad",
                1,
                (a, c) -> Args.str(Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(encodable(Args.str("base64url.encode_no_pad", a, 0), c, 4, 3))));
        r.add(
                "base64url.decode",
                1,
                (a, c) -> Args.str(text(decode("base64url.decode", Args.str("base64url.decode", a, 0), true))));
        r.add(
                "hex.encode",
                1,
                (a, c) -> Args.str(HexFormat.of().formatHex(encodable(Args.str("hex.encode", a, 0), c, 2, 1))));
        r.add("hex.decode", 1, (a, c) -> {
            String s = Args.str("hex.decode", a, 0);
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (Character.digit(ch, 16) < 0) {
                    throw RegoException.builtin(
                            String.format("hex.decode: encoding/hex: invalid byte:" + " U+%04X '%c'", (int) ch, ch));
                }
            }
            if (s.length() % 2 != 0) {
                throw RegoException.builtin("hex.decode: encoding/hex: odd length hex string");
            }
            return Args.str(text(HexFormat.of().parseHex(s)));
        });
        r.add("urlquery.encode", 1, (a, c) -> {
            String s = Args.str("urlquery.encode", a, 0);
            encodable(s, c, 3, 1);
            return Args.str(queryEscape(s));
        });
        r.add(
                "urlquery.decode",
                1,
                (a, c) -> Args.str(queryUnescape("urlquery.decode", Args.str("urlquery.decode", a, 0))));
        r.add("urlquery.encode_object", 1, (a, c) -> {
            RegoValue.Obj o = Args.obj("urlquery.encode_object", a, 0);
            long length = JsonText.estimate(o, c.limits());
            c.limits().chars(3 * length);
            c.limits().chargeChars(3 * length);
            List<String> parts = new ArrayList<>();
            for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
                String k = queryEscape(((RegoValue.Str) e.getKey()).value());
                RegoValue v = e.getValue();
                if (v instanceof RegoValue.Str s) {
                    parts.add(k + "=" + queryEscape(s.value()));
                } else if (v instanceof RegoValue.Arr || v instanceof RegoValue.SetV) {
                    for (RegoValue x : Args.collection("urlquery.encode_object", new RegoValue[] {v}, 0)) {
                        if (!(x instanceof RegoValue.Str s)) {
                            throw RegoException.type("urlquery.encode_object: operand 1 must be"
                                    + " object[string: any<string, array[string], set[string]>] but got object");
                        }
                        parts.add(k + "=" + queryEscape(s.value()));
                    }
                } else {
                    throw RegoException.type("urlquery.encode_object: operand 1 must be"
                            + " object[string: any<string, array[string], set[string]>] but got object");
                }
            }
            return Args.str(String.join("&", parts));
        });
        r.add("urlquery.decode_object", 1, (a, c) -> {
            String s = Args.str("urlquery.decode_object", a, 0);
            TreeMap<String, List<RegoValue>> m = new TreeMap<>();
            for (String part : s.split("[&;]")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String k = queryUnescape("urlquery.decode_object", eq < 0 ? part : part.substring(0, eq));
                String v = eq < 0 ? "" : queryUnescape("urlquery.decode_object", part.substring(eq + 1));
                m.computeIfAbsent(k, x -> new ArrayList<>()).add(Args.str(v));
            }
            TreeMap<RegoValue, RegoValue> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(Args.str(k), new RegoValue.Arr(v)));
            return new RegoValue.Obj(out);
        });
        r.add("yaml.marshal", 1, (a, c) -> {
            try {
                JsonBuiltins.bounded(a[0], c, 2, 0);
                return Args.str(YAML.writeValueAsString(JsonConversion.toJson(a[0])));
            } catch (Exception e) {
                throw RegoException.builtin("yaml.marshal: " + e.getMessage());
            }
        });
        r.add("yaml.unmarshal", 1, (a, c) -> {
            try {
                JsonNode n = YAML.readTree(Args.str("yaml.unmarshal", a, 0));
                return n == null || n.isMissingNode() ? RegoValue.NULL : JsonConversion.fromJson(n);
            } catch (Exception e) {
                throw RegoException.builtin("yaml.unmarshal: " + firstLine(e.getMessage()));
            }
        });
        r.add("yaml.is_valid", 1, (a, c) -> {
            if (!(a[0] instanceof RegoValue.Str s)) {
                return RegoValue.FALSE;
            }
            try {
                YAML.readTree(s.value());
                return RegoValue.TRUE;
            } catch (Exception e) {
                return RegoValue.FALSE;
            }
        });
    }

    private static String firstLine(String s) {
        return s == null ? "error" : s.lines().findFirst().orElse(s);
    }

    /**
     * The UTF-8 bytes of {@code s}, once it is known that encoding them, {@code out} characters per
     * {@code in} bytes, fits the string limit: checked from the length before anything is built.
     */
    static byte[] encodable(String s, BuiltinContext c, int out, int in) {
        long utf8 = utf8Length(s);
        long length = (utf8 + in - 1) / in * out;
        c.limits().chars(length);
        c.limits().chargeChars(length);
        return bytes(s);
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            n += ch < 0x80 ? 1 : ch < 0x800 ? 2 : Character.isSurrogate(ch) ? 2 : 3;
        }
        return n;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] decode(String fn, String s, boolean url) {
        String t = s;
        if (url && t.length() % 4 != 0 && !t.endsWith("=")) {
            t = t + "=".repeat((4 - t.length() % 4) % 4);
        }
        String alphabet = url ? "[A-Za-z0-9_-]" : "[A-Za-z0-9+/]";
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch == '=') {
                break;
            }
            if (!String.valueOf(ch).matches(alphabet) && ch != '\n' && ch != '\r') {
                throw RegoException.builtin(fn + ": illegal base64 data at input byte " + i);
            }
        }
        if (t.replace("\n", "").replace("\r", "").length() % 4 != 0) {
            throw RegoException.builtin(fn + ": illegal base64 data at input byte " + t.length());
        }
        try {
            return (url ? Base64.getUrlDecoder() : Base64.getMimeDecoder()).decode(t);
        } catch (IllegalArgumentException e) {
            throw RegoException.builtin(fn + ": illegal base64 data at input byte 0");
        }
    }

    static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    static String queryUnescape(String fn, String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegoException.builtin(fn + ": invalid URL escape");
        }
    }
}

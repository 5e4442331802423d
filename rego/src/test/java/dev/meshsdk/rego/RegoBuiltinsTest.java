package dev.meshsdk.rego;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builtins a governance policy typically needs, evaluated end to end. */
class RegoBuiltinsTest {

    private static RegoValue eval(String expr) {
        RegoOptions opts = RegoOptions.defaults()
                .withStrictBuiltinErrors(true)
                .withClock(Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
        RegoEngine rego = RegoEngine.create(opts);
        RegoPolicySet e = rego.compile(List.of(rego.parse("b.rego", "package b\nv := " + expr + "\n")));
        return e.evaluate("data.b.v", null, null).orElse(null);
    }

    private static RegoValue json(Object o) {
        return RegoValue.fromJava(o);
    }

    @Test
    void regexUsesRe2Syntax() {
        assertThat(eval("regex.match(`^(?P<team>[a-z]+)-[[:digit:]]+$`, \"data-42\")"))
                .isEqualTo(RegoValue.TRUE);
        assertThat(eval("regex.replace(\"a1b22\", `(\\d+)`, \"<$1>\")")).isEqualTo(RegoValue.of("a<1>b<22>"));
        assertThat(eval("regex.find_all_string_submatch_n(`(\\w)=(\\d)`, \"a=1 b=2\", -1)"))
                .isEqualTo(json(List.of(List.of("a=1", "a", "1"), List.of("b=2", "b", "2"))));
        // RE2 has no look-around or backreferences; neither does this engine
        assertThat(eval("regex.is_valid(`a(?=b)`)")).isEqualTo(RegoValue.FALSE);
        assertThat(eval("regex.is_valid(`(a)\\1`)")).isEqualTo(RegoValue.FALSE);
    }

    @Test
    void globMatchesWithDelimiters() {
        assertThat(eval("glob.match(\"s3://bucket/*/raw\", [\"/\"], \"s3://bucket/orders/raw\")"))
                .isEqualTo(RegoValue.TRUE);
        assertThat(eval("glob.match(\"s3://bucket/*/raw\", [\"/\"], \"s3://bucket/a/b/raw\")"))
                .isEqualTo(RegoValue.FALSE);
        assertThat(eval("glob.match(\"s3://bucket/**/raw\", [\"/\"], \"s3://bucket/a/b/raw\")"))
                .isEqualTo(RegoValue.TRUE);
    }

    @Test
    void timeUsesTheConfiguredClock() {
        assertThat(eval("time.now_ns()")).isEqualTo(RegoValue.of(1714564800L * 1_000_000_000L));
        assertThat(eval("time.date(time.parse_rfc3339_ns(\"2024-02-29T23:00:00-02:00\"))"))
                .isEqualTo(json(List.of(2024, 3, 1)));
        // like Go, 1970-01-01 plus one month and 30 days normalises "February 31" to March 3
        assertThat(eval("time.add_date(0, 0, 1, 30)")).isEqualTo(RegoValue.of(5270400L * 1_000_000_000L));
    }

    @Test
    void unitsSemverAndNetworks() {
        assertThat(eval("units.parse_bytes(\"10GiB\")")).isEqualTo(RegoValue.of(10737418240L));
        assertThat(eval("units.parse(\"250m\")")).isEqualTo(RegoValue.of(new java.math.BigDecimal("0.25")));
        assertThat(eval("semver.compare(\"1.10.0\", \"1.9.3\")")).isEqualTo(RegoValue.of(1));
        assertThat(eval("net.cidr_contains(\"10.0.0.0/8\", \"10.20.30.40\")")).isEqualTo(RegoValue.TRUE);
        assertThat(eval("net.cidr_merge([\"10.0.0.0/25\", \"10.0.0.128/25\"])"))
                .isEqualTo(json(java.util.Set.of("10.0.0.0/24")));
    }

    @Test
    void jsonYamlAndObjects() {
        assertThat(eval("json.unmarshal(`{\"a\": [1, 2.5]}`)"))
                .isEqualTo(json(Map.of("a", List.of(1, new java.math.BigDecimal("2.5")))));
        assertThat(eval("yaml.unmarshal(\"a:\\n  - x\\n\")")).isEqualTo(json(Map.of("a", List.of("x"))));
        assertThat(eval("json.patch({\"a\": 1}, [{\"op\": \"add\", \"path\": \"/b\", \"value\": 2}])"))
                .isEqualTo(json(Map.of("a", 1, "b", 2)));
        assertThat(eval("object.union({\"a\": {\"x\": 1}}, {\"a\": {\"y\": 2}})"))
                .isEqualTo(json(Map.of("a", Map.of("x", 1, "y", 2))));
    }

    @Test
    void jsonSchemaReportsEveryViolation() {
        String schema = "{\"type\": \"object\", \"required\": [\"name\", \"kind\"],"
                + " \"additionalProperties\": false, \"properties\": {"
                + "\"name\": {\"type\": \"string\", \"minLength\": 3},"
                + " \"kind\": {\"enum\": [\"table\", \"view\"]},"
                + " \"cols\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/col\"}}},"
                + " \"$defs\": {\"col\": {\"type\": \"object\", \"required\": [\"id\"]}}}";
        RegoValue r = eval("json.match_schema({\"name\": \"ab\", \"extra\": 1, \"cols\": [{}]}, " + schema + ")");
        assertThat(r).isInstanceOf(RegoValue.Arr.class);
        RegoValue.Arr arr = (RegoValue.Arr) r;
        assertThat(arr.items().get(0)).isEqualTo(RegoValue.FALSE);
        assertThat(((RegoValue.Arr) arr.items().get(1)).items())
                .extracting(e -> ((RegoValue.Obj) e).get(RegoValue.of("error")))
                .containsExactlyInAnyOrder(
                        RegoValue.of("(root): kind is required"),
                        RegoValue.of("name: String length must be greater than or equal to 3"),
                        RegoValue.of("(root): Additional property extra is not allowed"),
                        RegoValue.of("cols.0: id is required"));
    }

    @Test
    void jwtRoundTripWithHmac() {
        String token = "io.jwt.encode_sign({\"alg\": \"HS256\"}, {\"sub\": \"alice\"},"
                + " {\"kty\": \"oct\", \"k\": \"c2VjcmV0\"})";
        assertThat(eval("io.jwt.verify_hs256(" + token + ", \"secret\")")).isEqualTo(RegoValue.TRUE);
        assertThat(eval("io.jwt.decode(" + token + ")[1]")).isEqualTo(json(Map.of("sub", "alice")));
    }

    @Test
    void templateStringsAndSprintf() {
        assertThat(eval("sprintf(\"%s has %d columns (%.1f%%)\", [\"orders\", 12, 99.5])"))
                .isEqualTo(RegoValue.of("orders has 12 columns (99.5%)"));
        assertThat(eval("$\"{upper(\"x\")}-{[1, 2]}\"")).isEqualTo(RegoValue.of("X-[1, 2]"));
    }
}

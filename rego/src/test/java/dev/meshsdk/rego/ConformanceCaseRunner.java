package dev.meshsdk.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs one conformance case and explains why it failed (or returns null when it passed). */
final class ConformanceCaseRunner {

    String run(JsonNode c) {
        try {
            return runChecked(c);
        } catch (RuntimeException | StackOverflowError e) {
            return "crash: " + e;
        }
    }

    private String runChecked(JsonNode c) {
        boolean strict = c.path("strict_error").asBoolean(false);
        RegoOptions opts = RegoOptions.defaults()
                .withMaxSteps(2_000_000)
                .withClock(Clock.systemUTC())
                .withStrictBuiltinErrors(strict);
        boolean wantsError = c.has("want_error_code") || c.has("want_error");
        List<Map<String, RegoValue>> got;
        try {
            RegoEngine rego = RegoEngine.create(opts);
            List<RegoModule> modules = new ArrayList<>();
            int i = 0;
            for (JsonNode m : c.path("modules")) {
                modules.add(rego.parse("test-" + (i++) + ".rego", m.asText()));
            }
            RegoPolicySet engine = rego.compile(modules);
            RegoValue data = c.has("data") ? RegoValue.fromJson(c.get("data")) : null;
            RegoValue input = null;
            if (c.has("input_term")) {
                List<Map<String, RegoValue>> r =
                        engine.query("__input__ = " + c.get("input_term").asText(), null, data);
                input = r.isEmpty() ? null : r.get(0).get("__input__");
            } else if (c.has("input")) {
                input = RegoValue.fromJson(c.get("input"));
            }
            got = engine.query(c.path("query").asText(), input, data);
        } catch (RegoException e) {
            if (!wantsError) {
                return "unexpected error " + e;
            }
            String code = c.path("want_error_code").asText("");
            String msg = c.path("want_error").asText("");
            if (!code.isEmpty() && !code.equals(e.code())) {
                return "wrong error code " + e.code() + " (want " + code + "): " + e.getMessage();
            }
            // OPA locates errors as file:line; this engine adds the column.
            String withoutColumn = e.getMessage().replaceFirst("^([^\\s:]+:\\d+):\\d+:", "$1:");
            if (!e.getMessage().contains(msg) && !withoutColumn.contains(msg)) {
                return "wrong error message '" + e.getMessage() + "' (want '" + msg + "')";
            }
            return null;
        }
        if (wantsError) {
            return "expected error " + c.path("want_error_code").asText() + " '"
                    + c.path("want_error").asText() + "' but got " + got;
        }
        if (!c.has("want_result")) {
            return null;
        }
        boolean sort = c.path("sort_bindings").asBoolean(false);
        List<Map<String, RegoValue>> want = new ArrayList<>();
        for (JsonNode row : c.get("want_result")) {
            Map<String, RegoValue> m = new HashMap<>();
            row.properties().forEach(e -> m.put(e.getKey(), norm(RegoValue.fromJson(e.getValue()), sort)));
            want.add(m);
        }
        List<Map<String, RegoValue>> have = new ArrayList<>();
        for (Map<String, RegoValue> row : got) {
            Map<String, RegoValue> m = new HashMap<>();
            row.forEach((k, v) -> m.put(k, norm(v, sort)));
            have.add(m);
        }
        List<String> a = new ArrayList<>(want.stream().map(Object::toString).toList());
        List<String> b = new ArrayList<>(have.stream().map(Object::toString).toList());
        Collections.sort(a);
        Collections.sort(b);
        if (!a.equals(b)) {
            return "want " + a + " got " + b;
        }
        return null;
    }

    private static final java.math.BigDecimal EXACT = new java.math.BigDecimal(1L << 53);

    /**
     * The YAML copy of the suite went through JSON floats, so integers beyond 2^53 lost precision
     * there; compare such numbers at double precision on both sides.
     */
    private static RegoValue lossy(RegoValue v) {
        if (v instanceof RegoValue.Num n && n.value().abs().compareTo(EXACT) > 0) {
            return new RegoValue.Num(new java.math.BigDecimal(n.value().doubleValue()));
        } else if (v instanceof RegoValue.Arr a) {
            return new RegoValue.Arr(
                    a.items().stream().map(ConformanceCaseRunner::lossy).toList());
        } else if (v instanceof RegoValue.Obj o) {
            java.util.TreeMap<RegoValue, RegoValue> m = new java.util.TreeMap<>();
            o.map().forEach((k, x) -> m.put(k, lossy(x)));
            return new RegoValue.Obj(m);
        }
        return v;
    }

    /** Sets become arrays (JSON has no sets); top-level arrays are sorted when asked. */
    private static RegoValue norm(RegoValue v, boolean sort) {
        RegoValue j = lossy(RegoValue.fromJson(v.toJson()));
        if (sort && j instanceof RegoValue.Arr arr) {
            List<RegoValue> l = new ArrayList<>(arr.items());
            Collections.sort(l);
            return new RegoValue.Arr(l);
        }
        return j;
    }
}

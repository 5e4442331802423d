package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A JSON Schema validator (the draft-04 to draft-07 keywords) behind json.match_schema and
 * json.verify_schema. Errors read like those of the Go library OPA uses.
 */
final class JsonSchema {
    private static final Set<String> TYPES =
            Set.of("array", "boolean", "integer", "number", "null", "object", "string");
    private final RegoValue root;
    private final List<RegoValue> errors = new ArrayList<>();

    private JsonSchema(RegoValue root) {
        this.root = root;
    }

    static void register(BuiltinRegistry r) {
        r.add("json.verify_schema", 1, (a, c) -> {
            try {
                check(schemaOf("json.verify_schema", a[0]));
                return new RegoValue.Arr(List.of(RegoValue.TRUE, RegoValue.NULL));
            } catch (IllegalArgumentException e) {
                return new RegoValue.Arr(List.of(RegoValue.FALSE, RegoValue.of("jsonschema: " + e.getMessage())));
            }
        });
        r.add("json.match_schema", 2, (a, c) -> {
            RegoValue doc = a[0] instanceof RegoValue.Str s ? JsonBuiltins.parse("json.match_schema", s.value()) : a[0];
            RegoValue schema = schemaOf("json.match_schema", a[1]);
            try {
                check(schema);
            } catch (IllegalArgumentException e) {
                throw RegoException.builtin("json.match_schema: " + e.getMessage());
            }
            JsonSchema v = new JsonSchema(schema);
            v.validate(schema, RegoValue.fromJson(doc.toJson()), "(root)");
            return new RegoValue.Arr(List.of(RegoValue.of(v.errors.isEmpty()), new RegoValue.Arr(v.errors)));
        });
    }

    private static RegoValue schemaOf(String fn, RegoValue v) {
        if (v instanceof RegoValue.Str s) {
            return JsonBuiltins.parse(fn, s.value());
        }
        if (v instanceof RegoValue.Obj || v instanceof RegoValue.Bool) {
            return v;
        }
        throw Args.typeErr(fn, 0, "one of {string, object, boolean}", v);
    }

    /** Rejects schemas with unknown primitive types, recursively. */
    private static void check(RegoValue s) {
        if (!(s instanceof RegoValue.Obj o)) {
            return;
        }
        RegoValue t = o.get(RegoValue.of("type"));
        List<RegoValue> ts = t instanceof RegoValue.Arr a ? a.items() : t == null ? List.of() : List.of(t);
        for (RegoValue x : ts) {
            if (!(x instanceof RegoValue.Str str) || !TYPES.contains(str.value())) {
                throw new IllegalArgumentException("has a primitive type that is NOT VALID -- given: /"
                        + MoreStringBuiltins.plain(x) + "/ Expected valid values are:[array boolean integer"
                        + " number null object string]");
            }
        }
        for (RegoValue v : o.map().values()) {
            if (v instanceof RegoValue.Obj) {
                check(v);
            } else if (v instanceof RegoValue.Arr a) {
                a.items().forEach(JsonSchema::check);
            }
        }
    }

    private void fail(String field, String type, String desc) {
        TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
        m.put(RegoValue.of("error"), RegoValue.of(field + ": " + desc));
        m.put(RegoValue.of("desc"), RegoValue.of(desc));
        m.put(RegoValue.of("field"), RegoValue.of(field));
        m.put(RegoValue.of("type"), RegoValue.of(type));
        errors.add(new RegoValue.Obj(m));
    }

    private static String typeOf(RegoValue v) {
        if (v instanceof RegoValue.Num n) {
            return n.isInteger() ? "integer" : "number";
        }
        return v instanceof RegoValue.SetV ? "array" : v.typeName();
    }

    private static RegoValue get(RegoValue.Obj o, String k) {
        return o.get(RegoValue.of(k));
    }

    private static String child(String field, String key) {
        return field.equals("(root)") ? key : field + "." + key;
    }

    private RegoValue resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        RegoValue cur = root;
        for (String seg : ref.substring(1).split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            cur = cur instanceof RegoValue.Obj o
                    ? o.get(RegoValue.of(seg.replace("~1", "/").replace("~0", "~")))
                    : null;
        }
        return cur;
    }

    /** Validates silently, returning whether {@code v} matches {@code s}. */
    private boolean matches(RegoValue s, RegoValue v, String field) {
        JsonSchema sub = new JsonSchema(root);
        sub.validate(s, v, field);
        return sub.errors.isEmpty();
    }

    void validate(RegoValue s, RegoValue v, String field) {
        if (s instanceof RegoValue.Bool b) {
            if (!b.value()) {
                fail(field, "false", "False always fails validation");
            }
            return;
        }
        if (!(s instanceof RegoValue.Obj o)) {
            return;
        }
        if (get(o, "$ref") instanceof RegoValue.Str ref) {
            RegoValue target = resolve(ref.value());
            if (target != null) {
                validate(target, v, field);
            }
            return;
        }
        RegoValue type = get(o, "type");
        if (type != null) {
            List<RegoValue> ts = type instanceof RegoValue.Arr a ? a.items() : List.of(type);
            String actual = typeOf(v);
            boolean ok = ts.stream()
                    .anyMatch(t -> t.equals(RegoValue.of(actual))
                            || t.equals(RegoValue.of("number")) && actual.equals("integer"));
            if (!ok) {
                List<String> names = ts.stream().map(MoreStringBuiltins::plain).toList();
                fail(
                        field,
                        "invalid_type",
                        "Invalid type. Expected: " + String.join(", ", names) + ", given: " + actual);
                return;
            }
        }
        if (get(o, "enum") instanceof RegoValue.Arr en && !en.items().contains(v)) {
            List<String> allowed = en.items().stream().map(JsonText::writeJson).toList();
            fail(field, "enum", "must be one of the following: " + String.join(", ", allowed));
        }
        RegoValue cst = get(o, "const");
        if (cst != null && !cst.equals(v)) {
            fail(field, "const", "does not match: " + JsonText.writeJson(cst));
        }
        new JsonSchemaKeywords(this, o, v, field).validate();
        if (get(o, "allOf") instanceof RegoValue.Arr all) {
            for (RegoValue sub : all.items()) {
                if (!matches(sub, v, field)) {
                    fail(field, "number_all_of", "Must validate all the schemas (allOf)");
                    break;
                }
            }
        }
        if (get(o, "anyOf") instanceof RegoValue.Arr any
                && any.items().stream().noneMatch(sub -> matches(sub, v, field))) {
            fail(field, "number_any_of", "Must validate at least one schema (anyOf)");
        }
        if (get(o, "oneOf") instanceof RegoValue.Arr one
                && one.items().stream().filter(sub -> matches(sub, v, field)).count() != 1) {
            fail(field, "number_one_of", "Must validate one and only one schema (oneOf)");
        }
        RegoValue not = get(o, "not");
        if (not != null && matches(not, v, field)) {
            fail(field, "number_not", "Must not validate the schema (not)");
        }
        RegoValue ifS = get(o, "if");
        if (ifS != null) {
            RegoValue branch = matches(ifS, v, field) ? get(o, "then") : get(o, "else");
            if (branch != null) {
                validate(branch, v, field);
            }
        }
    }

    int errorCount() {
        return errors.size();
    }

    void truncate(int n) {
        while (errors.size() > n) {
            errors.remove(errors.size() - 1);
        }
    }

    /** Records an error on behalf of {@link JsonSchemaKeywords}. */
    void failPublic(String field, String type, String desc) {
        fail(field, type, desc);
    }

    String childField(String field, String key) {
        return child(field, key);
    }

    static boolean regexFinds(String re, String s) {
        return Pattern.compile(Re2Translator.translate(re)).matcher(s).find();
    }

    static String num(RegoValue v) {
        return v instanceof RegoValue.Num n ? NumberFormat.format(n.value()) : String.valueOf(v);
    }

    static BigDecimal dec(RegoValue v) {
        return v instanceof RegoValue.Num n ? n.value() : null;
    }

    static Map<RegoValue, RegoValue> props(RegoValue.Obj o, String k) {
        return o.get(RegoValue.of(k)) instanceof RegoValue.Obj p ? p.map() : Map.of();
    }
}

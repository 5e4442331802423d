package dev.meshsdk.rego;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The type-specific JSON Schema keywords: objects, arrays, strings and numbers. */
final class JsonSchemaKeywords {
    private final JsonSchema v;
    private final RegoValue.Obj s;
    private final RegoValue value;
    private final String field;

    JsonSchemaKeywords(JsonSchema v, RegoValue.Obj s, RegoValue value, String field) {
        this.v = v;
        this.s = s;
        this.value = value;
        this.field = field;
    }

    private RegoValue get(String k) {
        return s.get(RegoValue.of(k));
    }

    void validate() {
        if (value instanceof RegoValue.Obj o) {
            object(o);
        } else if (value instanceof RegoValue.Arr || value instanceof RegoValue.SetV) {
            array(Args.collection("json.match_schema", new RegoValue[] {value}, 0));
        } else if (value instanceof RegoValue.Str str) {
            string(str.value());
        } else if (value instanceof RegoValue.Num n) {
            number(n.value());
        }
    }

    private void object(RegoValue.Obj o) {
        if (get("required") instanceof RegoValue.Arr req) {
            for (RegoValue k : req.items()) {
                if (o.get(k) == null) {
                    v.failPublic(field, "required", MoreStringBuiltins.plain(k) + " is required");
                }
            }
        }
        Map<RegoValue, RegoValue> props = JsonSchema.props(s, "properties");
        Map<RegoValue, RegoValue> patterns = JsonSchema.props(s, "patternProperties");
        RegoValue additional = get("additionalProperties");
        for (Map.Entry<RegoValue, RegoValue> e : o.map().entrySet()) {
            String key = MoreStringBuiltins.plain(e.getKey());
            boolean known = false;
            RegoValue ps = props.get(e.getKey());
            if (ps != null) {
                known = true;
                v.validate(ps, e.getValue(), v.childField(field, key));
            }
            for (Map.Entry<RegoValue, RegoValue> pe : patterns.entrySet()) {
                if (JsonSchema.regexFinds(MoreStringBuiltins.plain(pe.getKey()), key)) {
                    known = true;
                    v.validate(pe.getValue(), e.getValue(), v.childField(field, key));
                }
            }
            if (!known && additional != null) {
                if (additional.equals(RegoValue.FALSE)) {
                    v.failPublic(
                            field, "additional_property_not_allowed", "Additional property " + key + " is not allowed");
                } else {
                    v.validate(additional, e.getValue(), v.childField(field, key));
                }
            }
        }
        BigDecimal min = JsonSchema.dec(get("minProperties"));
        if (min != null && o.map().size() < min.intValue()) {
            v.failPublic(
                    field,
                    "array_min_properties",
                    "Must have at least " + JsonSchema.num(get("minProperties")) + " properties");
        }
        BigDecimal max = JsonSchema.dec(get("maxProperties"));
        if (max != null && o.map().size() > max.intValue()) {
            v.failPublic(
                    field,
                    "array_max_properties",
                    "Must have at most " + JsonSchema.num(get("maxProperties")) + " properties");
        }
    }

    private void array(List<RegoValue> items) {
        RegoValue it = get("items");
        if (it instanceof RegoValue.Arr tuple) {
            for (int i = 0; i < items.size() && i < tuple.items().size(); i++) {
                v.validate(tuple.items().get(i), items.get(i), v.childField(field, String.valueOf(i)));
            }
            RegoValue extra = get("additionalItems");
            if (extra != null) {
                for (int i = tuple.items().size(); i < items.size(); i++) {
                    if (extra.equals(RegoValue.FALSE)) {
                        v.failPublic(field, "array_no_additional_items", "No additional items allowed on" + " array");
                        break;
                    }
                    v.validate(extra, items.get(i), v.childField(field, String.valueOf(i)));
                }
            }
        } else if (it != null) {
            for (int i = 0; i < items.size(); i++) {
                v.validate(it, items.get(i), v.childField(field, String.valueOf(i)));
            }
        }
        BigDecimal min = JsonSchema.dec(get("minItems"));
        if (min != null && items.size() < min.intValue()) {
            v.failPublic(
                    field, "array_min_items", "Array must have at least " + JsonSchema.num(get("minItems")) + " items");
        }
        BigDecimal max = JsonSchema.dec(get("maxItems"));
        if (max != null && items.size() > max.intValue()) {
            v.failPublic(
                    field, "array_max_items", "Array must have at most " + JsonSchema.num(get("maxItems")) + " items");
        }
        if (RegoValue.TRUE.equals(get("uniqueItems"))) {
            outer:
            for (int i = 0; i < items.size(); i++) {
                for (int j = i + 1; j < items.size(); j++) {
                    if (items.get(i).equals(items.get(j))) {
                        v.failPublic(field, "unique", "array items[" + i + "," + j + "] must be unique");
                        break outer;
                    }
                }
            }
        }
        RegoValue contains = get("contains");
        if (contains != null && items.stream().noneMatch(x -> matchesSilently(contains, x))) {
            v.failPublic(field, "contains", "At least one of the items must match");
        }
    }

    private boolean matchesSilently(RegoValue schema, RegoValue x) {
        int before = v.errorCount();
        v.validate(schema, x, field);
        boolean ok = v.errorCount() == before;
        v.truncate(before);
        return ok;
    }

    private void string(String str) {
        int len = str.codePointCount(0, str.length());
        BigDecimal min = JsonSchema.dec(get("minLength"));
        if (min != null && len < min.intValue()) {
            v.failPublic(
                    field,
                    "string_gte",
                    "String length must be greater than or equal to " + JsonSchema.num(get("minLength")));
        }
        BigDecimal max = JsonSchema.dec(get("maxLength"));
        if (max != null && len > max.intValue()) {
            v.failPublic(
                    field,
                    "string_lte",
                    "String length must be less than or equal to " + JsonSchema.num(get("maxLength")));
        }
        if (get("pattern") instanceof RegoValue.Str p && !JsonSchema.regexFinds(p.value(), str)) {
            v.failPublic(field, "pattern", "Does not match pattern '" + p.value() + "'");
        }
    }

    private void number(BigDecimal n) {
        BigDecimal min = JsonSchema.dec(get("minimum"));
        boolean exMinFlag = RegoValue.TRUE.equals(get("exclusiveMinimum"));
        if (min != null && (exMinFlag ? n.compareTo(min) <= 0 : n.compareTo(min) < 0)) {
            v.failPublic(
                    field,
                    exMinFlag ? "number_gt" : "number_gte",
                    (exMinFlag ? "Must be greater than " : "Must be greater than or equal to ")
                            + JsonSchema.num(get("minimum")));
        }
        BigDecimal max = JsonSchema.dec(get("maximum"));
        boolean exMaxFlag = RegoValue.TRUE.equals(get("exclusiveMaximum"));
        if (max != null && (exMaxFlag ? n.compareTo(max) >= 0 : n.compareTo(max) > 0)) {
            v.failPublic(
                    field,
                    exMaxFlag ? "number_lt" : "number_lte",
                    (exMaxFlag ? "Must be less than " : "Must be less than or equal to ")
                            + JsonSchema.num(get("maximum")));
        }
        BigDecimal exMin = JsonSchema.dec(get("exclusiveMinimum"));
        if (exMin != null && n.compareTo(exMin) <= 0) {
            v.failPublic(field, "number_gt", "Must be greater than " + JsonSchema.num(get("exclusiveMinimum")));
        }
        BigDecimal exMax = JsonSchema.dec(get("exclusiveMaximum"));
        if (exMax != null && n.compareTo(exMax) >= 0) {
            v.failPublic(field, "number_lt", "Must be less than " + JsonSchema.num(get("exclusiveMaximum")));
        }
        BigDecimal mult = JsonSchema.dec(get("multipleOf"));
        if (mult != null && mult.signum() > 0 && n.remainder(mult).signum() != 0) {
            v.failPublic(field, "multiple_of", "Must be a multiple of " + JsonSchema.num(get("multipleOf")));
        }
    }
}

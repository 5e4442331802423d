package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Threshold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps ODCS schema objects, properties and quality rules. ODCS 3.0's quality {@code rule} is read
 * into {@code metric} and also kept in the extensions, so that the writer writes {@code rule} (and no
 * {@code metric}) back. Only the first well-formed {@code mustBe...} key becomes the threshold; other
 * or malformed ones stay in the extensions, where {@link QualityChecks} reports them.
 */
final class SchemaMapper {
    private SchemaMapper() {}

    static SchemaObject object(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        return new SchemaObject(
                f.text("id"),
                f.text("name"),
                f.text("physicalName"),
                f.text("physicalType"),
                f.text("logicalType"),
                f.text("description"),
                f.text("businessName"),
                f.text("dataGranularityDescription"),
                f.strings("tags"),
                f.list("properties", SchemaMapper::property),
                f.list("quality", SchemaMapper::rule),
                CommonMapper.customProperties(f),
                f.rest());
    }

    static SchemaProperty property(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        String id = f.text("id");
        String name = f.text("name");
        String physicalName = f.text("physicalName");
        String logicalType = f.text("logicalType");
        String physicalType = f.text("physicalType");
        Map<String, Object> logicalTypeOptions = f.map("logicalTypeOptions");
        String description = f.text("description");
        String businessName = f.text("businessName");
        boolean required = f.flag("required");
        boolean unique = f.flag("unique");
        boolean primaryKey = f.flag("primaryKey");
        Integer primaryKeyPosition = f.integer("primaryKeyPosition");
        boolean partitioned = f.flag("partitioned");
        Integer partitionKeyPosition = f.integer("partitionKeyPosition");
        String classification = f.text("classification");
        List<String> tags = f.strings("tags");
        List<QualityRule> quality = f.list("quality", SchemaMapper::rule);
        List<SchemaProperty> properties = f.list("properties", SchemaMapper::property);
        ObjectNode itemsNode = f.object("items");
        SchemaProperty items = itemsNode == null ? null : property(itemsNode);
        return new SchemaProperty(
                id,
                name,
                physicalName,
                logicalType,
                physicalType,
                logicalTypeOptions,
                description,
                businessName,
                required,
                unique,
                primaryKey,
                primaryKeyPosition,
                partitioned,
                partitionKeyPosition,
                classification,
                tags,
                quality,
                properties,
                items,
                CommonMapper.customProperties(f),
                f.rest());
    }

    static QualityRule rule(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        String id = f.text("id");
        String name = f.text("name");
        String description = f.text("description");
        String type = f.text("type");
        String metric = f.text("metric");
        if (metric == null && n.path("rule").isTextual()) metric = n.get("rule").textValue(); // ODCS 3.0
        Map<String, Object> arguments = f.map("arguments");
        Optional<Threshold> threshold = Optional.empty();
        for (Threshold.Operator op : Threshold.Operator.values()) {
            Threshold t = threshold(n.get(op.key()), op);
            if (t != null) {
                threshold = Optional.of(t);
                f.take(op.key());
                break;
            }
        }
        return new QualityRule(
                id,
                name,
                description,
                type,
                metric,
                arguments,
                threshold,
                f.text("unit"),
                f.text("query"),
                f.text("engine"),
                f.text("implementation"),
                f.text("severity"),
                f.text("dimension"),
                CommonMapper.customProperties(f),
                f.rest());
    }

    /** The threshold for one operator key, or null when absent or not numeric. */
    static Threshold threshold(JsonNode v, Threshold.Operator op) {
        if (v == null) return null;
        List<BigDecimal> values = new ArrayList<>(2);
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!isExactNumber(e)) return null;
                values.add(e.decimalValue());
            }
        } else if (isExactNumber(v)) {
            values.add(v.decimalValue());
        } else {
            return null;
        }
        boolean pair = op == Threshold.Operator.MUST_BE_BETWEEN || op == Threshold.Operator.MUST_NOT_BE_BETWEEN;
        if (pair != v.isArray() || values.size() != (pair ? 2 : 1)) return null;
        return new Threshold(op, values);
    }

    private static boolean isExactNumber(JsonNode e) {
        // scale < 0 (1e3) would not be written back in the same form: keep such a value untyped
        return e.isIntegralNumber() || (e.isBigDecimal() && e.decimalValue().scale() > 0);
    }
}

package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import dev.meshsdk.model.Description;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Role;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.model.Team;
import dev.meshsdk.model.Threshold;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the tree of a model record: typed fields in the standards' order, then the extensions. */
final class ModelTrees {
    private ModelTrees() {}

    static ObjectNode product(DataProduct p) {
        ObjectNode o = obj();
        text(o, "apiVersion", p.apiVersion());
        text(o, "kind", p.kind());
        text(o, "id", p.id());
        text(o, "name", p.name());
        text(o, "version", p.version());
        text(o, "status", p.status());
        text(o, "domain", p.domain());
        text(o, "tenant", p.tenant());
        if (p.description() != null) o.set("description", description(p.description()));
        strings(o, "tags", p.tags());
        list(o, "inputPorts", p.inputPorts(), ModelTrees::inputPort);
        list(o, "outputPorts", p.outputPorts(), ModelTrees::outputPort);
        if (p.team() != null) o.set("team", team(p.team()));
        customProperties(o, p.customProperties());
        return extend(o, p.extensions());
    }

    static ObjectNode contract(DataContract c) {
        ObjectNode o = obj();
        text(o, "apiVersion", c.apiVersion());
        text(o, "kind", c.kind());
        text(o, "id", c.id());
        text(o, "name", c.name());
        text(o, "version", c.version());
        text(o, "status", c.status());
        text(o, "domain", c.domain());
        text(o, "dataProduct", c.dataProduct());
        text(o, "tenant", c.tenant());
        if (c.description() != null) o.set("description", description(c.description()));
        list(o, "servers", c.servers(), ModelTrees::server);
        list(o, "schema", c.schema(), ModelTrees::schemaObject);
        list(o, "roles", c.roles(), ModelTrees::role);
        list(o, "slaProperties", c.slaProperties(), ModelTrees::sla);
        if (c.team() != null) {
            if ("array".equals(c.extensions().get(ContractMapper.TEAM_FORM_KEY))) {
                list(o, "team", c.team().members(), ModelTrees::member);
            } else {
                o.set("team", team(c.team()));
            }
        }
        strings(o, "tags", c.tags());
        customProperties(o, c.customProperties());
        extend(o, c.extensions());
        o.remove(ContractMapper.TEAM_FORM_KEY);
        return o;
    }

    private static ObjectNode inputPort(InputPort p) {
        ObjectNode o = obj();
        text(o, "name", p.name());
        text(o, "version", p.version());
        text(o, "contractId", p.contractId());
        strings(o, "tags", p.tags());
        customProperties(o, p.customProperties());
        return extend(o, p.extensions());
    }

    private static ObjectNode outputPort(OutputPort p) {
        ObjectNode o = obj();
        text(o, "name", p.name());
        text(o, "description", p.description());
        text(o, "type", p.type());
        text(o, "version", p.version());
        text(o, "contractId", p.contractId());
        strings(o, "tags", p.tags());
        customProperties(o, p.customProperties());
        return extend(o, p.extensions());
    }

    private static ObjectNode description(Description d) {
        ObjectNode o = obj();
        text(o, "purpose", d.purpose());
        text(o, "limitations", d.limitations());
        text(o, "usage", d.usage());
        customProperties(o, d.customProperties());
        return extend(o, d.extensions());
    }

    private static ObjectNode team(Team t) {
        ObjectNode o = obj();
        text(o, "name", t.name());
        text(o, "description", t.description());
        list(o, "members", t.members(), ModelTrees::member);
        return extend(o, t.extensions());
    }

    private static ObjectNode member(Team.Member m) {
        ObjectNode o = obj();
        text(o, "username", m.username());
        text(o, "name", m.name());
        text(o, "role", m.role());
        return extend(o, m.extensions());
    }

    private static ObjectNode server(Server s) {
        ObjectNode o = obj();
        text(o, "server", s.server());
        text(o, "type", s.type());
        text(o, "environment", s.environment());
        text(o, "description", s.description());
        extend(o, s.settings());
        customProperties(o, s.customProperties());
        return extend(o, s.extensions());
    }

    private static ObjectNode role(Role r) {
        ObjectNode o = obj();
        text(o, "role", r.role());
        text(o, "description", r.description());
        text(o, "access", r.access());
        text(o, "firstLevelApprovers", r.firstLevelApprovers());
        text(o, "secondLevelApprovers", r.secondLevelApprovers());
        customProperties(o, r.customProperties());
        return extend(o, r.extensions());
    }

    private static ObjectNode sla(SlaProperty s) {
        ObjectNode o = obj();
        text(o, "property", s.property());
        if (s.value() != null) o.set("value", PlainValues.toNode(s.value()));
        if (s.valueExt() != null) o.set("valueExt", PlainValues.toNode(s.valueExt()));
        text(o, "unit", s.unit());
        text(o, "element", s.element());
        text(o, "driver", s.driver());
        return extend(o, s.extensions());
    }

    private static ObjectNode schemaObject(SchemaObject s) {
        ObjectNode o = obj();
        text(o, "id", s.id());
        text(o, "name", s.name());
        text(o, "physicalName", s.physicalName());
        text(o, "physicalType", s.physicalType());
        text(o, "logicalType", s.logicalType());
        text(o, "description", s.description());
        text(o, "businessName", s.businessName());
        text(o, "dataGranularityDescription", s.dataGranularityDescription());
        strings(o, "tags", s.tags());
        list(o, "properties", s.properties(), ModelTrees::property);
        list(o, "quality", s.quality(), ModelTrees::rule);
        customProperties(o, s.customProperties());
        return extend(o, s.extensions());
    }

    private static ObjectNode property(SchemaProperty p) {
        ObjectNode o = obj();
        text(o, "id", p.id());
        text(o, "name", p.name());
        text(o, "physicalName", p.physicalName());
        text(o, "logicalType", p.logicalType());
        text(o, "physicalType", p.physicalType());
        if (!p.logicalTypeOptions().isEmpty()) o.set("logicalTypeOptions", PlainValues.toNode(p.logicalTypeOptions()));
        text(o, "description", p.description());
        text(o, "businessName", p.businessName());
        if (p.required()) o.put("required", true);
        if (p.unique()) o.put("unique", true);
        if (p.primaryKey()) o.put("primaryKey", true);
        if (p.primaryKeyPosition() != null) o.put("primaryKeyPosition", p.primaryKeyPosition());
        if (p.partitioned()) o.put("partitioned", true);
        if (p.partitionKeyPosition() != null) o.put("partitionKeyPosition", p.partitionKeyPosition());
        text(o, "classification", p.classification());
        strings(o, "tags", p.tags());
        list(o, "quality", p.quality(), ModelTrees::rule);
        list(o, "properties", p.properties(), ModelTrees::property);
        if (p.items() != null) o.set("items", property(p.items()));
        customProperties(o, p.customProperties());
        return extend(o, p.extensions());
    }

    private static ObjectNode rule(QualityRule r) {
        ObjectNode o = obj();
        text(o, "id", r.id());
        text(o, "name", r.name());
        text(o, "description", r.description());
        text(o, "type", r.type());
        Object legacy = r.extensions().get("rule");
        if (r.metric() != null && !r.metric().equals(legacy)) o.put("metric", r.metric());
        if (!r.arguments().isEmpty()) o.set("arguments", PlainValues.toNode(r.arguments()));
        r.threshold().ifPresent(t -> o.set(t.operator().key(), threshold(t)));
        text(o, "unit", r.unit());
        text(o, "query", r.query());
        text(o, "engine", r.engine());
        text(o, "implementation", r.implementation());
        text(o, "severity", r.severity());
        text(o, "dimension", r.dimension());
        customProperties(o, r.customProperties());
        return extend(o, r.extensions());
    }

    private static JsonNode threshold(Threshold t) {
        if (t.values().size() == 1) return PlainValues.number(t.values().get(0));
        ArrayNode a = PlainValues.NODES.arrayNode();
        for (BigDecimal v : t.values()) a.add(PlainValues.number(v));
        return a;
    }

    private static void customProperties(ObjectNode o, List<CustomProperty> props) {
        list(o, "customProperties", props, p -> {
            ObjectNode n = obj();
            n.put("property", p.property());
            n.set("value", PlainValues.toNode(p.value()));
            text(n, "description", p.description());
            return n;
        });
    }

    private static ObjectNode obj() {
        return PlainValues.NODES.objectNode();
    }

    private static void text(ObjectNode o, String key, String value) {
        if (value != null) o.put(key, value);
    }

    private static void strings(ObjectNode o, String key, List<String> values) {
        if (values.isEmpty()) return;
        ArrayNode a = o.putArray(key);
        values.forEach(a::add);
    }

    private static <T> void list(ObjectNode o, String key, List<T> items, Function<T, ObjectNode> tree) {
        if (items.isEmpty()) return;
        ArrayNode a = o.putArray(key);
        for (T item : items) a.add(tree.apply(item));
    }

    private static ObjectNode extend(ObjectNode o, Map<String, Object> extensions) {
        extensions.forEach((k, v) -> o.set(k, PlainValues.toNode(v)));
        return o;
    }
}

package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.Role;
import dev.meshsdk.model.Server;
import dev.meshsdk.model.SlaProperty;
import dev.meshsdk.model.Team;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an ODCS document tree to a {@link DataContract}. The deprecated ODCS 3.0 {@code team} array is
 * read into a {@link Team} without name; {@link #TEAM_FORM_KEY} in the contract's extensions then
 * records that it was an array, so that {@link DescriptorWriter} writes the array back. The writer
 * never writes that key.
 */
final class ContractMapper {
    /** Private extensions key: present (value {@code "array"}) when {@code team} was written as a list of members. */
    static final String TEAM_FORM_KEY = "__mesh.teamForm";

    private ContractMapper() {}

    static DataContract contract(ObjectNode root) {
        ObjectFields f = new ObjectFields(root);
        String apiVersion = f.text("apiVersion");
        String kind = f.text("kind");
        String id = f.text("id");
        String name = f.text("name");
        String version = f.text("version");
        String status = f.text("status");
        String domain = f.text("domain");
        String dataProduct = f.text("dataProduct");
        String tenant = f.text("tenant");
        var description = CommonMapper.description(f);
        var servers = f.list("servers", ContractMapper::server);
        var schema = f.list("schema", SchemaMapper::object);
        var roles = f.list("roles", ContractMapper::role);
        var sla = f.list("slaProperties", ContractMapper::sla);
        Team team = null;
        boolean teamArray = false;
        JsonNode teamNode = root.get("team");
        if (teamNode != null && teamNode.isObject()) {
            team = CommonMapper.team(f.object("team"));
        } else if (teamNode != null && teamNode.isArray()) {
            List<Team.Member> members = f.list("team", CommonMapper::member);
            if (members != null) {
                team = new Team(null, null, members, Map.of());
                teamArray = true;
            }
        }
        var tags = f.strings("tags");
        var customProperties = CommonMapper.customProperties(f);
        Map<String, Object> extensions = f.rest();
        if (teamArray) extensions.put(TEAM_FORM_KEY, "array");
        return new DataContract(
                apiVersion,
                kind,
                id,
                name,
                version,
                status,
                domain,
                dataProduct,
                tenant,
                description,
                servers,
                schema,
                roles,
                sla,
                team,
                tags,
                customProperties,
                extensions);
    }

    /** A server: every key but the common ones is a type-specific setting. */
    static Server server(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        String server = f.text("server");
        String type = f.text("type");
        String environment = f.text("environment");
        String description = f.text("description");
        var customProperties = CommonMapper.customProperties(f);
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> common = List.of("server", "type", "environment", "description", "customProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!common.contains(e.getKey())) {
                settings.put(e.getKey(), PlainValues.toJava(e.getValue()));
                f.take(e.getKey());
            }
        }
        return new Server(server, type, environment, description, settings, customProperties, f.rest());
    }

    static Role role(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        return new Role(
                f.text("role"),
                f.text("description"),
                f.text("access"),
                f.text("firstLevelApprovers"),
                f.text("secondLevelApprovers"),
                CommonMapper.customProperties(f),
                f.rest());
    }

    static SlaProperty sla(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        String property = f.text("property");
        Object value = f.any("value");
        Object valueExt = f.any("valueExt");
        return new SlaProperty(
                property, value, valueExt, f.text("unit"), f.text("element"), f.text("driver"), f.rest());
    }
}

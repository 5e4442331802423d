package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Description;
import dev.meshsdk.model.Team;
import java.util.Iterator;
import java.util.List;

/** Maps the blocks ODPS and ODCS share: description, custom properties and team. */
final class CommonMapper {
    private CommonMapper() {}

    static List<CustomProperty> customProperties(ObjectFields f) {
        return f.list("customProperties", CommonMapper::customProperty);
    }

    /**
     * A custom property, or null when it holds more than the record can keep (an {@code id}, a
     * missing {@code value}): then the whole list stays in the extensions, written back as read.
     */
    static CustomProperty customProperty(ObjectNode n) {
        JsonNode property = n.get("property");
        JsonNode description = n.get("description");
        if (property == null || !property.isTextual() || !n.has("value")) return null;
        if (description != null && !description.isTextual()) return null;
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("property") && !k.equals("value") && !k.equals("description")) return null;
        }
        return new CustomProperty(
                property.textValue(),
                PlainValues.toJava(n.get("value")),
                description == null ? null : description.textValue());
    }

    static Description description(ObjectFields parent) {
        ObjectNode n = parent.object("description");
        if (n == null) return null;
        ObjectFields f = new ObjectFields(n);
        return new Description(
                f.text("purpose"), f.text("limitations"), f.text("usage"), customProperties(f), f.rest());
    }

    static Team team(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        String name = f.text("name");
        String description = f.text("description");
        List<Team.Member> members = f.list("members", CommonMapper::member);
        return new Team(name, description, members, f.rest());
    }

    static Team.Member member(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        return new Team.Member(f.text("username"), f.text("name"), f.text("role"), f.rest());
    }
}

package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.model.DataProduct;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.Team;

/** Maps an ODPS document tree to a {@link DataProduct}; every untyped key goes to {@code extensions}. */
final class ProductMapper {
    private ProductMapper() {}

    static DataProduct product(ObjectNode root) {
        ObjectFields f = new ObjectFields(root);
        String apiVersion = f.text("apiVersion");
        String kind = f.text("kind");
        String id = f.text("id");
        String name = f.text("name");
        String version = f.text("version");
        String status = f.text("status");
        String domain = f.text("domain");
        String tenant = f.text("tenant");
        var description = CommonMapper.description(f);
        var tags = f.strings("tags");
        var inputPorts = f.list("inputPorts", ProductMapper::inputPort);
        var outputPorts = f.list("outputPorts", ProductMapper::outputPort);
        ObjectNode teamNode = f.object("team");
        Team team = teamNode == null ? null : CommonMapper.team(teamNode);
        var customProperties = CommonMapper.customProperties(f);
        return new DataProduct(
                apiVersion,
                kind,
                id,
                name,
                version,
                status,
                domain,
                tenant,
                description,
                tags,
                inputPorts,
                outputPorts,
                team,
                customProperties,
                f.rest());
    }

    static InputPort inputPort(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        return new InputPort(
                f.text("name"),
                f.text("version"),
                f.text("contractId"),
                f.strings("tags"),
                CommonMapper.customProperties(f),
                f.rest());
    }

    static OutputPort outputPort(ObjectNode n) {
        ObjectFields f = new ObjectFields(n);
        return new OutputPort(
                f.text("name"),
                f.text("description"),
                f.text("type"),
                f.text("version"),
                f.text("contractId"),
                f.strings("tags"),
                CommonMapper.customProperties(f),
                f.rest());
    }
}

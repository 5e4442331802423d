package dev.meshsdk.storage.local;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.io.IOException;

/**
 * Reads catalog entry files, including those written before the catalog kept owners and major versions
 * (a {@code team} text and ports without {@code majorVersion}): their team becomes the owner's team and
 * each port's major version is read from its contract version, so that input ports pinned to a major
 * version still resolve to them until their producers deploy again. The file itself is left as it is.
 */
final class LegacyCatalogEntries {
    private LegacyCatalogEntries() {}

    static CatalogEntry read(ObjectMapper json, byte[] bytes) throws IOException {
        JsonNode node = json.readTree(bytes);
        if (!(node instanceof ObjectNode entry)) {
            throw new JsonMappingException(null, "the file holds " + (node == null || node.isMissingNode()
                    ? "nothing" : "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + ", not a catalog entry object");
        }
        if (entry.hasNonNull("team") && !entry.has("owner")) {
            entry.putObject("owner").set("team", entry.get("team"));
        }
        if (entry.get("outputPorts") instanceof com.fasterxml.jackson.databind.node.ArrayNode ports) {
            for (JsonNode p : ports) {
                if (p instanceof ObjectNode port && !port.has("majorVersion")) {
                    port.put("majorVersion", PortBinding.majorOf(port.path("contractVersion").asText(null)));
                }
            }
        }
        return json.treeToValue(entry, CatalogEntry.class);
    }
}

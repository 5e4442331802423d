package dev.meshsdk.spi.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.meshsdk.UsageReport;
import dev.meshsdk.spi.PortBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The JSON form registries that keep records as text (files, a JSON column) store {@link DeploymentRecord},
 * {@link CatalogEntry} and {@link QualityRecord} in, so that every registry reads what another wrote.
 * Unknown fields are ignored, and {@link #readEntry} also reads catalog entries written before the
 * catalog kept owners and major versions. Thread-safe.
 */
public final class RegistryJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            // a consumer's status by its label, as every output names it (the public API carries no Jackson
            // annotations)
            .registerModule(new SimpleModule()
                    .addSerializer(
                            UsageReport.ConsumerStatus.class, new StdSerializer<>(UsageReport.ConsumerStatus.class) {
                                @Override
                                public void serialize(
                                        UsageReport.ConsumerStatus status,
                                        JsonGenerator gen,
                                        SerializerProvider provider)
                                        throws IOException {
                                    gen.writeString(status.label());
                                }
                            }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads only entries that name every field, so that it never reads one an earlier layout wrote. */
    private static final ObjectReader WHOLE_ENTRY =
            JSON.readerFor(CatalogEntry.class).with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private RegistryJson() {}

    /** {@code record} as one line of JSON (no line breaks, so it may be a line of a JSON-lines file). */
    public static String write(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code record} as indented JSON, for a file a person may read. */
    public static byte[] writeIndented(Object record) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a record.
     *
     * @throws IOException when {@code json} is not valid JSON or not a {@code type}; the message says why
     */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }

    /**
     * Reads a catalog entry, including one written before the catalog kept owners and major versions: its
     * {@code team} becomes the owner's team, and each port without {@code majorVersion} takes the major
     * version of its contract version, so input ports pinned to a major version still resolve to it.
     *
     * @throws IOException when {@code json} is not valid JSON or not a catalog entry
     */
    public static CatalogEntry readEntry(byte[] json) throws IOException {
        try {
            // an entry written by this SDK names every field: read directly, at about half the cost of the tree
            return WHOLE_ENTRY.readValue(json);
        } catch (IOException e) {
            // a field is missing (an earlier layout) or the text is no entry: the tree fills in or says why
        }
        JsonNode node = JSON.readTree(json);
        if (!(node instanceof ObjectNode entry)) {
            throw new JsonMappingException(
                    null,
                    "the text holds "
                            + (node == null || node.isMissingNode()
                                    ? "nothing"
                                    : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT))
                            + ", not a catalog entry object");
        }
        if (entry.hasNonNull("team") && !entry.has("owner")) {
            entry.putObject("owner").set("team", entry.get("team"));
        }
        if (entry.get("outputPorts") instanceof ArrayNode ports) {
            for (JsonNode p : ports) {
                if (p instanceof ObjectNode port && !port.has("majorVersion")) {
                    port.put(
                            "majorVersion",
                            PortBinding.majorOf(port.path("contractVersion").asText(null)));
                }
            }
        }
        return JSON.treeToValue(entry, CatalogEntry.class);
    }
}

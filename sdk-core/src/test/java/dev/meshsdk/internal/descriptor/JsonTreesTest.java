package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonTrees} reads the tree an {@code ObjectMapper} reads, node class for node class. */
class JsonTreesTest {
    private static String typed(JsonNode n) {
        StringBuilder out = new StringBuilder(n.getClass().getSimpleName()).append('(');
        if (n.isContainerNode()) {
            n.fields().forEachRemaining(e -> out.append(e.getKey()).append(':'));
            n.elements().forEachRemaining(c -> out.append(typed(c)).append(','));
        } else {
            out.append(n);
        }
        return out.append(')').toString();
    }

    private static void readsAsObjectMapper(byte[] json) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(json);
        JsonNode read = JsonTrees.read(new ByteArrayInputStream(json));
        assertThat(read).isEqualTo(expected);
        assertThat(typed(read)).isEqualTo(typed(expected));
    }

    @Test
    void readsEveryOfficialSchemaAsAnObjectMapperDoes() throws IOException {
        for (String name : List.of(
                "odcs-json-schema-v3.0.0.json",
                "odcs-json-schema-v3.0.1.json",
                "odcs-json-schema-v3.0.2.json",
                "odcs-json-schema-v3.1.0.json",
                "odps-json-schema-v0.9.0.json",
                "odps-json-schema-v1.0.0.json")) {
            try (InputStream in = SchemaCatalog.class.getResourceAsStream("/dev/meshsdk/schemas/" + name)) {
                assertThat(in).as(name).isNotNull();
                readsAsObjectMapper(in.readAllBytes());
            }
        }
    }

    @Test
    void readsEveryKindOfValueAsAnObjectMapperDoes() throws IOException {
        readsAsObjectMapper(("{\"i\": 1, \"l\": 12345678901, \"b\": 123456789012345678901234567890, \"d\": 1.50,"
                        + " \"e\": 1e3, \"s\": \"x\", \"t\": true, \"f\": false, \"n\": null, \"a\": [1, [], {}],"
                        + " \"k\": 1, \"k\": 2, \"neg\": -2147483649}")
                .getBytes(StandardCharsets.UTF_8));
        readsAsObjectMapper("[1, \"two\"]".getBytes(StandardCharsets.UTF_8));
    }
}

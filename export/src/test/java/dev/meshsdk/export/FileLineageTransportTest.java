package dev.meshsdk.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLineageTransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eventsAreAppendedOnePerLine() throws Exception {
        List<ObjectNode> events = MeshFixture.events(OpenLineageExport.create());
        Path file = dir.resolve("lineage/events.jsonl");
        LineageTransport transport = LineageTransport.file(file);
        transport.send(events);
        transport.send(events.subList(0, 1));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(events.size() + 1);
        for (int i = 0; i < events.size(); i++) {
            JsonNode read = JSON.readTree(lines.get(i));
            assertThat(read).isEqualTo(events.get(i));
            assertThat(OpenLineageExportTest.SCHEMAS.problems(read)).isEmpty();
        }
        assertThat(JSON.readTree(lines.get(events.size()))).isEqualTo(events.get(0));
    }

    @Test
    void aSnapshotFileHoldsTheLastSendOnlyAndNoTemporaryFileIsLeft() throws Exception {
        List<ObjectNode> events = MeshFixture.events(OpenLineageExport.create());
        Path file = dir.resolve("export/openlineage.jsonl");
        LineageTransport.snapshotFile(file).send(events);
        LineageTransport.snapshotFile(file).send(events.subList(0, 1));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0))).isEqualTo(events.get(0));
        try (var listed = Files.list(file.getParent())) {
            assertThat(listed).containsExactly(file);
        }
    }

    @Test
    void aLineBreakInAValueStaysOnItsLine() throws Exception {
        ObjectNode event = JSON.createObjectNode().put("eventType", "COMPLETE").put("note", "two\nlines");
        Path file = dir.resolve("events.jsonl");
        LineageTransport.file(file).send(List.of(event));
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(JSON.readTree(Files.readString(file)).get("note").asText()).isEqualTo("two\nlines");
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("events.jsonl");
        assertThatThrownBy(() -> LineageTransport.file(file).send(List.of(JSON.createObjectNode())))
                .isInstanceOf(MeshException.class)
                .hasMessageStartingWith("Cannot write OpenLineage events to " + file)
                .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
    }
}

package dev.meshsdk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/** Appends events to a JSON lines file: compact JSON escapes line breaks, so each event is one line. */
final class FileLineageTransport implements LineageTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    FileLineageTransport(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void send(List<? extends JsonNode> events) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                for (JsonNode event : events) {
                    out.write(line(event));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot write OpenLineage events to " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                    + "; check that the folder exists or can be created and is writable", e);
        }
    }

    private static String line(JsonNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write an OpenLineage event as JSON", e);
        }
    }
}

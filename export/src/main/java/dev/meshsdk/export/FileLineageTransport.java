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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * Writes events to a JSON lines file, appended or replacing what it held: compact JSON escapes line breaks, so
 * each event is one line.
 */
final class FileLineageTransport implements LineageTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final boolean replace;

    FileLineageTransport(Path file, boolean replace) {
        this.file = Objects.requireNonNull(file, "file");
        this.replace = replace;
    }

    @Override
    public void send(List<? extends JsonNode> events) {
        Path temp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path target = replace ? temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp") : file;
            try (BufferedWriter out = Files.newBufferedWriter(
                    target,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                for (JsonNode event : events) {
                    out.write(line(event));
                    out.write('\n');
                }
            }
            if (replace) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
            }
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot write OpenLineage events to " + file + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                            + "; check that the folder exists or can be created and is writable",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; the export failed with its own message
                }
            }
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

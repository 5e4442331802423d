package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * One YAML file as read: its bytes (for the checksum), its tree (null when it could not be parsed),
 * where each element was written, and the syntax problems found.
 */
record ParsedDocument(Path file, byte[] bytes, JsonNode root, Positions positions, List<Diagnostic> problems) {
    ParsedDocument {
        problems = List.copyOf(problems);
    }

    boolean readable() {
        return root != null && root.isObject();
    }

    String text(String field) {
        JsonNode v = root == null ? null : root.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}

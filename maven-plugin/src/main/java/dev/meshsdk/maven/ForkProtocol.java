package dev.meshsdk.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The lines a forked goal ({@link ForkedGoal}) writes to its standard output and {@link SparkFork} reads: one
 * JSON object per line, each starting with {@code {"mesh":}, so that anything else the JVM prints (a
 * library's log line, a VM warning) can be told apart and is still shown.
 *
 * <ul>
 *   <li>{@code {"mesh":"ready"}}: the forked JVM is up and has read its request;</li>
 *   <li>{@code {"mesh":"log","level":"info","text":"..."}}: a log line of the goal, at Maven's levels
 *       {@code debug}, {@code info}, {@code warn} and {@code error};</li>
 *   <li>{@code {"mesh":"outcome","result":"success|failure|error","message":"...","cause":{...}}}: the last
 *       line: {@code failure} is the user's to fix ({@code MojoFailureException}), {@code error} is not
 *       ({@code MojoExecutionException}) and carries the cause chain (type, message, stack frames).</li>
 * </ul>
 */
final class ForkProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "{\"mesh\":";

    /** A line of the protocol. */
    sealed interface Line {}

    record Ready() implements Line {}

    record LogLine(String level, String text) implements Line {}

    /** {@code cause} is null unless {@code result} is {@code error}. */
    record Outcome(String result, String message, ForkedException cause) implements Line {}

    private ForkProtocol() {}

    static String ready() {
        return write(node("ready"));
    }

    static String log(String level, CharSequence text) {
        return write(node("log").put("level", level).put("text", String.valueOf(text)));
    }

    static String success() {
        return write(node("outcome").put("result", "success"));
    }

    static String failure(String message) {
        return write(node("outcome").put("result", "failure").put("message", message));
    }

    static String error(String message, Throwable cause) {
        ObjectNode line = node("outcome").put("result", "error").put("message", message);
        if (cause != null) line.set("cause", throwable(cause, 0));
        return write(line);
    }

    /** The protocol line, or empty for any other output of the forked JVM. */
    static Optional<Line> parse(String line) {
        if (!line.startsWith(PREFIX)) return Optional.empty();
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        switch (node.path("mesh").asText()) {
            case "ready":
                return Optional.of(new Ready());
            case "log":
                return Optional.of(new LogLine(
                        node.path("level").asText("info"), node.path("text").asText("")));
            case "outcome":
                return Optional.of(new Outcome(
                        node.path("result").asText("error"),
                        text(node, "message"),
                        node.hasNonNull("cause") ? ForkedException.of(node.get("cause")) : null));
            default:
                return Optional.empty();
        }
    }

    private static ObjectNode throwable(Throwable t, int depth) {
        ObjectNode out = JSON.createObjectNode().put("type", t.getClass().getName());
        if (t.getMessage() != null) out.put("message", t.getMessage());
        ArrayNode frames = out.putArray("frames");
        for (StackTraceElement f : t.getStackTrace()) {
            frames.addObject()
                    .put("class", f.getClassName())
                    .put("method", f.getMethodName())
                    .put("file", f.getFileName())
                    .put("line", f.getLineNumber());
        }
        if (t.getCause() != null && t.getCause() != t && depth < 20)
            out.set("cause", throwable(t.getCause(), depth + 1));
        return out;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static ObjectNode node(String kind) {
        return JSON.createObjectNode().put("mesh", kind);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a protocol line", e);
        }
    }

    /**
     * An exception of the forked JVM, rebuilt in Maven's: its type name, message and stack frames, so that
     * {@code mvn -e} shows where it happened as it would in-process.
     */
    static final class ForkedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String type;

        ForkedException(String type, String message, ForkedException cause) {
            super(message, cause);
            this.type = type;
        }

        static ForkedException of(JsonNode node) {
            ForkedException cause = node.hasNonNull("cause") ? of(node.get("cause")) : null;
            ForkedException e = new ForkedException(node.path("type").asText("?"), text(node, "message"), cause);
            JsonNode frames = node.path("frames");
            StackTraceElement[] trace = new StackTraceElement[frames.size()];
            for (int i = 0; i < trace.length; i++) {
                JsonNode f = frames.get(i);
                trace[i] = new StackTraceElement(
                        f.path("class").asText("?"),
                        f.path("method").asText("?"),
                        text(f, "file"),
                        f.path("line").asInt(-1));
            }
            e.setStackTrace(trace);
            return e;
        }

        /** The type name in the forked JVM. */
        String type() {
            return type;
        }

        @Override
        public String toString() {
            return getMessage() == null ? type : type + ": " + getMessage();
        }
    }
}

package dev.meshsdk.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import dev.meshsdk.spi.usage.UsageTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code spark} usage collector: reads of the Delta tables of {@code local} and {@code s3} ports as the
 * consumers' Spark applications recorded them with {@link MeshReadListener}, from the read log folder
 * {@code mesh.usage.spark.readLog} (relative to the project). Each line is one read event: a table read by a
 * user in an application at a time, with the table's columns the query read after column pruning where the
 * listener could tell them (not for {@code count()}); the SDK counts each once (events at or before the last one counted are
 * skipped). Starts no Spark session. Without the setting, or with a folder that does not exist, the ports are not
 * observed and a warning says how to turn the listener on.
 */
final class SparkUsageCollector implements UsageCollector {
    static final String SOURCE = "spark";
    static final String LOG_KEY = "mesh.usage.spark.readLog";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdapterContext context;

    SparkUsageCollector(AdapterContext context) {
        this.context = context;
    }

    @Override
    public boolean supports(PortBinding port) {
        return Set.of("local", "s3").contains(port.server().type().toLowerCase(Locale.ROOT));
    }

    @Override
    public UsageBatch collect(List<UsageTarget> targets) {
        String setting = context.setting(LOG_KEY).orElse(null);
        Path folder = setting == null || setting.isBlank()
                ? null
                : context.baseDirectory().resolve(setting);
        if (folder == null || !Files.isDirectory(folder)) {
            String todo = "; have readers' Spark sessions log their reads with"
                    + " spark.sql.queryExecutionListeners=" + MeshReadListener.class.getName() + " and "
                    + MeshReadListener.LOG_SETTING + "=<folder>, then set " + LOG_KEY + " to that folder";
            return new UsageBatch(
                    List.of(),
                    List.of((folder == null
                                    ? "No Spark read log is configured (" + LOG_KEY + ")"
                                    : "Cannot read the Spark read log at " + folder + ": no such folder")
                            + ", so reads of " + targets.size() + " Delta table(s) are not observed" + todo),
                    targets.stream().map(UsageTarget::address).toList());
        }
        List<UsageObservation> events = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return new UsageBatch(
                    List.of(),
                    List.of("Cannot list the Spark read log at " + folder + ": " + e.getMessage()
                            + "; check that this user may read it"),
                    targets.stream().map(UsageTarget::address).toList());
        }
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                warnings.add("Cannot read " + file + ": " + e.getMessage() + "; its reads are not counted");
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                try {
                    JsonNode n = JSON.readTree(lines.get(i));
                    String path = normalise(n.path("path").asText(""));
                    Instant at = Instant.parse(n.path("at").asText(""));
                    if (isDeltaLog(path)) continue;
                    for (UsageTarget t : targets) {
                        String table = normalise(t.address());
                        if (path.equals(table) || path.startsWith(table + "/")) {
                            events.add(new ReadEvent(
                                    t.address(), SOURCE, text(n, "user"), text(n, "application"), at, columns(n)));
                        }
                    }
                } catch (IOException | DateTimeParseException e) {
                    // a line a crash cut off, or one written by something else: the others still count
                    warnings.add(
                            "Cannot read line " + (i + 1) + " of " + file + ": it is no read record; it is skipped");
                }
            }
        }
        return new UsageBatch(events, warnings, List.of());
    }

    /** The columns a read record names; empty (not told) when it names none, as a listener before them wrote. */
    private static Set<String> columns(JsonNode n) {
        Set<String> out = new java.util.TreeSet<>();
        n.path("columns").forEach(c -> {
            if (c.isTextual()) out.add(c.asText());
        });
        return out;
    }

    /** A table's address as both sides write it: {@code file:///abs}, {@code s3://bucket/key}, no trailing slash. */
    static String normalise(String uri) {
        String u = uri.strip();
        if (u.startsWith("file:/") && !u.startsWith("file:///"))
            u = "file:///" + u.substring("file:/".length()).replaceFirst("^/+", "");
        if (u.startsWith("s3a://") || u.startsWith("s3n://")) u = "s3://" + u.substring(6);
        while (u.endsWith("/") && !u.endsWith(":///")) u = u.substring(0, u.length() - 1);
        return u;
    }

    /** Whether a path is in a Delta table's own log folder. */
    static boolean isDeltaLog(String path) {
        return path.contains("/_delta_log/") || path.endsWith("/_delta_log");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    @Override
    public void close() {
        // nothing is held
    }
}

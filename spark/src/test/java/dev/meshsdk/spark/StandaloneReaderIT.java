package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A consumer's standalone Spark job on Java 17 in a JVM of its own, started with exactly the flags the README's
 * "Usage" section lists (Spark's {@code --add-opens}, as the Maven plugin's {@code SparkFork.OPENS}, and its other
 * options) and the session settings it shows ({@link StandaloneReader}): it writes and reads a Delta table, and the
 * read lands in the read log with the column it selected. The job runs in the JVM {@link StandaloneJobs} starts once
 * for this test and {@link ReadmeLoggingIT}, after the job that test checks (so with the README's
 * {@code log4j2.properties}), in a session of its own.
 */
class StandaloneReaderIT {
    /** The README's JVM flags for a standalone Spark job on Java 17, in its order. */
    static final List<String> README_FLAGS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    @Test
    void aStandaloneJobWithTheReadmesFlagsAndSettingsLogsItsDeltaReads() throws Exception {
        StandaloneJobs run = StandaloneJobs.run();
        Path table = run.table();
        Path log = run.readLog();
        assertThat(run.reader()).contains("read 3 row(s)");

        List<JsonNode> reads = new ArrayList<>();
        try (Stream<Path> files = Files.list(log)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList())
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8))
                    if (!line.isBlank()) reads.add(new ObjectMapper().readTree(line));
        }
        assertThat(reads)
                .as("the read of the table, with the column it selected")
                .anySatisfy(r -> {
                    assertThat(SparkUsageCollector.normalise(r.path("path").asText()))
                            .startsWith(
                                    SparkUsageCollector.normalise(table.toUri().toString()));
                    assertThat(r.path("columns").toString()).isEqualTo("[\"name\"]");
                });
    }
}

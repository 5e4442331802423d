package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void theNextWriteRemovesWhatACrashedWriterLeftButNotAWriterAtWork() throws Exception {
        Path grants = dir.resolve("grants.json");
        Path crashed = Files.writeString(dir.resolve(".grants.json8812.tmp"), "{\"half\":");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(AtomicFiles.LEFTOVER_AGE).minusSeconds(60)));
        Path atWork = Files.writeString(dir.resolve(".grants.json9931.tmp"), "{\"being\":");
        Path other = Files.writeString(dir.resolve(".current.json1234.tmp"), "x");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(AtomicFiles.LEFTOVER_AGE).minusSeconds(60)));

        AtomicFiles.write(grants, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(grants).hasContent("{}");
        assertThat(crashed).doesNotExist();
        assertThat(atWork).as("younger than the age limit: another writer's").exists();
        assertThat(other).as("another file's: left to that file's next write").exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("grants.json", ".grants.json9931.tmp", ".current.json1234.tmp");
        }
    }
}

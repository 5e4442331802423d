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
    void aWriteRemovesWhatACrashedWriterLeftButNotAWriterAtWork() throws Exception {
        Path grants = dir.resolve("grants.json");
        Path crashed = Files.writeString(dir.resolve(".grants.json8812.tmp"), "{\"half\":");
        Files.setLastModifiedTime(
                crashed,
                FileTime.from(Instant.now().minus(AtomicFiles.LEFTOVER_AGE).minusSeconds(60)));
        Path atWork = Files.writeString(dir.resolve(".grants.json9931.tmp"), "{\"being\":");
        Path other = Files.writeString(dir.resolve(".current.json1234.tmp"), "x");
        Files.setLastModifiedTime(
                other,
                FileTime.from(Instant.now().minus(AtomicFiles.LEFTOVER_AGE).minusSeconds(60)));

        AtomicFiles.write(grants, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(grants).hasContent("{}");
        assertThat(crashed).doesNotExist();
        assertThat(other).as("another file's, as old: a crashed writer's too").doesNotExist();
        assertThat(atWork).as("younger than the age limit: another writer's").exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("grants.json", ".grants.json9931.tmp");
        }
    }

    @Test
    void aFolderIsSweptAtMostOncePerMinuteNotAtEveryWrite() throws Exception {
        AtomicFiles.write(dir.resolve("a.json"), "{}".getBytes(StandardCharsets.UTF_8));
        Path crashed = Files.writeString(dir.resolve(".a.json5555.tmp"), "{\"half\":");
        Files.setLastModifiedTime(
                crashed,
                FileTime.from(Instant.now().minus(AtomicFiles.LEFTOVER_AGE).minusSeconds(60)));

        AtomicFiles.write(dir.resolve("a.json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(crashed)
                .as("swept by the first write less than " + AtomicFiles.SWEEP_EVERY + " ago")
                .exists();
    }
}

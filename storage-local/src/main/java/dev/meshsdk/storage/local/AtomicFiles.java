package dev.meshsdk.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so readers see the old content or the new, never a part: a temporary file, then a rename. A
 * temporary file a crashed process left behind ({@code .<name><digits>.tmp}) is removed by a later write in the
 * same folder once it is older than {@link #LEFTOVER_AGE}, so that a writer still at work elsewhere keeps its own.
 * Finding them lists the folder, which holds thousands of files in a registry of thousands of products (a usage
 * collection writes each product's file): this JVM sweeps a folder at most once per {@link #SWEEP_EVERY}, not at
 * every write.
 */
final class AtomicFiles {
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** When this JVM last swept each folder ({@link System#nanoTime()}): a cache, as JsonLines' in-JVM locks. */
    private static final Map<Path, Long> SWEPT = new ConcurrentHashMap<>();

    private AtomicFiles() {}

    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(content));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        long now = System.nanoTime();
        Long last = SWEPT.get(dir);
        if (last == null || now - last >= SWEEP_EVERY.toNanos()) {
            SWEPT.put(dir, now);
            removeLeftovers(dir, Instant.now().minus(LEFTOVER_AGE));
        }
    }

    /** Removes the temporary files in {@code dir} last modified before {@code before}; best effort. */
    static void removeLeftovers(Path dir, Instant before) {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : leftovers) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) Files.deleteIfExists(p);
                } catch (IOException e) {
                    // another process removed it, or it cannot be: the next write tries again
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: nothing is lost by leaving them
        }
    }
}

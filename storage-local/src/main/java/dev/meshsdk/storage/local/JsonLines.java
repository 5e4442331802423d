package dev.meshsdk.storage.local;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.RegistryJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Append-only JSON-lines files (the deployment and quality histories) that several processes may append
 * to: each append holds an OS lock on a side file {@code <file>.lock} that readers never open, and writes one
 * whole line at the end. A line that is not valid JSON, or a last line a crash left incomplete, fails reads
 * and appends naming the file and line; the file is never rewritten.
 *
 * <p>OS file locks belong to the process and a second lock attempt from the same JVM throws, so appends
 * from this JVM are first serialised per file in {@link #IN_THIS_JVM}: JVM-wide state, on purpose, as in
 * {@link FileDeployLock}.
 */
final class JsonLines {
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private JsonLines() {}

    /** Every line of {@code file} as {@code type}, in file order; empty when the file does not exist. */
    static <T> List<T> read(Path file, Class<T> type, String what) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (CharacterCodingException e) {
            throw RegistryFolder.corrupt("read " + what, file, 0, e);
        } catch (IOException e) {
            throw RegistryFolder.failure("read " + what, file, e);
        }
        List<T> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                out.add(RegistryJson.read(lines.get(i).getBytes(StandardCharsets.UTF_8), type));
            } catch (IOException e) {
                throw RegistryFolder.corrupt("read " + what, file, i + 1, e);
            }
        }
        return out;
    }

    /** Appends {@code value} as one line, creating the file if missing. */
    static void append(Path file, Object value, String what) {
        appendLine(file, (RegistryJson.write(value) + "\n").getBytes(StandardCharsets.UTF_8), what, false);
    }

    /**
     * Appends one line (ending with {@code \n}) under the file's lock. A last line a crash left incomplete
     * fails the append, or, with {@code mendTornLine} for a file of hints that may lose a line, is ended first.
     */
    static void appendLine(Path file, byte[] line, String what, boolean mendTornLine) {
        underLock(file, "append to " + what, key -> {
            try (FileChannel ch = FileChannel.open(
                    key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long end = ch.size();
                ByteBuffer buf = ByteBuffer.wrap(line);
                if (end > 0 && !endsWithNewline(ch, end)) {
                    if (!mendTornLine)
                        throw incomplete(
                                what,
                                key,
                                Files.readAllLines(key, StandardCharsets.UTF_8).size());
                    buf = ByteBuffer.allocate(line.length + 1)
                            .put((byte) '\n')
                            .put(line)
                            .flip();
                }
                while (buf.hasRemaining()) end += ch.write(buf, end);
                ch.force(true);
            }
            return null;
        });
    }

    /** Work on a registry file that holds its lock. */
    @FunctionalInterface
    interface LockedWork<T> {
        /** @param file the file, absolute and normalised */
        T run(Path file) throws IOException;
    }

    /**
     * Runs {@code work} holding the file's lock: first this JVM's lock of the file, then the OS lock on
     * {@code <file>.lock}, a side file readers never open. {@code action} says what failed ("append to ...").
     */
    static <T> T underLock(Path file, String action, LockedWork<T> work) {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock inJvm = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        inJvm.lock();
        try {
            Files.createDirectories(key.getParent());
            try (FileChannel lockFile = FileChannel.open(
                            key.resolveSibling(key.getFileName() + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                return work.run(key);
            }
        } catch (IOException e) {
            throw RegistryFolder.failure(action, key, e);
        } finally {
            inJvm.unlock();
        }
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private static MeshException incomplete(String what, Path file, int line) {
        return RegistryFolder.corrupt(
                "append to " + what,
                file,
                line,
                new IOException("the last line is incomplete (a write" + " was cut off)"));
    }
}

package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.DeployLock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deploy lock held as an OS lock on a lock file ({@link FileChannel#tryLock()}), with the holder written
 * inside. The OS releases it when the process dies, so a crashed build leaves no stale lock.
 *
 * <p>OS file locks belong to the process, and on POSIX closing any channel on the file drops all of them,
 * so a second attempt from this JVM must never open the file. Locks held by this JVM are therefore also
 * kept in {@link #HELD}: JVM-wide state, on purpose, because the OS lock it mirrors is JVM-wide too.
 */
final class FileDeployLock implements DeployLock {
    private static final ConcurrentMap<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileDeployLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static DeployLock acquire(Path file, String productId, String environment, String holder) {
        Path key = file.toAbsolutePath().normalize();
        String heldBy = HELD.putIfAbsent(key, holder);
        if (heldBy != null) throw held(productId, environment, heldBy, key);
        FileChannel channel = null;
        try {
            channel =
                    FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String other = readHolder(channel);
                channel.close();
                HELD.remove(key, holder);
                throw held(productId, environment, other, key);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new FileDeployLock(key, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(key, holder);
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot take the deploy lock of product '" + productId + "' in environment '" + environment
                            + "' at " + key + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            if (!(e instanceof MeshException)) {
                closeQuietly(channel);
                HELD.remove(key, holder);
            }
            throw e;
        }
    }

    /** Whether a lock on {@code file} is held in this JVM (by any registry object). */
    static boolean heldInThisJvm(Path file) {
        return HELD.containsKey(file.toAbsolutePath().normalize());
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? "an unknown holder" : text;
    }

    private static MeshException held(String productId, String environment, String holder, Path file) {
        return new MeshException(
                ErrorCode.LOCK_HELD,
                "Cannot deploy product '" + productId + "' to environment '"
                        + environment + "': another deploy holds its lock (held by '" + holder + "', lock file " + file
                        + "); wait for it to finish and try again");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE, "Cannot release the deploy lock at " + file + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}

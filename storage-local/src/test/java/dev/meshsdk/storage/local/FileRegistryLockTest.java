package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file registry's lock across threads and processes, and its defence against hostile ids. */
class FileRegistryLockTest {
    @TempDir
    Path root;

    @Test
    void concurrentAttemptsFromManyThreadsLetExactlyOneWin() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String holder = "build-" + i;
                // A registry per thread, as separate builds would have; each opens its own channel.
                FileRegistry registry = new FileRegistry(root);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return registry.lock("orders", "dev", holder);
                    } catch (MeshException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<DeployLock> won = new ArrayList<>();
            List<MeshException> lost = new ArrayList<>();
            for (Future<Object> f : results) {
                Object r = f.get(10, TimeUnit.SECONDS);
                if (r instanceof DeployLock l) won.add(l); else lost.add((MeshException) r);
            }

            assertThat(won).hasSize(1);
            assertThat(lost).hasSize(threads - 1)
                    .allSatisfy(e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD));
            won.get(0).close();
            try (DeployLock again = new FileRegistry(root).lock("orders", "dev", "later")) {
                assertThat(again).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedAttemptInTheSameJvmDoesNotReleaseTheHeldLock() {
        FileRegistry registry = new FileRegistry(root);
        try (DeployLock held = registry.lock("orders", "dev", "first")) {
            assertThat(held).isNotNull();
            catchThrowableOfType(MeshException.class, () -> registry.lock("orders", "dev", "second"));
            catchThrowableOfType(MeshException.class, () -> new FileRegistry(root).lock("orders", "dev", "third"));

            MeshException e = catchThrowableOfType(MeshException.class,
                    () -> new FileRegistry(root).lock("orders", "dev", "fourth"));
            assertThat(e.getMessage()).contains("first");
        }
    }

    @Test
    void lockHeldByAnotherProcessFailsFastNamingItAndIsReleasedWhenItDies() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), root.toString(), "dev", "orders", "ci-job-7")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("LOCKED")) {
                // skip JVM or logging noise
            }
            assertThat(line).as("child JVM took the lock (is the test class path readable?)").isEqualTo("LOCKED");

            MeshException e = catchThrowableOfType(MeshException.class,
                    () -> new FileRegistry(root).lock("orders", "dev", "local-build"));

            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
            assertThat(e.getMessage()).contains("ci-job-7");
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        try (DeployLock afterDeath = new FileRegistry(root).lock("orders", "dev", "local-build")) {
            assertThat(afterDeath).isNotNull();
        }
    }

    @Test
    void hostileIdsAreRejectedAndNothingIsWrittenOutsideTheRoot() throws Exception {
        Path registryRoot = root.resolve("registry");
        FileRegistry registry = new FileRegistry(registryRoot);
        for (String id : List.of("..", "../escape", "a/b", "a\\b", "/etc/passwd", ".hidden", "_catalog", "x..y", "",
                "a b")) {
            DeploymentRecord record = new DeploymentRecord(id, "1.0.0", "dev", "sha", Instant.EPOCH, "me",
                    DeploymentRecord.Outcome.SUCCEEDED, List.of(), null);
            CatalogEntry entry = new CatalogEntry(id, null, null, null, null, null, null, "dev", null, null, null);

            assertThat(code(() -> registry.current(id, "dev"))).as("current(%s)", id).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.history(id, "dev"))).as("history(%s)", id).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.lock(id, "dev", "me"))).as("lock(%s)", id).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.record(record, entry))).as("record(%s)", id).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.catalog(id))).as("catalog(%s)", id).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    private static ErrorCode code(Runnable r) {
        MeshException e = catchThrowableOfType(MeshException.class, r::run);
        return e == null ? null : e.code();
    }
}

package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.QualityRecord;
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
                        return registry.locks().lock("orders", "dev", holder);
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
                if (r instanceof DeployLock l) won.add(l);
                else lost.add((MeshException) r);
            }

            assertThat(won).hasSize(1);
            assertThat(lost).hasSize(threads - 1).allSatisfy(e -> assertThat(e.code())
                    .isEqualTo(ErrorCode.LOCK_HELD));
            won.get(0).close();
            try (DeployLock again = new FileRegistry(root).locks().lock("orders", "dev", "later")) {
                assertThat(again).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedAttemptInTheSameJvmDoesNotReleaseTheHeldLock() {
        FileRegistry registry = new FileRegistry(root);
        try (DeployLock held = registry.locks().lock("orders", "dev", "first")) {
            assertThat(held).isNotNull();
            catchThrowableOfType(MeshException.class, () -> registry.locks().lock("orders", "dev", "second"));
            catchThrowableOfType(
                    MeshException.class, () -> new FileRegistry(root).locks().lock("orders", "dev", "third"));

            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> new FileRegistry(root).locks().lock("orders", "dev", "fourth"));
            assertThat(e.getMessage()).contains("first");
        }
    }

    /** A child JVM holding the deploy lock of {@code orders} in {@code dev} as {@code ci-job-7}, once it said so. */
    private Process childHoldingTheLock() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolderMain.class.getName(),
                        root.toString(),
                        "dev",
                        "orders",
                        "ci-job-7")
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("LOCKED")) {
            // skip JVM or logging noise
        }
        assertThat(line)
                .as("child JVM took the lock (is the test class path readable?)")
                .isEqualTo("LOCKED");
        return child;
    }

    @Test
    void recordRunsUnderTheDeployLockSoAnotherProcessHoldingItStopsIt() throws Exception {
        Process child = childHoldingTheLock();
        try {
            FileRegistry registry = new FileRegistry(root);
            DeploymentRecord record = new DeploymentRecord(
                    "orders",
                    "1.0.0",
                    "dev",
                    "sha",
                    Instant.EPOCH,
                    "me",
                    DeploymentRecord.Outcome.SUCCEEDED,
                    List.of(),
                    null);

            MeshException e = catchThrowableOfType(MeshException.class, () -> registry.deployments()
                    .record(
                            record,
                            new CatalogEntry(
                                    "orders", "dev", null, null, null, null, null, null, null, null, null, null, null,
                                    null)));

            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
            assertThat(e.getMessage()).contains("ci-job-7");
            assertThat(registry.deployments().history("orders", "dev")).isEmpty();
            assertThat(registry.catalog().entries("dev")).isEmpty();
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void recordKeepsTheCallersLockAndReleasesOnlyTheOneItTook() {
        FileRegistry registry = new FileRegistry(root);
        DeploymentRecord record = new DeploymentRecord(
                "orders",
                "1.0.0",
                "dev",
                "sha",
                Instant.EPOCH,
                "me",
                DeploymentRecord.Outcome.FAILED,
                List.of(),
                "failed");

        try (DeployLock held = registry.locks().lock("orders", "dev", "deployer")) {
            registry.deployments().record(record, null);
            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> new FileRegistry(root).locks().lock("orders", "dev", "other"));
            assertThat(e).as("the caller's lock after record()").isNotNull();
            assertThat(e.getMessage()).contains("deployer");
        }
        registry.deployments().record(record, null);
        try (DeployLock after = registry.locks().lock("orders", "dev", "later")) {
            assertThat(after)
                    .as("the lock record() took for itself is released")
                    .isNotNull();
        }
        assertThat(registry.deployments().history("orders", "dev")).hasSize(2);
    }

    @Test
    void lockHeldByAnotherProcessFailsFastNamingItAndIsReleasedWhenItDies() throws Exception {
        Process child = childHoldingTheLock();
        try {
            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> new FileRegistry(root).locks().lock("orders", "dev", "local-build"));

            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
            assertThat(e.getMessage()).contains("ci-job-7");
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        try (DeployLock afterDeath = new FileRegistry(root).locks().lock("orders", "dev", "local-build")) {
            assertThat(afterDeath).isNotNull();
        }
    }

    @Test
    void hostileIdsAreRejectedAndNothingIsWrittenOutsideTheRoot() throws Exception {
        Path registryRoot = root.resolve("registry");
        FileRegistry registry = new FileRegistry(registryRoot);
        for (String id :
                List.of("..", "../escape", "a/b", "a\\b", "/etc/passwd", ".hidden", "_catalog", "x..y", "", "a b")) {
            DeploymentRecord record = new DeploymentRecord(
                    id,
                    "1.0.0",
                    "dev",
                    "sha",
                    Instant.EPOCH,
                    "me",
                    DeploymentRecord.Outcome.SUCCEEDED,
                    List.of(),
                    null);
            CatalogEntry entry =
                    new CatalogEntry(id, "dev", null, null, null, null, null, null, null, null, null, null, null, null);
            QualityRecord quality = new QualityRecord(id, id, "dev", 1, Instant.EPOCH, "check", null, List.of());

            assertThat(code(() -> registry.deployments().current(id, "dev")))
                    .as("current(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.deployments().history(id, "dev")))
                    .as("history(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.locks().lock(id, "dev", "me")))
                    .as("lock(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.deployments().record(record, entry)))
                    .as("record(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.catalog().entries(id)))
                    .as("entries(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.catalog().entry(id, "dev")))
                    .as("entry(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.catalog().offering("c", id)))
                    .as("offering(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.quality().record(quality)))
                    .as("quality record(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
            assertThat(code(() -> registry.quality().latest(id, null, "dev", 1)))
                    .as("latest(%s)", id)
                    .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
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

package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.RegistryJson;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageState;
import dev.meshsdk.spi.registry.UsageSummary;
import dev.meshsdk.spi.registry.UsageUpdate;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The file registry's usage history: one file per product, {@code <env>/_usage/<productId>.json}, holding the
 * product's {@link UsageState} (the counters and watermarks of the last collection) and its day rows, so that a
 * collection's counters and the reads they added are replaced together, atomically (a temporary file, then a
 * rename), and a crash leaves either the old collection or the new. A record holds the file's lock
 * ({@link JsonLines#underLock}: this JVM's, then an OS lock on {@code <productId>.json.lock}) while it reads, rolls
 * up and writes, so concurrent collections of one product from several builds count nothing twice.
 */
final class FileUsageHistory implements UsageHistory {
    static final String DIR = "_usage";
    /** The products whose files are written or read at once by {@link #record(List)} and {@link #days(String,
     * Collection, LocalDate, LocalDate)}. */
    static final int PARALLEL_WRITES = 8;

    private final RegistryFolder folder;

    FileUsageHistory(RegistryFolder folder) {
        this.folder = folder;
    }

    /** The file's content. */
    record ProductUsage(UsageState state, List<UsageDay> days) {
        ProductUsage {
            state = state == null ? UsageState.empty() : state;
            days = days == null ? List.of() : List.copyOf(days);
        }
    }

    @Override
    public UsageRollup.Result record(UsageUpdate update) {
        folder.checkRoot();
        return JsonLines.underLock(
                file(update.productId(), update.environment()),
                "record the usage of product '" + update.productId() + "'",
                file -> {
                    ProductUsage stored = read(file, update.environment(), update.productId());
                    UsageRollup.Result result = UsageRollup.apply(stored.state(), update);
                    Map<String, UsageDay> days = new LinkedHashMap<>();
                    for (UsageDay d : stored.days()) days.put(d.port() + "\u0000" + d.day(), d);
                    for (UsageDay d : result.additions()) days.merge(d.port() + "\u0000" + d.day(), d, UsageDay::plus);
                    List<UsageDay> sorted = new ArrayList<>(days.values());
                    sorted.sort(Comparator.comparing(UsageDay::port).thenComparing(UsageDay::day));
                    AtomicFiles.write(
                            file,
                            RegistryJson.write(new ProductUsage(result.state(), sorted))
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    return result;
                });
    }

    /**
     * Records {@value #PARALLEL_WRITES} products at once, each under its own lock as {@link #record(UsageUpdate)}
     * does: each product's file is flushed to the disk before it replaces the old one, and that flush, not the
     * work, is most of a record's time; a disk flushes several files together. A product listed twice is recorded
     * in the order given.
     */
    @Override
    public List<UsageRollup.Result> record(List<UsageUpdate> updates) {
        Map<Path, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            UsageUpdate u = updates.get(i);
            byFile.computeIfAbsent(file(u.productId(), u.environment()), k -> new ArrayList<>())
                    .add(i);
        }
        UsageRollup.Result[] out = new UsageRollup.Result[updates.size()];
        inParallel(
                "record the usage of " + updates.size() + " products",
                byFile.values().stream()
                        .<Runnable>map(indexes -> () -> {
                            for (int i : indexes) out[i] = record(updates.get(i));
                        })
                        .toList());
        return List.of(out);
    }

    /** Reads {@value #PARALLEL_WRITES} products' files at once: the report of a whole mesh reads thousands. */
    @Override
    public Map<String, List<UsageDay>> days(
            String environment, Collection<String> productIds, LocalDate from, LocalDate to) {
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(productIds));
        @SuppressWarnings("unchecked")
        List<UsageDay>[] found = new List[ids.size()];
        folder.checkRoot();
        inParallel(
                "read the usage of " + ids.size() + " products",
                java.util.stream.IntStream.range(0, ids.size())
                        .<Runnable>mapToObj(i -> () -> found[i] = days(environment, ids.get(i), from, to))
                        .toList());
        Map<String, List<UsageDay>> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) if (!found[i].isEmpty()) out.put(ids.get(i), found[i]);
        return out;
    }

    /** Runs the tasks on {@value #PARALLEL_WRITES} threads; the first failure is thrown. */
    private static void inParallel(String what, List<Runnable> tasks) {
        if (tasks.size() < 2) {
            tasks.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_WRITES, tasks.size()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Runnable task : tasks) done.add(pool.submit(task));
            for (Future<?> f : done) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot " + what + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot " + what + ": interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sums each product's rows on the thread that read its file, {@value #PARALLEL_WRITES} at once. */
    @Override
    public Map<String, Map<String, UsageSummary>> summaries(
            String environment, Collection<String> productIds, LocalDate today, Set<Integer> windows) {
        LocalDate from = today.minusDays(UsageSummary.longest(windows) - 1L);
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(productIds));
        @SuppressWarnings("unchecked")
        Map<String, UsageSummary>[] found = new Map[ids.size()];
        folder.checkRoot();
        inParallel(
                "summarise the usage of " + ids.size() + " products",
                java.util.stream.IntStream.range(0, ids.size())
                        .<Runnable>mapToObj(i -> () ->
                                found[i] = UsageSummary.of(days(environment, ids.get(i), from, today), today, windows)
                                        .getOrDefault(ids.get(i), Map.of()))
                        .toList());
        Map<String, Map<String, UsageSummary>> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) if (!found[i].isEmpty()) out.put(ids.get(i), found[i]);
        return out;
    }

    @Override
    public List<UsageDay> days(String environment, String productId, LocalDate from, LocalDate to) {
        folder.checkRoot();
        Path file = file(productId, environment);
        String what = "read the usage of product '" + productId + "' in '" + environment + "'";
        byte[] bytes = RegistryFolder.bytes(file, what);
        if (bytes == null) return List.of();
        try {
            return UsageFileDays.read(bytes, environment, productId, from, to);
        } catch (java.io.IOException e) {
            throw RegistryFolder.corrupt(what, file, 0, e);
        }
    }

    @Override
    public boolean collected(String environment) {
        folder.checkRoot();
        Path dir = folder.envDir(environment).resolve(DIR);
        if (!java.nio.file.Files.isDirectory(dir)) return false;
        try (var files = java.nio.file.Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".json"));
        } catch (java.io.IOException e) {
            throw new dev.meshsdk.MeshException(
                    dev.meshsdk.ErrorCode.REGISTRY_FAILURE,
                    "Cannot list the usage of" + " environment '" + environment + "' in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    private ProductUsage read(Path file, String environment, String productId) {
        ProductUsage found = folder.read(
                file, ProductUsage.class, "the usage of product '" + productId + "' in '" + environment + "'");
        return found == null ? new ProductUsage(UsageState.empty(), List.of()) : found;
    }

    private Path file(String productId, String environment) {
        return folder.envDir(environment)
                .resolve(DIR)
                .resolve(RegistryFolder.safeId(productId, "product id") + ".json");
    }
}

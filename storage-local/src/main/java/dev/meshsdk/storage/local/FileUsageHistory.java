package dev.meshsdk.storage.local;

import dev.meshsdk.spi.registry.RegistryJson;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageState;
import dev.meshsdk.spi.registry.UsageUpdate;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return JsonLines.underLock(file(update.productId(), update.environment()), "record the usage of product '"
                + update.productId() + "'", file -> {
            ProductUsage stored = read(file, update.environment(), update.productId());
            UsageRollup.Result result = UsageRollup.apply(stored.state(), update);
            Map<String, UsageDay> days = new LinkedHashMap<>();
            for (UsageDay d : stored.days()) days.put(d.port() + "\u0000" + d.day(), d);
            for (UsageDay d : result.additions()) days.merge(d.port() + "\u0000" + d.day(), d, UsageDay::plus);
            List<UsageDay> sorted = new ArrayList<>(days.values());
            sorted.sort(Comparator.comparing(UsageDay::port).thenComparing(UsageDay::day));
            AtomicFiles.write(file, RegistryJson.write(new ProductUsage(result.state(), sorted))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return result;
        });
    }

    @Override
    public List<UsageDay> days(String environment, String productId, LocalDate from, LocalDate to) {
        folder.checkRoot();
        return read(file(productId, environment), environment, productId).days().stream()
                .filter(d -> !d.day().isBefore(from) && !d.day().isAfter(to)).toList();
    }

    @Override
    public boolean collected(String environment) {
        folder.checkRoot();
        Path dir = folder.envDir(environment).resolve(DIR);
        if (!java.nio.file.Files.isDirectory(dir)) return false;
        try (var files = java.nio.file.Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".json"));
        } catch (java.io.IOException e) {
            throw new dev.meshsdk.MeshException(dev.meshsdk.ErrorCode.REGISTRY_FAILURE, "Cannot list the usage of"
                    + " environment '" + environment + "' in " + dir + ": " + e.getMessage(), e);
        }
    }

    private ProductUsage read(Path file, String environment, String productId) {
        ProductUsage found = folder.read(file, ProductUsage.class, "the usage of product '" + productId + "' in '"
                + environment + "'");
        return found == null ? new ProductUsage(UsageState.empty(), List.of()) : found;
    }

    private Path file(String productId, String environment) {
        return folder.envDir(environment).resolve(DIR).resolve(RegistryFolder.safeId(productId, "product id") + ".json");
    }
}

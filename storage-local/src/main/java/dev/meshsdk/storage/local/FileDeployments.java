package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.RegistryJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file registry's deployments and deploy locks: {@code <env>/<productId>/history.jsonl} (one record a
 * line, appended), {@code deployed.jsonl} (the catalog entry each successful deployment left, one a line,
 * appended), {@code current.json} (replaced atomically) and {@code deploy.lock} (an OS lock, see
 * {@link FileDeployLock}). A record is written under the product's deploy lock, taken for the write when
 * the caller does not hold it in this JVM, so two processes never interleave their writes of one product.
 */
final class FileDeployments implements DeploymentHistory {
    /** The catalog entry of each successful deployment, one {@link DeployedEntry} a line, appended. */
    private static final String DEPLOYED = "deployed.jsonl";

    private final RegistryFolder folder;
    private final FileCatalog catalog;

    FileDeployments(RegistryFolder folder, FileCatalog catalog) {
        this.folder = folder;
        this.catalog = catalog;
    }

    @Override
    public Optional<DeploymentRecord> current(String productId, String environment) {
        Path file = folder.productDir(productId, environment).resolve("current.json");
        folder.checkRoot();
        return Optional.ofNullable(folder.read(
                file,
                DeploymentRecord.class,
                "the current deployment of product '" + productId + "' in environment '" + environment + "'"));
    }

    @Override
    public List<DeploymentRecord> history(String productId, String environment) {
        Path file = folder.productDir(productId, environment).resolve("history.jsonl");
        folder.checkRoot();
        return JsonLines.read(file, DeploymentRecord.class, historyOf(productId, environment));
    }

    /** Reads each product's {@code deployed.jsonl}: a file per product, as its history is. */
    @Override
    public Map<String, List<DeployedEntry>> deployedEntries(String environment, Collection<String> productIds) {
        folder.checkRoot();
        Map<String, List<DeployedEntry>> out = new LinkedHashMap<>();
        for (String productId : productIds) {
            List<DeployedEntry> kept = JsonLines.read(
                    folder.productDir(productId, environment).resolve(DEPLOYED),
                    DeployedEntry.class,
                    deployedOf(productId, environment));
            if (!kept.isEmpty()) out.put(productId, kept);
        }
        return out;
    }

    @Override
    public void record(DeploymentRecord record, CatalogEntry entry) {
        String productId = record.productId();
        String environment = record.environment();
        Path dir = folder.productDir(productId, environment);
        boolean succeeded = record.outcome() == DeploymentRecord.Outcome.SUCCEEDED;
        if (succeeded
                && entry != null
                && (!entry.productId().equals(productId) || !entry.environment().equals(environment))) {
            throw new MeshException(
                    ErrorCode.INTERNAL,
                    "Cannot record the deployment of product '" + productId
                            + "' in environment '" + environment + "' with the catalog entry of product '"
                            + entry.productId() + "' in environment '" + entry.environment() + "'");
        }
        Path lockFile = dir.resolve("deploy.lock");
        try (DeployLock own = FileDeployLock.heldInThisJvm(lockFile)
                ? null
                : lock(productId, environment, "the registry, recording a deployment by " + record.deployedBy())) {
            // read what is replaced first: a corrupt file fails the call before anything is written
            history(productId, environment);
            if (succeeded) {
                current(productId, environment);
                if (entry != null) catalog.checkReplaceable(productId, environment);
            }
            JsonLines.append(dir.resolve("history.jsonl"), record, historyOf(productId, environment));
            if (succeeded) {
                AtomicFiles.write(dir.resolve("current.json"), RegistryJson.writeIndented(record));
                if (entry != null) {
                    catalog.put(entry);
                    // last: should it fail, the deployment is recorded and only this run's lineage lacks its entry
                    JsonLines.append(
                            dir.resolve(DEPLOYED),
                            new DeployedEntry(record, entry),
                            deployedOf(productId, environment));
                }
            }
        } catch (IOException e) {
            throw RegistryFolder.failure(
                    "record the deployment of product '" + productId + "' in environment '" + environment + "'",
                    dir,
                    e);
        }
    }

    /** Takes the deploy lock of a product; see {@link dev.meshsdk.spi.registry.DeployLocks#lock}. */
    DeployLock lock(String productId, String environment, String holder) {
        Path dir = folder.productDir(productId, environment);
        folder.checkRoot();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw RegistryFolder.failure(
                    "take the deploy lock of product '" + productId + "' in environment '" + environment + "'", dir, e);
        }
        return FileDeployLock.acquire(dir.resolve("deploy.lock"), productId, environment, holder);
    }

    private static String deployedOf(String productId, String environment) {
        return "the catalog entries kept per deployment of product '" + productId + "' in environment '" + environment
                + "'";
    }

    private static String historyOf(String productId, String environment) {
        return "the deployment history of product '" + productId + "' in environment '" + environment + "'";
    }
}

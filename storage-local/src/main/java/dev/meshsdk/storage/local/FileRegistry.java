package dev.meshsdk.storage.local;

import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CreatedOnFirstWrite;
import dev.meshsdk.spi.registry.DeployLocks;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.ErasureLog;
import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.Registry;
import java.nio.file.Path;

/**
 * The {@code file} registry: JSON files under a root folder that several builds may share (see
 * {@link RegistryFolder} for the layout). Whole files are replaced atomically (a temporary file, then a
 * rename), histories are appended line by line under a lock ({@link JsonLines}), a deployment is recorded
 * under the product's deploy lock ({@link FileDeployLock}, an OS file lock), and the catalog is read
 * through an in-process snapshot that every write, from any process, invalidates ({@link FileCatalog}).
 * Erasure receipts are kept per subject hash ({@link FileErasureLog}), usage per product ({@link FileUsageHistory}).
 */
final class FileRegistry implements Registry, CreatedOnFirstWrite {
    private final RegistryFolder folder;
    private final FileCatalog catalog;
    private final FileDeployments deployments;
    private final FileQualityHistory quality;
    private final FileErasureLog erasures;
    private final FileUsageHistory usage;
    private final Path root;

    /** Opens the registry at {@code root}; a missing folder is created by the first write (a deploy). */
    FileRegistry(Path root) {
        this.folder = new RegistryFolder(root);
        this.catalog = new FileCatalog(folder);
        this.deployments = new FileDeployments(folder, catalog);
        this.quality = new FileQualityHistory(folder);
        this.erasures = new FileErasureLog(folder);
        this.usage = new FileUsageHistory(folder);
        this.root = folder.root;
    }

    /** The registry's folder, absolute. */
    @Override
    public String address() {
        return root.toString();
    }

    @Override
    public void requireExists() {
        folder.requireExists();
    }

    @Override
    public DeploymentHistory deployments() {
        return deployments;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public DeployLocks locks() {
        return deployments::lock;
    }

    @Override
    public QualityHistory quality() {
        return quality;
    }

    @Override
    public ErasureLog erasures() {
        return erasures;
    }

    @Override
    public dev.meshsdk.spi.registry.UsageHistory usage() {
        return usage;
    }

    @Override
    public void close() {
        // Nothing is held open between calls; held locks close with their handles.
    }
}

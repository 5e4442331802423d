package dev.meshsdk.storage.local;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import java.nio.file.Path;

/**
 * Creates the {@code file} registry, which keeps deployments, catalog and quality history as JSON files
 * under one folder: the setting {@value #ROOT_KEY}, relative to the context's base directory, by default
 * {@code <baseDirectory>/.mesh/registry}. Layout: {@code <env>/<productId>/current.json},
 * {@code <env>/<productId>/history.jsonl}, {@code <env>/<productId>/deploy.lock},
 * {@code <env>/<productId>/quality/<port>.jsonl}, {@code <env>/_catalog/<productId>.json}, and the erasure log
 * {@code <env>/_erasures/<subject hash>.jsonl} with its key {@code _erasure.key}. Several
 * processes may share the folder, on one machine or on a shared disk. A missing folder is created by the first
 * write (a deploy); until then validate and plan read it as empty, and readers of the catalog fail naming it
 * ({@link dev.meshsdk.spi.registry.CreatedOnFirstWrite}). One that cannot be read fails with
 * {@code REGISTRY_FAILURE}.
 */
public final class FileRegistryFactory implements RegistryFactory {
    /** The registry's name. */
    public static final String NAME = "file";
    /** The setting naming the registry's root folder. */
    public static final String ROOT_KEY = "mesh.registry.file.root";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Registry create(AdapterContext context) {
        Path root = context.setting(ROOT_KEY)
                .map(r -> context.baseDirectory().resolve(r))
                .orElse(context.baseDirectory().resolve(".mesh").resolve("registry"));
        return new FileRegistry(root.toAbsolutePath().normalize());
    }
}

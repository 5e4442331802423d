package dev.meshsdk.spi.registry;

/**
 * An optional ability of a {@link Registry} whose storage its first write creates (the {@code file} registry's
 * folder). Until then validate, plan and deploy read it as empty, as a new mesh is, and the first deploy creates
 * it. A reader of the catalog ({@code Mesh.catalog()} and every command that reads through it: search, lineage,
 * publish, check, forget, usage, the catalog site, exports) asks {@link #requireExists()} first, so that a
 * registry at a wrong address fails instead of answering with an empty catalog.
 */
public interface CreatedOnFirstWrite {
    /**
     * Called before a reader reads the registry; may run concurrently with anything.
     *
     * @throws dev.meshsdk.MeshException {@code REGISTRY_FAILURE} naming the registry's address and what to check,
     *                                   when its storage does not exist
     */
    void requireExists();
}

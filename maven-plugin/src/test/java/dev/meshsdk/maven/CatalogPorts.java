package dev.meshsdk.maven;

import dev.meshsdk.spi.registry.CatalogEntry;

/** Catalog entries of output port {@code orders} for the plugin's unit tests, with only what the goals read set. */
final class CatalogPorts {
    private CatalogPorts() {}

    /** Port {@code orders} at contract major version {@code major}, on server {@code dev} of {@code serverType}. */
    static CatalogEntry.Port port(int major, String serverType) {
        return new CatalogEntry.Port(
                "orders",
                null,
                major + ".0.0",
                "sales-orders",
                major + ".0.0",
                major,
                "active",
                null,
                "dev",
                serverType,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}

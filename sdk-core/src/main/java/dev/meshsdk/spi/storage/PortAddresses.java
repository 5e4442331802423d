package dev.meshsdk.spi.storage;

import dev.meshsdk.spi.PortBinding;
import java.util.Map;

/**
 * An optional ability of a {@link StorageAdapter}: the absolute address of each table a port provisions,
 * for the catalog and lineage exports. Adapters that do not implement it are listed with an address the
 * SDK derives from the server entry.
 */
public interface PortAddresses {

    /**
     * The absolute address of each of the port's tables (by schema object name, in schema order), for
     * the port's current contract major version: {@code s3://bucket/prefix/table},
     * {@code postgresql://host:5432/db/schema.table}, {@code redshift://host:5439/db/schema.table},
     * {@code file:///abs/path/table}. Never a credential. No side effects, no store access.
     */
    Map<String, String> addresses(PortBinding port);
}

package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.Set;

/**
 * Creates {@link PostgresStorageAdapter}s for server types {@code postgres} and {@code postgresql}.
 * Configuration keys: {@code mesh.postgres.user} (when no secret is found), {@code mesh.postgres.jdbc.<property>},
 * {@code mesh.postgres.connectTimeoutSeconds}.
 */
public final class PostgresStorageAdapterFactory implements StorageAdapterFactory {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Set<String> serverTypes() {
        return Set.of("postgres", "postgresql");
    }

    @Override
    public StorageAdapter create(AdapterContext context) {
        return new PostgresStorageAdapter(Postgres.connections(context, Postgres.PREFIX), context.metrics());
    }
}

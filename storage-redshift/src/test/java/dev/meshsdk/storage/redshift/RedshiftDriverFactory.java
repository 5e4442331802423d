package dev.meshsdk.storage.redshift;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.PgCatalogInspector;
import java.util.Set;

/**
 * The Redshift adapter as {@link RedshiftStorageAdapterFactory} builds it (Redshift dialect, Redshift JDBC
 * driver) except for one test double: the catalog is read with the PostgreSQL inspector, because the server
 * behind PgBouncer is PostgreSQL and has no SVV_* views. Everything written goes through the Redshift
 * dialect and driver.
 */
final class RedshiftDriverFactory implements StorageAdapterFactory {
    @Override
    public String name() {
        return "redshift";
    }

    @Override
    public Set<String> serverTypes() {
        return Set.of("redshift");
    }

    @Override
    public StorageAdapter create(AdapterContext context) {
        return new JdbcStorageAdapter(
                new RedshiftDialect(new PgCatalogInspector()),
                RedshiftStorageAdapterFactory.connections(context),
                context.metrics(),
                name());
    }
}

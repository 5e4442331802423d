package dev.meshsdk.storage.redshift;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;
import dev.meshsdk.storage.jdbc.ServerConnections;
import java.util.Set;

/**
 * Creates storage adapters for server type {@code redshift}: the shared {@link JdbcStorageAdapter} with
 * the {@link RedshiftDialect}, connecting with the Redshift JDBC driver ({@code jdbc:redshift:}, port 5439).
 * Credentials as for every JDBC adapter: the secret under the server's {@code credentialsId} or name, else
 * {@code mesh.redshift.user} for a login whose password is not needed.
 */
public final class RedshiftStorageAdapterFactory implements StorageAdapterFactory {
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
        return new JdbcStorageAdapter(new RedshiftDialect(), connections(context), context.metrics(), name());
    }

    static ServerConnections connections(AdapterContext context) {
        return new ServerConnections(context, "mesh.redshift", "jdbc:redshift:", 5439);
    }
}

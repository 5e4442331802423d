package dev.meshsdk.storage.jdbc;

import dev.meshsdk.model.Server;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.DeployLocks;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.ErasureLog;
import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.Registry;

/**
 * A registry kept in a PostgreSQL-protocol database, in its own schema ({@code mesh} by default): the
 * history in {@code deployments} and the current deployment per product and environment in {@code current}
 * ({@link JdbcDeployments}); the catalog in {@code catalog} and {@code catalog_offers} ({@link JdbcCatalog});
 * the quality history in {@code quality} ({@link JdbcQualityHistory}); erasure receipts in
 * {@code erasure_receipts} ({@link JdbcErasureLog}); usage in {@code usage_days} and {@code usage_state}
 * ({@link JdbcUsageHistory}); and who holds each deploy lock, an
 * advisory lock, in {@code locks} ({@link AdvisoryLocks}). Tables of an earlier SDK are upgraded in place
 * ({@link RegistryTables}).
 *
 * <p>Safe for concurrent use by several processes and threads: a call borrows a connection kept open
 * between calls ({@link RegistryConnections}), a deploy lock holds a connection of its own, and a deployment
 * is recorded in one transaction. A database that cannot be reached fails with {@code REGISTRY_FAILURE}
 * naming {@code host:port/database} (never a credential) and what to check.
 */
public final class JdbcRegistry implements Registry {
    private final JdbcDeployments deployments;
    private final JdbcCatalog catalog;
    private final AdvisoryLocks locks;
    private final JdbcQualityHistory quality;
    private final JdbcErasureLog erasures;
    private final JdbcUsageHistory usage;
    private final RegistryDatabase db;

    /**
     * Opens the registry and creates or upgrades its tables.
     *
     * @param server the database, as a server entry {@link ConnectionSource} understands
     * @param schema the schema of the registry's tables, {@code mesh} in production
     */
    public JdbcRegistry(ConnectionSource connections, Server server, String schema) {
        this.db = new RegistryDatabase(connections, server, schema);
        this.catalog = new JdbcCatalog(db);
        this.deployments = new JdbcDeployments(db, catalog);
        this.locks = new AdvisoryLocks(db);
        this.quality = new JdbcQualityHistory(db);
        this.erasures = new JdbcErasureLog(db);
        this.usage = new JdbcUsageHistory(db);
        try {
            RegistryTables.createOrUpgrade(db, catalog);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
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
        return locks;
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

    /** {@code host:port/database} of the registry's database. */
    @Override
    public String address() {
        return db.address();
    }

    @Override
    public void close() {
        // held locks close with their handles
        db.close();
    }
}

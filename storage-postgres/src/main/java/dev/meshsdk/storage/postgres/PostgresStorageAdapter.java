package dev.meshsdk.storage.postgres;

import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.JdbcStorageAdapter;

/**
 * Provisions output ports as PostgreSQL tables, one per schema object, in the server's schema. Planning,
 * applying, access and erasure come from {@link JdbcStorageAdapter}; the types and SQL from
 * {@link PostgresDialect}.
 */
public final class PostgresStorageAdapter extends JdbcStorageAdapter {

    PostgresStorageAdapter(ConnectionSource connections, MetricRegistry metrics) {
        super(new PostgresDialect(), connections, metrics, "postgres");
    }
}

package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityEngineFactory;

/** Creates the {@code postgres} quality engine; it connects with the storage adapter's credentials. */
public final class PostgresQualityEngineFactory implements QualityEngineFactory {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public QualityEngine create(AdapterContext context) {
        return new PostgresQualityEngine(Postgres.connections(context, Postgres.PREFIX));
    }
}

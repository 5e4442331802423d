package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.storage.jdbc.JdbcRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code postgres} registry: a {@link JdbcRegistry} in a PostgreSQL database. Configuration keys:
 * {@code mesh.registry.postgres.host}, {@code .port}, {@code .database} (required), {@code .schema}
 * ({@code mesh}), {@code .credentialsId} (looked up in the secrets, default {@code mesh-registry}), or
 * {@code .user} for a login without a password in the secrets.
 */
public final class PostgresRegistryFactory implements RegistryFactory {
    static final String PREFIX = "mesh.registry.postgres";

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Registry create(AdapterContext context) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String key : List.of("host", "port", "database")) {
            context.setting(PREFIX + "." + key).ifPresent(v -> settings.put(key, v));
        }
        if (!settings.containsKey("database")) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot open the postgres registry: " + PREFIX + ".database is not set; set it (and " + PREFIX
                            + ".host, " + PREFIX + ".port)");
        }
        String credentialsId = context.setting(PREFIX + ".credentialsId").orElse("mesh-registry");
        Server server = new Server(
                "mesh-registry",
                "postgres",
                null,
                "The mesh registry",
                settings,
                List.of(new CustomProperty("credentialsId", credentialsId, null)),
                Map.of());
        return new JdbcRegistry(
                Postgres.connections(context, PREFIX),
                server,
                context.setting(PREFIX + ".schema").orElse("mesh"));
    }
}

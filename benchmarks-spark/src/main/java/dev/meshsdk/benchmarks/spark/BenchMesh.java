package dev.meshsdk.benchmarks.spark;

import dev.meshsdk.Mesh;
import dev.meshsdk.event.MeshListener;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.testkit.ProjectFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A mesh for the data-subject benchmarks: a fresh folder (products, Delta tables of the {@code local} adapter, the
 * file registry) and an embedded PostgreSQL (io.zonky.test binaries) for the {@code postgres} ports.
 */
final class BenchMesh implements AutoCloseable {
    static final String PG_CREDENTIALS = "bench-pg";
    final Path base;
    final Path products;
    private final EmbeddedPostgres pg;

    BenchMesh(Path base) throws IOException {
        this.base = base;
        if (Files.exists(base)) {
            try (Stream<Path> all = Files.walk(base)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        this.products = base.resolve("src/main/mesh");
        Files.createDirectories(products);
        pg = EmbeddedPostgres.builder()
                .setDataDirectory(base.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_wal_size", "2GB")
                .setServerConfig("synchronous_commit", "off")
                .start();
    }

    Mesh mesh(Map<String, String> config, MeshListener listener) {
        Secrets secrets = id ->
                PG_CREDENTIALS.equals(id) ? Optional.of(new Secrets.Credential("postgres", null)) : Optional.empty();
        Mesh.Builder b = Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .config(config)
                .secrets(secrets)
                .user("bench@example.com");
        if (listener != null) b.listener(listener);
        return b.build();
    }

    /** Writes product {@code id} with one output port {@code id} and its contract of one table. */
    Path product(String id, String servers, String table, String properties) throws IOException {
        return ProjectFiles.product(
                products, id, ProjectFiles.contract(id, "1.0.0", servers, table, properties), null, null);
    }

    String postgresServer(String schema) {
        return ProjectFiles.postgresServer(PG_CREDENTIALS, pg.getPort(), schema);
    }

    /** The URI of a Delta table of a {@code local} port at {@code path} (relative to the base). */
    String deltaTable(String path, String table) {
        return base.resolve(path).resolve(table).toUri().toString().replaceAll("/$", "");
    }

    void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", null);
                Statement s = c.createStatement()) {
            for (String q : statements) s.execute(q);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the benchmark's PostgreSQL data: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

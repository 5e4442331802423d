package dev.meshsdk.storage.postgres;

import static dev.meshsdk.testkit.CatalogFixtures.entry;
import static dev.meshsdk.testkit.CatalogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.DeploymentRecord.Outcome;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.JdbcRegistry;
import dev.meshsdk.storage.jdbc.ServerConnections;
import dev.meshsdk.testkit.CatalogFixtures;
import dev.meshsdk.testkit.RegistryContract;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The registry contract against a real PostgreSQL server, each test with a registry schema of its own; and
 * what the postgres registry does beyond it: calls reuse kept connections and replace a dropped one, tables
 * of the earlier layout are upgraded in place, a row changed by hand fails naming it, and an unreachable
 * database is named without its password.
 */
class PostgresRegistryIT extends RegistryContract {
    private final TestPostgres pg = TestPostgres.get();

    @Override
    protected Registry freshRegistry() {
        return open(TestPostgres.freshName("reg"));
    }

    private Registry open(String schema) {
        return new PostgresRegistryFactory()
                .create(pg.context(Map.of(
                        "mesh.registry.postgres.host", pg.host,
                        "mesh.registry.postgres.port", String.valueOf(pg.port),
                        "mesh.registry.postgres.database", pg.database,
                        "mesh.registry.postgres.credentialsId", TestPostgres.CREDENTIALS_ID,
                        "mesh.registry.postgres.schema", schema)));
    }

    @Test
    void callsReuseKeptConnectionsAndReplaceOneThatWasDropped() throws Exception {
        String schema = TestPostgres.freshName("pool");
        ServerConnections real = Postgres.connections(pg.context(), PostgresRegistryFactory.PREFIX);
        List<Integer> opened = new CopyOnWriteArrayList<>();
        ConnectionSource counting = new ConnectionSource() {
            @Override
            public Connection open(Server server) throws SQLException {
                Connection c = real.open(server);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    opened.add(rs.getInt(1));
                }
                return c;
            }

            @Override
            public String describe(Server server) {
                return real.describe(server);
            }
        };

        try (JdbcRegistry registry = new JdbcRegistry(counting, pg.server(schema), schema)) {
            for (int i = 0; i < 10; i++) {
                registry.deployments()
                        .record(record("p" + i, "dev", "1.0.0", Outcome.SUCCEEDED, i), entry("p" + i, "dev", "1.0.0"));
                registry.quality().record(CatalogFixtures.quality("p" + i, "orders", "dev", i, true));
                assertThat(registry.catalog().offering("orders-contract", "dev"))
                        .hasSize(i + 1);
            }
            assertThat(opened).as("sessions opened for 31 calls, one at a time").hasSize(1);

            pg.exec("SELECT pg_terminate_backend(" + opened.get(0) + ")");
            assertThat(registry.catalog().search(CatalogQuery.in("dev").text("p3")))
                    .extracting(CatalogEntry::productId)
                    .containsExactly("p3");
            assertThat(opened).as("a new session for the dropped one").hasSize(2);

            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    calls.add(threads.submit(
                            () -> registry.catalog().entries("dev").size()));
                }
                for (Future<Integer> call : calls)
                    assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(10);
            } finally {
                threads.shutdownNow();
            }
            assertThat(opened).as("sessions opened for calls running at once").hasSizeGreaterThan(2);
            assertThat(sessions(opened, 4))
                    .as("sessions kept open between calls")
                    .isBetween(1, 4);
        }
        assertThat(sessions(opened, 0)).as("sessions left open after close").isZero();
    }

    /**
     * How many of the given backends are still connected, once at most {@code expected} are or after a few
     * seconds: a backend leaves a moment after its connection closed.
     */
    private int sessions(List<Integer> pids, int expected) throws Exception {
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE pid IN ("
                + pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Connection c = pg.admin();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                int n = rs.getInt(1);
                if (n <= expected || System.nanoTime() > until) return n;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void anotherBuildsWriteIsSeenByAWarmAndANewObject() {
        String schema = TestPostgres.freshName("two");
        try (Registry warm = open(schema);
                Registry other = open(schema)) {
            warm.deployments()
                    .record(record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0), entry("orders", "dev", "1.0.0"));
            CatalogQuery sales = CatalogQuery.in("dev").domain("sales");
            assertThat(warm.catalog().search(sales)).hasSize(1);
            assertThat(warm.catalog().offering("orders-contract", "dev")).hasSize(1);

            CatalogEntry moved = entry(
                    "orders",
                    "dev",
                    "2.0.0",
                    "finance",
                    "orders-team",
                    "active",
                    List.of(),
                    CatalogFixtures.port("orders", "orders-v2-contract", 2, "active", List.of()));
            other.deployments().record(record("orders", "dev", "2.0.0", Outcome.SUCCEEDED, 1), moved);

            try (Registry fresh = open(schema)) {
                for (Registry r : List.of(warm, fresh)) {
                    assertThat(r.catalog().search(sales)).isEmpty();
                    assertThat(r.catalog().search(CatalogQuery.in("dev").domain("finance")))
                            .containsExactly(moved);
                    assertThat(r.catalog().offering("orders-contract", "dev")).isEmpty();
                    assertThat(r.catalog().offering("orders-v2-contract", "dev"))
                            .containsExactly(moved);
                    assertThat(r.catalog().entry("orders", "dev")).contains(moved);
                }
            }
        }
    }

    @Test
    void aRowWithoutKeysIsStillFoundAndFailsNamingIt() {
        String schema = TestPostgres.freshName("nokeys");
        try (Registry registry = open(schema)) {
            registry.deployments()
                    .record(record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0), entry("orders", "dev", "1.0.0"));
            // as an earlier SDK left a row it could not read at the upgrade: no keys, no offers
            pg.exec("INSERT INTO " + schema
                    + ".catalog (product_id, environment, entry) VALUES ('broken', 'dev', '{')");

            for (Runnable call : List.<Runnable>of(
                    () -> registry.catalog().search(CatalogQuery.in("dev").team("nobody")),
                    () -> registry.catalog().offering("no-such-contract", "dev"))) {
                MeshException e = catchThrowableOfType(MeshException.class, call::run);
                assertThat(e.getMessage())
                        .startsWith("Cannot read the catalog entry of product 'broken' in environment"
                                + " 'dev' (table " + schema + ".catalog)");
            }
        }
    }

    @Test
    void tablesOfTheEarlierLayoutAreUpgradedInPlace() throws Exception {
        String schema = TestPostgres.freshName("old");
        // the tables and one deployment as the SDK before the split registry wrote them
        pg.exec(
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".deployments (seq BIGSERIAL PRIMARY KEY, product_id VARCHAR(256) NOT NULL,"
                        + " environment VARCHAR(64) NOT NULL, product_version VARCHAR(64), checksum VARCHAR(128) NOT NULL,"
                        + " deployed_at TIMESTAMPTZ NOT NULL, deployed_by VARCHAR(256), outcome VARCHAR(16) NOT NULL,"
                        + " changes TEXT NOT NULL, message TEXT)",
                "CREATE TABLE " + schema
                        + ".current (product_id VARCHAR(256) NOT NULL, environment VARCHAR(64) NOT NULL,"
                        + " seq BIGINT NOT NULL REFERENCES " + schema + ".deployments (seq),"
                        + " PRIMARY KEY (product_id, environment))",
                "CREATE TABLE " + schema
                        + ".catalog (product_id VARCHAR(256) NOT NULL, environment VARCHAR(64) NOT NULL,"
                        + " entry TEXT NOT NULL, updated_at TIMESTAMPTZ, PRIMARY KEY (product_id, environment))",
                "CREATE TABLE " + schema + ".locks (product_id VARCHAR(256) NOT NULL, environment VARCHAR(64) NOT NULL,"
                        + " holder VARCHAR(256) NOT NULL, acquired_at TIMESTAMPTZ NOT NULL, backend_pid INTEGER NOT NULL,"
                        + " PRIMARY KEY (product_id, environment))",
                "INSERT INTO " + schema
                        + ".deployments (product_id, environment, product_version, checksum, deployed_at,"
                        + " deployed_by, outcome, changes) VALUES ('orders', 'dev', '1.2.0', 'sha', now(), 'ci',"
                        + " 'SUCCEEDED', '[\"+ create orders\"]')",
                "INSERT INTO " + schema + ".current SELECT product_id, environment, seq FROM " + schema
                        + ".deployments",
                "INSERT INTO " + schema
                        + ".catalog VALUES ('orders', 'dev', '{\"productId\":\"orders\",\"name\":\"Orders\","
                        + "\"version\":\"1.2.0\",\"status\":\"active\",\"domain\":\"sales\",\"team\":\"orders-team\","
                        + "\"description\":\"All orders\",\"environment\":\"dev\",\"outputPorts\":[{\"name\":\"orders\","
                        + "\"version\":\"1.0.0\",\"contractId\":\"orders-contract\",\"contractVersion\":\"2.0.0\","
                        + "\"serverType\":\"postgres\",\"address\":\"db:5432/app/sales\"}],\"consumes\":[],"
                        + "\"updatedAt\":\"2025-03-01T10:00:00Z\"}', now())");

        try (Registry upgraded = open(schema)) {
            CatalogEntry orders = upgraded.catalog().entry("orders", "dev").orElseThrow();
            assertThat(orders.owner().team()).isEqualTo("orders-team");
            assertThat(orders.outputPorts())
                    .singleElement()
                    .extracting(CatalogEntry.Port::majorVersion)
                    .isEqualTo(2);
            assertThat(upgraded.catalog().offering("orders-contract", "dev")).containsExactly(orders);
            assertThat(upgraded.catalog()
                            .search(CatalogQuery.in("dev").team("ORDERS-team").text("all orders")))
                    .containsExactly(orders);
            assertThat(upgraded.deployments().current("orders", "dev"))
                    .hasValueSatisfying(r -> assertThat(r.productVersion()).isEqualTo("1.2.0"));
            upgraded.quality().record(CatalogFixtures.quality("orders", "orders", "dev", 0, true));
        }
        try (Registry again = open(schema)) {
            CatalogEntry customers = entry("customers", "dev", "1.0.0");
            again.deployments().record(record("customers", "dev", "1.0.0", Outcome.SUCCEEDED, 1), customers);
            assertThat(again.catalog().offering("orders-contract", "dev"))
                    .extracting(CatalogEntry::productId)
                    .containsExactly("customers", "orders");
            assertThat(again.quality().latest("orders", null, "dev", 5)).hasSize(1);
            assertThat(again.deployments().deployedEntries("dev", List.of("orders", "customers")))
                    .as("the deployment recorded before entries were kept is not listed")
                    .containsOnlyKeys("customers");
        }
    }

    @Test
    void aRegistryOfLayoutOneGetsTheTableOfKeptEntriesOnNextOpen() throws Exception {
        String schema = TestPostgres.freshName("layout1");
        try (Registry first = open(schema)) {
            first.deployments()
                    .record(record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0), entry("orders", "dev", "1.0.0"));
        }
        // as layout 1 left it: no table of kept entries
        pg.exec("DROP TABLE " + schema + ".deployed_entries", "UPDATE " + schema + ".registry_layout SET layout = 1");
        try (Registry upgraded = open(schema)) {
            CatalogEntry later = entry("orders", "dev", "1.1.0");
            DeploymentRecord laterRecord = record("orders", "dev", "1.1.0", Outcome.SUCCEEDED, 10);
            upgraded.deployments().record(laterRecord, later);

            assertThat(upgraded.deployments()
                            .deployedEntries("dev", List.of("orders"))
                            .get("orders"))
                    .as("only the deployment recorded after the upgrade")
                    .containsExactly(new DeployedEntry(laterRecord, later));
            assertThat(upgraded.deployments().history("orders", "dev")).hasSize(2);
        }
    }

    @Test
    void aRegistryOfLayoutTwoGetsColumnReadsAndKeepsItsUsageDays() throws Exception {
        String schema = TestPostgres.freshName("layout2");
        String address = "postgresql://h:5432/db/s.orders";
        java.time.Instant day1 = java.time.Instant.parse("2026-03-01T06:00:00Z");
        try (Registry first = open(schema)) {
            UsageUpdate collection = new UsageUpdate(
                    "dev",
                    "orders",
                    day1,
                    Map.of(address, "orders"),
                    Set.of("orders"),
                    Set.of("postgres"),
                    List.of(new CounterSnapshot(address, "postgres", "statement:bi:1", "bi", 5, null)));
            first.usage().record(collection); // the baseline: no day row
            first.usage().record(collection); // the day observed: its row
        }
        // as layout 2 left it: usage days without column reads, one read that day
        pg.exec(
                "ALTER TABLE " + schema + ".usage_days DROP COLUMN attributed_reads, DROP COLUMN columns",
                "UPDATE " + schema + ".usage_days SET reads = 5, readers = '{\"bi\":5}'",
                "UPDATE " + schema + ".registry_layout SET layout = 2");
        try (Registry upgraded = open(schema)) {
            upgraded.usage()
                    .record(new UsageUpdate(
                            "dev",
                            "orders",
                            day1.plusSeconds(86_400),
                            Map.of(address, "orders"),
                            Set.of("orders"),
                            Set.of("postgres"),
                            List.of(new CounterSnapshot(
                                    address, "postgres", "statement:bi:1", "bi", 8, null, Set.of("id")))));
            assertThat(upgraded.usage()
                            .days(
                                    "dev",
                                    "orders",
                                    java.time.LocalDate.of(2026, 3, 1),
                                    java.time.LocalDate.of(2026, 3, 2)))
                    .extracting(d -> d.reads() + "/" + d.attributedReads() + " " + d.columns())
                    .containsExactly(
                            "5/0 {}",
                            "3/3 {id=ColumnReads[reads=3, readers={bi=3}, lastRead=" + day1.plusSeconds(86_400) + "]}");
        }
    }

    @Test
    void aRegistryOfTheCurrentLayoutOpensWithoutDdlAndOneOfAnEarlierLayoutIsUpgraded() throws Exception {
        String schema = TestPostgres.freshName("layout");
        try (Registry first = open(schema)) {
            assertThat(first.catalog().search(CatalogQuery.in("dev"))).isEmpty();
        }
        pg.exec("DROP INDEX " + schema + ".catalog_team");
        try (Registry current = open(schema)) {
            assertThat(current.catalog().search(CatalogQuery.in("dev").team("nobody")))
                    .isEmpty();
        }
        assertThat(teamIndex(schema))
                .as("a current layout is not created again")
                .isEqualTo("absent");

        pg.exec("UPDATE " + schema + ".registry_layout SET layout = 0");
        try (Registry upgraded = open(schema)) {
            assertThat(upgraded.catalog().search(CatalogQuery.in("dev").team("nobody")))
                    .isEmpty();
        }
        assertThat(teamIndex(schema))
                .as("an earlier layout is brought up to date")
                .isEqualTo(schema + ".catalog_team");
    }

    /** The name of the catalog's team index in {@code schema}, or {@code absent}. */
    private String teamIndex(String schema) throws Exception {
        try (Connection c = pg.admin();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT coalesce(to_regclass('" + schema + ".catalog_team')::text, 'absent')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aRowChangedByHandFailsNamingItAndIsNotOverwritten() throws Exception {
        String schema = TestPostgres.freshName("hand");
        try (Registry registry = open(schema)) {
            registry.deployments()
                    .record(record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0), entry("orders", "dev", "1.0.0"));
            pg.exec("UPDATE " + schema + ".catalog SET entry = '{\"productId\": ' WHERE product_id = 'orders'");

            for (Runnable call : java.util.List.<Runnable>of(
                    () -> registry.catalog().entries("dev"),
                    () -> registry.catalog().search(CatalogQuery.in("dev").text("orders")),
                    () -> registry.deployments()
                            .record(
                                    record("orders", "dev", "1.1.0", Outcome.SUCCEEDED, 1),
                                    entry("orders", "dev", "1.1.0")))) {
                MeshException e = catchThrowableOfType(MeshException.class, call::run);
                assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_FAILURE);
                assertThat(e.getMessage())
                        .startsWith("Cannot read the catalog entry of product 'orders' in environment"
                                + " 'dev' (table " + schema + ".catalog) in the registry at " + pg.host + ":" + pg.port
                                + "/"
                                + pg.database + ": it is not valid registry JSON (")
                        .endsWith("the row was changed by hand:"
                                + " restore it from backup or delete it; nothing was overwritten");
            }
            assertThat(registry.deployments().history("orders", "dev"))
                    .as("the refused record is rolled back")
                    .hasSize(1);
        }
        try (Connection c = pg.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT entry FROM " + schema + ".catalog")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{\"productId\": ");
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Secrets secrets = id -> Optional.of(new Secrets.Credential("mesh", "s3cr3t-pw"));
        AdapterContext context = new AdapterContext(
                "dev",
                Path.of("."),
                Map.of(
                        "mesh.registry.postgres.host",
                        "localhost",
                        "mesh.registry.postgres.port",
                        String.valueOf(closed),
                        "mesh.registry.postgres.database",
                        "meshdb",
                        "mesh.registry.postgres.connectTimeoutSeconds",
                        "2"),
                secrets,
                null,
                null);

        MeshException e =
                catchThrowableOfType(MeshException.class, () -> new PostgresRegistryFactory().create(context));

        assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_FAILURE);
        assertThat(e.getMessage())
                .startsWith("Cannot open the registry tables in schema 'mesh' in the" + " registry at localhost:"
                        + closed + "/meshdb: ")
                .endsWith("check that the database server at localhost:" + closed + "/meshdb is running and reachable"
                        + " from here, and that the registry's host, port and database settings name it")
                .doesNotContain("s3cr3t-pw");
    }
}

package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.Server;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploys against a real PostgreSQL: what the tables look like, evolution, drift, and a killed connection. */
class PostgresDeployIT {
    private final TestPostgres pg = TestPostgres.get();
    private String schema;
    private StorageAdapter adapter;
    private PortBinding binding;

    @BeforeEach
    void setUp() {
        schema = TestPostgres.freshName("dep");
        adapter = new PostgresStorageAdapterFactory().create(pg.context());
        binding = Fixtures.binding(Fixtures.ordersContract(), pg.server(schema));
    }

    @AfterEach
    void tearDown() {
        adapter.close();
    }

    private List<Change> plan(PortBinding b) {
        return adapter.plan(b, adapter.inspect(b));
    }

    private List<Change> deploy(PortBinding b) {
        List<Change> changes = plan(b);
        assertThat(changes).noneMatch(c -> c instanceof Change.Refused);
        for (Change c : changes) adapter.apply(b, c);
        assertThat(plan(b)).as("plan right after deploying").isEmpty();
        return changes;
    }

    private String one(String sql) throws SQLException {
        try (Connection c = pg.admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void createsTheTableWithTypesKeysCommentsAndOwnershipADbaCanSee() throws SQLException {
        deploy(binding);
        String t = "'" + schema + ".orders'::regclass";

        assertThat(one("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull"
                        + " THEN ' not null' ELSE '' END, ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = " + t
                        + " AND attnum > 0"))
                .isEqualTo("id bigint not null, name text, amount numeric(12,2)");
        assertThat(one("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = " + t
                        + " AND contype = 'p'"))
                .isEqualTo("PRIMARY KEY (id)");
        assertThat(one("SELECT obj_description(" + t + ", 'pg_class')"))
                .isEqualTo(
                        "The orders table\nmesh:"
                                + " domain=sales team=orders-team product=orders 1.0.0 port=orders contract=orders-contract 1.0.0");
        assertThat(one("SELECT col_description(" + t + ", 2)")).isEqualTo("Customer name [classification: restricted]");
    }

    @Test
    void handAlteredTableShowsAsDriftInThePlan() throws SQLException {
        deploy(binding);
        PortState before = adapter.inspect(binding);
        pg.exec(
                "ALTER TABLE " + schema + ".orders ADD COLUMN extra text",
                "ALTER TABLE " + schema + ".orders ALTER COLUMN name TYPE varchar(5)",
                "COMMENT ON COLUMN " + schema + ".orders.amount IS 'changed by hand'");

        PortState after = adapter.inspect(binding);
        List<Change> changes = adapter.plan(binding, after);

        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
        assertThat(after.facts().get("orders")).contains("extra text", "name character varying(5)");
        assertThat(changes)
                .filteredOn(c -> c instanceof Change.Refused)
                .singleElement()
                .satisfies(c -> assertThat(((Change.Refused) c).reason()).contains("'extra'", "added by hand"));
        assertThat(changes)
                .filteredOn(c -> c instanceof Change.AlterColumn)
                .extracting(Change::summary)
                .containsExactlyInAnyOrder(
                        "alter column orders.name type character varying(5) -> text",
                        "alter column orders.amount comment");
    }

    @Test
    void compatibleChangesApplyInPlaceAndKeepTheRows() throws SQLException {
        deploy(binding);
        pg.exec("INSERT INTO " + schema + ".orders VALUES (1, 'Ann', 12.50)");
        DataContract c = binding.contract();
        DataContract evolved = Fixtures.withVersion(
                Fixtures.withProperty(
                        Fixtures.withProperty(
                                c,
                                "orders",
                                Fixtures.withType(
                                        Fixtures.propertyOf(c, "orders", "amount"), "number", "decimal(16,2)")),
                        "orders",
                        Fixtures.withDescription(Fixtures.propertyOf(c, "orders", "name"), "Full name")),
                "1.1.0");
        PortBinding next = Fixtures.withContract(binding, evolved);

        List<Change> changes = deploy(next);

        assertThat(changes)
                .extracting(Change::summary)
                .contains(
                        "alter column orders.amount type numeric(12,2) -> numeric(16,2)",
                        "alter column orders.name comment");
        assertThat(one("SELECT amount || ' ' || name FROM " + schema + ".orders"))
                .isEqualTo("12.50 Ann");
    }

    @Test
    void breakingChangesAreRefusedUntilANewMajorVersionWhichIsProvisionedAlongside() throws SQLException {
        deploy(binding);
        pg.exec("INSERT INTO " + schema + ".orders VALUES (1, 'Ann', 12.50)");
        DataContract dropped = Fixtures.withoutProperty(binding.contract(), "orders", "name");
        DataContract required = Fixtures.withProperty(
                binding.contract(), "orders", Fixtures.property("region", "string", null, true, null, null));

        List<Change> refusedDrop = plan(Fixtures.withContract(binding, Fixtures.withVersion(dropped, "1.1.0")));
        List<Change> refusedRequired = plan(Fixtures.withContract(binding, Fixtures.withVersion(required, "1.1.0")));
        List<Change> v2 = deploy(Fixtures.withContract(binding, Fixtures.withVersion(dropped, "2.0.0")));

        assertThat(refusedDrop)
                .filteredOn(ch -> ch instanceof Change.Refused)
                .singleElement()
                .satisfies(ch -> assertThat(((Change.Refused) ch).hint()).contains("2.0.0", "orders_v2"));
        assertThat(refusedRequired)
                .filteredOn(ch -> ch instanceof Change.Refused)
                .singleElement()
                .satisfies(ch -> assertThat(((Change.Refused) ch).reason()).contains("'region'", "required"));
        assertThat(v2).first().isInstanceOfSatisfying(Change.CreateTable.class, ch -> assertThat(ch.target())
                .isEqualTo("orders_v2"));
        assertThat(one("SELECT count(*) FROM " + schema + ".orders"))
                .as("old table kept with its rows")
                .isEqualTo("1");
        assertThat(one("SELECT count(*) FROM " + schema + ".orders_v2")).isEqualTo("0");
        PortBinding v3 = Fixtures.withContract(binding, Fixtures.withVersion(dropped, "3.0.0"));
        assertThat(adapter.inspect(v3).facts())
                .as("older majors reported, never dropped")
                .containsEntry(
                        "orders_v3.otherVersions",
                        "orders, orders_v2 (kept for their consumers; retire them"
                                + " with the output port's majorVersions)");
        assertThat(plan(v3))
                .noneMatch(ch -> ch.target().equals("orders") || ch.target().equals("orders_v2"));
    }

    @Test
    void uniqueConstraintDriftShowsInThePlan() {
        deploy(binding);
        pg.exec("ALTER TABLE " + schema + ".orders ADD CONSTRAINT by_hand UNIQUE (name)");

        assertThat(plan(binding))
                .extracting(Change::summary)
                .containsExactly("refused on orders: column 'name' has"
                        + " a unique constraint in the table that the contract does not declare (removed in the contract, or"
                        + " added by hand); mark it unique in the contract, drop the constraint by hand, or publish it as"
                        + " contract version 2.0.0 to provision orders_v2 beside the current table");
    }

    @Test
    void hostileNamesAndTypesNeverReachSql() throws SQLException {
        String hostile = "x\"; DROP TABLE pg_catalog.pg_class; --";
        DataContract badColumn =
                Fixtures.withProperty(binding.contract(), "orders", Fixtures.property(hostile, "string"));
        DataContract badType = Fixtures.withProperty(
                binding.contract(),
                "orders",
                Fixtures.property("note", "string", "text); DROP TABLE x; --", false, null, null));

        MeshException column =
                catchThrowableOfType(MeshException.class, () -> plan(Fixtures.withContract(binding, badColumn)));
        MeshException type =
                catchThrowableOfType(MeshException.class, () -> plan(Fixtures.withContract(binding, badType)));
        MeshException role = catchThrowableOfType(
                MeshException.class,
                () -> plan(Fixtures.withAccess(binding, List.of(new AccessGrant("r; DROP ROLE postgres", "read")))));
        MeshException schemaName = catchThrowableOfType(
                MeshException.class,
                () -> adapter.inspect(Fixtures.binding(binding.contract(), pg.server("public; DROP SCHEMA x"))));

        assertThat(column.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
        assertThat(column.getMessage())
                .startsWith("Cannot use name 'x\"; DROP TABLE pg_catalog.pg_class; --' for column of table orders:");
        assertThat(type.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
        assertThat(type.getMessage()).contains("column orders.note", "is not a PostgreSQL type");
        assertThat(role.getMessage())
                .startsWith(
                        "Cannot use name 'r; DROP ROLE postgres' for role: it must be 1 to 63 letters, digits or '_'");
        assertThat(schemaName.getMessage()).startsWith("Cannot use name 'public; DROP SCHEMA x' for schema");
        assertThat(one("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'"))
                .as("nothing was created")
                .isEqualTo("0");
    }

    @Test
    void hostileTextIsStoredVerbatimAsAComment() throws SQLException {
        String text = "It's a \\'; DROP TABLE orders; -- \\x41 $$ E'";
        DataContract c = Fixtures.withProperty(
                binding.contract(),
                "orders",
                Fixtures.withDescription(Fixtures.propertyOf(binding.contract(), "orders", "amount"), text));

        deploy(Fixtures.withContract(binding, c));

        assertThat(one("SELECT col_description('" + schema + ".orders'::regclass, 3)"))
                .isEqualTo(text);
    }

    @Test
    void hostileServerSettingsNeverReachTheJdbcUrl() {
        PortBinding b = Fixtures.binding(
                binding.contract(),
                new Server(
                        "test",
                        "postgres",
                        null,
                        null,
                        Map.of("host", "localhost/postgres?socketFactory=evil&x=", "database", "postgres"),
                        List.of(),
                        Map.of()));

        assertThatThrownBy(() -> adapter.inspect(b)).isInstanceOfSatisfying(MeshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
            assertThat(e.getMessage()).contains("is not a host name");
        });
    }

    @Test
    void aConnectionKilledMidApplyLeavesNothingHalfVisibleAndARerunConverges() throws Exception {
        String first = pg.newRole("kill_a");
        String second = pg.newRole("kill_b");
        deploy(Fixtures.withAccess(binding, List.of(new AccessGrant(first, "read"))));
        PortBinding more =
                Fixtures.withAccess(binding, List.of(new AccessGrant(first, "read"), new AccessGrant(second, "read")));
        List<Change> changes = plan(more);
        assertThat(changes).extracting(Change::summary).containsExactly("grant read on orders to " + second);

        try (Connection blocker = pg.admin()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                // Lets the adapter read mesh.grants and run its GRANT, then makes it wait on recording the grant.
                s.execute("LOCK TABLE mesh.grants IN SHARE MODE");
            }
            CompletableFuture<Void> apply = CompletableFuture.runAsync(() -> adapter.apply(more, changes.get(0)));
            int killed = 0;
            for (int i = 0; i < 200 && killed == 0; i++) {
                Thread.sleep(25);
                killed = Integer.parseInt(one("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'mesh-sdk' AND wait_event_type = 'Lock'"
                        + " AND query LIKE 'INSERT INTO mesh.grants%'"));
            }
            assertThat(killed).as("backends killed while applying the grant").isEqualTo(1);
            Throwable failure = catchThrowableOfType(
                            java.util.concurrent.ExecutionException.class, () -> apply.get(30, TimeUnit.SECONDS))
                    .getCause();
            assertThat(failure).isInstanceOf(MeshException.class);
            assertThat(((MeshException) failure).code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            assertThat(failure.getMessage()).contains("nothing of this change was applied");
            blocker.rollback();
        }

        assertThat(one("SELECT has_table_privilege('" + second + "', '" + schema + ".orders', 'SELECT')"))
                .as("the GRANT of the killed transaction is not visible")
                .isEqualTo("f");
        List<Change> again = plan(more);
        assertThat(again).extracting(Change::summary).containsExactly("grant read on orders to " + second);
        for (Change c : again) adapter.apply(more, c);
        assertThat(plan(more)).isEmpty();
        try (Connection c = pg.as(second);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".orders")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void aStalePortStateIsRefusedWhenPlanning() {
        PortState seen = adapter.inspect(binding);
        deploy(binding);

        assertThatThrownBy(() -> adapter.plan(binding, seen))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_PLAN));
    }

    @Test
    void multipleDeploysOfTheSamePlanConverge() {
        List<Change> changes = new ArrayList<>(plan(binding));
        for (Change c : changes) adapter.apply(binding, c);
        for (Change c : changes) adapter.apply(binding, c);

        assertThat(plan(binding)).isEmpty();
    }

    @Test
    void aDroppedPrimaryKeyShowsAsDrift() {
        deploy(binding);
        pg.exec("ALTER TABLE " + schema + ".orders DROP CONSTRAINT orders_pkey");

        assertThat(plan(binding))
                .extracting(Change::summary)
                .containsExactly("refused on orders: the primary key is"
                        + " none in the table but the contract wants (id) (changed in the contract, or by hand); publish it as"
                        + " contract version 2.0.0 to provision orders_v2 beside the current table");
    }

    @Test
    void eachSchemaObjectIsATableOfThePort() throws SQLException {
        DataContract two = Fixtures.withSchema(
                binding.contract(),
                List.of(
                        Fixtures.ordersObject(),
                        Fixtures.object(
                                "order_lines",
                                List.of(
                                        Fixtures.property("line_id", "integer", null, true, null, null),
                                        Fixtures.property("sku", "string")))));
        PortBinding b = Fixtures.withContract(binding, two);

        List<Change> changes = deploy(b);
        PortState state = adapter.inspect(b);

        assertThat(changes)
                .filteredOn(c -> c instanceof Change.CreateTable)
                .extracting(Change::target)
                .containsExactly("orders", "order_lines");
        assertThat(state.facts()).containsEntry("order_lines", "line_id integer not null, sku text");
        assertThat(one("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'"))
                .isEqualTo("2");
    }

    @Test
    void storeFailuresNameThePortAndNeverTheSecret() {
        String secret = "s3cr3t-Pa55word";
        AdapterContext context = new AdapterContext(
                "dev", Path.of("."), Map.of(), id -> Optional.of(new Secrets.Credential("mesh", secret)), null, null);
        Map<String, Object> settings = new LinkedHashMap<>(binding.server().settings());
        settings.put("port", 1);
        PortBinding unreachable = Fixtures.binding(
                binding.contract(), new Server("test", "postgres", null, null, settings, List.of(), Map.of()));

        try (StorageAdapter a = new PostgresStorageAdapterFactory().create(context)) {
            MeshException e = catchThrowableOfType(MeshException.class, () -> a.inspect(unreachable));

            assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            assertThat(e.getMessage())
                    .startsWith("Cannot inspect port 'orders' at " + pg.host + ":1/" + pg.database + "/" + schema
                            + ": PostgreSQL said: [08001] ")
                    .doesNotContain(secret);
            assertThat(String.valueOf(e.getCause())).doesNotContain(secret);
        }
    }
}

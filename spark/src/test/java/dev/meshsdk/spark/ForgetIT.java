package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.ForgetResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.ErasureReceipt.Status;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link Mesh#forget} on real stores: Delta tables of the {@code local} adapter erased by this module's
 * {@link SparkDeltaEraser} (deletion vectors, then purged), a real PostgreSQL (embedded, stopped and started
 * again by the test), and the {@code file} registry keeping the receipts.
 *
 * <p>The mesh: {@code customers} (PostgreSQL) and {@code orders} (Delta, contract 1.x and, after a breaking
 * change, 2.0.0 beside it) mark {@code customer_id} as the subject key of type {@code customer};
 * {@code loyalty} (PostgreSQL) reads orders v1 and marks it too; {@code order-stats} (Delta) reads orders v2
 * and has a {@code customer_id} that is not marked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForgetIT {
    static final String S1 = "CUST-7f3a9e21";
    static final String S2 = "CUST-0b44d7c5";
    static final String S3 = "CUST-5e6f1a08";
    static final String HOSTILE = "1' OR '1'='1";
    static final String DROP = "x'; DROP TABLE shop.customers; --";
    static final String QUOTED = "\"quoted\" \\ 'single'";

    private final SparkSession spark = TestSpark.session();
    private Path base;
    private Path products;
    private RestartablePostgres pg;
    private final List<MeshEvent> events = new CopyOnWriteArrayList<>();

    // ---- the mesh ----------------------------------------------------------------------------------------

    private String pgServer() {
        return MeshProjects.postgresServer(pg.port(), "shop");
    }

    private static String localServer(String path) {
        return MeshProjects.localServer(path);
    }

    private static String key() {
        return "        customProperties:\n          - property: subjectKey\n            value: customer\n";
    }

    private void product(String id, String contract, String input, String inputVersion) throws IOException {
        MeshProjects.product(products, id, contract, input, inputVersion);
    }

    private static String contract(String id, String version, String servers, String table, String properties) {
        return MeshProjects.contract(id, version, servers, table, properties);
    }

    private String ordersContract(String version, boolean withNote) {
        return contract(
                "orders",
                version,
                localServer("data/orders"),
                "orders",
                """
                      - name: order_id
                        logicalType: integer
                        physicalType: bigint
                      - name: customer_id
                        logicalType: string
                """ + key() + """
                      - name: amount
                        logicalType: number
                        physicalType: decimal(12,2)
                """ + (withNote ? "      - name: note\n        logicalType: string\n" : ""));
    }

    private Mesh mesh(Map<String, String> config) {
        return Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .config(config)
                .secrets(pg.secrets(Secrets.none()))
                .listener(events::add)
                .user("dpo@example.com")
                .build();
    }

    private Mesh mesh() {
        return mesh(Map.of("mesh.local.erasure.purgeRetention", "PT0S"));
    }

    @BeforeAll
    void deployTheMesh() throws IOException {
        base = TestSpark.newDir("forget");
        products = base.resolve("src/main/mesh");
        pg = new RestartablePostgres(base.resolve("pgdata"));
        product("customers", contract("customers", "1.0.0", pgServer(), "customers", """
                      - name: customer_id
                        logicalType: string
                """ + key() + """
                      - name: segment
                        logicalType: string
                """), null, null);
        product("orders", ordersContract("1.0.0", true), null, null);
        product("loyalty", contract("loyalty", "1.0.0", pgServer(), "points", """
                      - name: customer_id
                        logicalType: string
                """ + key() + """
                      - name: points
                        logicalType: integer
                        physicalType: bigint
                """), "orders", "1.0.0");
        try (Mesh m = mesh()) {
            m.deploy(List.of(products.resolve("customers"), products.resolve("orders"), products.resolve("loyalty")));
            // a breaking change (a column dropped) under a new major version: v1 stays beside v2
            Files.writeString(
                    products.resolve("orders/contracts/orders-contract.yaml"), ordersContract("2.0.0", false));
            product(
                    "order-stats",
                    contract("order-stats", "1.0.0", localServer("data/order-stats"), "stats", """
                          - name: customer_id
                            logicalType: string
                          - name: orders
                            logicalType: integer
                            physicalType: bigint
                    """),
                    "orders",
                    "2.0.0");
            m.deploy(List.of(
                    products.resolve("customers"),
                    products.resolve("orders"),
                    products.resolve("loyalty"),
                    products.resolve("order-stats")));
        }
        String others = "('CUST-1', 'gold'), ('CUST-2', 'silver'), ";
        pg.exec(
                "INSERT INTO shop.customers VALUES " + others + "('" + S1 + "', 'gold'), ('" + S2 + "', 'bronze'),"
                        + " ('" + S3 + "', 'none'), ('" + HOSTILE.replace("'", "''") + "', 'odd'), ('"
                        + DROP.replace("'", "''") + "', 'odd'), ('" + QUOTED.replace("'", "''") + "', 'odd')",
                "INSERT INTO shop.points VALUES ('CUST-1', 10), ('" + S1 + "', 20), ('" + S2 + "', 30)");
        // three appends, three files, the subject in each
        for (int f = 0; f < 3; f++) {
            appendDelta(
                    "data/orders/orders",
                    List.of(
                            new Object[] {f * 10L + 1, S1, "10.00", "first"},
                            new Object[] {f * 10L + 2, "CUST-1", "20.00", null},
                            new Object[] {f * 10L + 3, "CUST-2", "5.00", "x"}));
        }
        appendDelta(
                "data/orders/orders",
                List.of(
                        new Object[] {100L, S2, "1.00", null},
                        new Object[] {101L, S3, "1.00", null},
                        new Object[] {102L, HOSTILE, "1.00", null},
                        new Object[] {103L, DROP, "1.00", null},
                        new Object[] {104L, QUOTED, "1.00", null}));
        appendDelta(
                "data/orders/orders_v2", List.of(new Object[] {1L, S1, "10.00"}, new Object[] {2L, "CUST-1", "3.00"}));
        appendDelta("data/orders/orders_v2", List.of(new Object[] {3L, S1, "12.00"}, new Object[] {4L, S2, "3.00"}));
        appendDelta("data/order-stats/stats", List.of(new Object[] {"CUST-1", 3L}, new Object[] {"CUST-2", 1L}));
    }

    @AfterAll
    void stopPostgres() {
        if (pg != null) pg.close();
    }

    /** Appends rows in the table's column order, typed as the table is. */
    private void appendDelta(String table, List<Object[]> rows) {
        String uri = base.resolve(table).toUri().toString();
        StructType schema = spark.read().format("delta").load(uri).schema();
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] typed = r.clone();
            for (int i = 0; i < typed.length; i++) {
                if (typed[i] instanceof String s
                        && schema.fields()[i].dataType() instanceof org.apache.spark.sql.types.DecimalType) {
                    typed[i] = new BigDecimal(s);
                }
            }
            list.add(RowFactory.create(typed));
        }
        spark.createDataFrame(list, schema)
                .coalesce(1)
                .write()
                .format("delta")
                .mode("append")
                .save(uri);
    }

    private long deltaRows(String table, String customer) {
        return spark.read()
                .format("delta")
                .load(base.resolve(table).toUri().toString())
                .where(org.apache.spark.sql.functions.col("customer_id").equalTo(customer))
                .count();
    }

    private long deltaRows(String table) {
        return spark.read()
                .format("delta")
                .load(base.resolve(table).toUri().toString())
                .count();
    }

    private long pgRows(String table, String customer) {
        return pg.count(
                "SELECT count(*) FROM shop." + table + " WHERE customer_id = '" + customer.replace("'", "''") + "'");
    }

    private static String label(ErasureReceipt r) {
        return r.productId() + "/" + r.port() + " v" + r.majorVersion();
    }

    // ---- the tests -----------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void forgetsTheSubjectEverywhereAndLeavesNoTraceOfTheValue() throws IOException {
        StringWriter logs = new StringWriter();
        ForgetResult result;
        try (Mesh m = mesh();
                AutoCloseable capture = captureLogs(logs)) {
            result = m.forget(S1, "customer");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        assertThat(result.complete()).as(result.summary()).isTrue();
        assertThat(result.receipts())
                .extracting(ForgetIT::label)
                .containsExactly(
                        "customers/customers v1", "loyalty/loyalty v1", "orders/orders v2", "orders/orders v1");
        assertThat(result.receipts()).extracting(ErasureReceipt::rowsDeleted).containsExactly(1L, 1L, 2L, 3L);
        assertThat(result.receipts()).allSatisfy(r -> assertThat(r.tables()).allSatisfy(t -> {
            assertThat(t.physicallyGone()).as("%s physically gone", t.table()).isTrue();
            assertThat(t.unrecoverableFrom())
                    .as("%s unrecoverable from", t.table())
                    .isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now());
            assertThat(t.version()).as("%s version", t.table()).isNotBlank();
        }));
        TableErasure ordersV1 = result.receipts().get(3).tables().get(0);
        assertThat(ordersV1.table()).endsWith("/data/orders/orders");
        assertThat(ordersV1.column()).isEqualTo("customer_id");
        assertThat(Long.parseLong(ordersV1.version()))
                .as("the Delta version after erase and purge")
                .isEqualTo(spark.sql("DESCRIBE HISTORY delta.`"
                                + base.resolve("data/orders/orders").toUri() + "`")
                        .selectExpr("max(version)")
                        .first()
                        .getLong(0));
        assertThat(result.receipts().get(0).tables().get(0)).satisfies(t -> {
            assertThat(t.table()).isEqualTo("shop.customers");
            assertThat(t.note()).contains("vacuumed: VACUUM");
        });
        assertThat(result.warnings())
                .singleElement()
                .satisfies(
                        w -> assertThat(w.message())
                                .startsWith(
                                        "Column 'stats.customer_id' of port 'order-stats' v1 of product 'order-stats' may hold the subject's data"));

        assertThat(deltaRows("data/orders/orders", S1)).isZero();
        assertThat(deltaRows("data/orders/orders")).isEqualTo(11);
        assertThat(deltaRows("data/orders/orders_v2", S1)).isZero();
        assertThat(deltaRows("data/orders/orders_v2")).isEqualTo(2);
        assertThat(pgRows("customers", S1)).isZero();
        assertThat(pg.count("SELECT count(*) FROM shop.customers")).isEqualTo(7);
        assertThat(pgRows("points", S1)).isZero();

        // time travel cannot bring the rows back: every older version either fails to read or lacks them
        String ordersUri = base.resolve("data/orders/orders").toUri().toString();
        long latest = spark.sql("DESCRIBE HISTORY delta.`" + ordersUri + "`")
                .selectExpr("max(version)")
                .first()
                .getLong(0);
        for (long v = 0; v < latest; v++) {
            long version = v;
            try {
                assertThat(spark.read()
                                .format("delta")
                                .option("versionAsOf", version)
                                .load(ordersUri)
                                .where("customer_id = '" + S1 + "'")
                                .count())
                        .as("version %d", version)
                        .isZero();
            } catch (Exception gone) {
                // the version's files were vacuumed: it cannot be read at all
            }
        }

        String everything = result + "\n" + result.summary() + "\n" + events + "\n" + logs;
        assertThat(everything).doesNotContain(S1);
        assertThat(logs.toString()).as("logs were captured").isNotEmpty();
        assertNowhere(S1);
    }

    @Test
    @Order(2)
    void aSecondRunDeletesNothingAndSaysSo() {
        ForgetResult again;
        try (Mesh m = mesh()) {
            again = m.forget(S1, "customer");
        }
        assertThat(again.rowsDeleted()).isZero();
        assertThat(again.complete()).isTrue();
        assertThat(again.receipts()).hasSize(4);
        assertThat(again.summary())
                .startsWith("Nothing to erase: subject ")
                .contains("has no rows in the 4 port(s)", "it was erased by request forget-");
        assertThat(again.earlier()).hasSize(8);
    }

    @Test
    @Order(3)
    void aStoreThatGoesAwayLeavesARecordAndARerunFinishes() {
        pg.stop();
        ForgetResult failed;
        try (Mesh m = mesh()) {
            failed = m.forget(S2, "customer");
        } finally {
            pg.start();
        }

        assertThat(failed.complete()).isFalse();
        assertThat(failed.receipts())
                .extracting(r -> label(r) + " " + r.status())
                .containsExactly(
                        "customers/customers v1 FAILED",
                        "loyalty/loyalty v1 FAILED",
                        "orders/orders v2 DONE",
                        "orders/orders v1 DONE");
        assertThat(failed.failed()).allSatisfy(r -> assertThat(r.message())
                .contains("localhost:" + pg.port())
                .doesNotContain(S2));
        assertThat(failed.summary())
                .contains("2 of 4 port(s) done (2 row(s) deleted), 2 failed", "run forget again to finish");
        assertThat(pgRows("customers", S2)).as("not erased yet").isEqualTo(1);

        ForgetResult rerun;
        try (Mesh m = mesh()) {
            rerun = m.forget(S2, "customer");
            assertThat(m.registry().erasures().receipts(rerun.subjectHash(), "dev"))
                    .extracting(ErasureReceipt::status)
                    .as("both runs on record")
                    .containsExactly(
                            Status.PENDING,
                            Status.PENDING,
                            Status.PENDING,
                            Status.PENDING,
                            Status.FAILED,
                            Status.FAILED,
                            Status.DONE,
                            Status.DONE,
                            Status.PENDING,
                            Status.PENDING,
                            Status.PENDING,
                            Status.PENDING,
                            Status.DONE,
                            Status.DONE,
                            Status.DONE,
                            Status.DONE);
        }
        assertThat(rerun.complete()).isTrue();
        assertThat(rerun.receipts()).extracting(ErasureReceipt::rowsDeleted).containsExactly(1L, 1L, 0L, 0L);
        assertThat(pgRows("customers", S2)).isZero();
        assertThat(pgRows("points", S2)).isZero();
        assertNowhere(S2);
    }

    @Test
    @Order(4)
    void anUnknownSubjectTypeListsTheKnownTypes() {
        try (Mesh m = mesh()) {
            MeshException e = catchThrowableOfType(MeshException.class, () -> m.forget(S3, "employee"));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage())
                    .isEqualTo("Cannot forget a subject of type 'employee': no product in 'dev' marks"
                            + " a subject key of that type; the types the mesh knows: [customer]");
            MeshException byDefault = catchThrowableOfType(MeshException.class, () -> m.forget(S3, null));
            assertThat(byDefault.getMessage())
                    .contains("the types the mesh knows: [customer] (no type given means"
                            + " 'default', what subjectKey: true marks)");
        }
        assertThat(pgRows("customers", S3)).as("nothing erased").isEqualTo(1);
    }

    @Test
    @Order(5)
    void aHostileValueErasesOnlyThatSubjectsRows() {
        long customers = pg.count("SELECT count(*) FROM shop.customers");
        long orders = deltaRows("data/orders/orders");
        try (Mesh m = mesh()) {
            for (String value : List.of(HOSTILE, DROP, QUOTED)) {
                ForgetResult r = m.forget(value, "customer");
                assertThat(r.complete()).as(r.summary()).isTrue();
                assertThat(r.rowsDeleted()).as("rows of %s", value).isEqualTo(2);
                assertThat(r.toString()).doesNotContain(value);
            }
        }
        assertThat(pg.count("SELECT count(*) FROM shop.customers")).isEqualTo(customers - 3);
        assertThat(pgRows("customers", "CUST-1")).isEqualTo(1);
        assertThat(deltaRows("data/orders/orders")).isEqualTo(orders - 3);
        assertThat(deltaRows("data/orders/orders", "CUST-1")).isEqualTo(3);
        assertNowhere(HOSTILE);
        assertNowhere(DROP);
    }

    @Test
    @Order(6)
    void withoutARetentionSettingTheTablesOwnRetentionIsTheHorizon() {
        Instant before = Instant.now();
        ForgetResult r;
        try (Mesh m = mesh(Map.of())) {
            r = m.forget(S3, "customer");
        }
        TableErasure delta = r.receipts().stream()
                .filter(x -> label(x).equals("orders/orders v1"))
                .findFirst()
                .orElseThrow()
                .tables()
                .get(0);
        assertThat(delta.rowsDeleted()).isEqualTo(1);
        assertThat(delta.physicallyGone()).as("the old files wait for VACUUM").isFalse();
        assertThat(delta.unrecoverableFrom())
                .as("the purge plus the table's 7-day deletedFileRetentionDuration")
                .isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));
        assertThat(delta.note()).contains("the old files stay for time travel until a VACUUM after");
        String uri = base.resolve("data/orders/orders").toUri().toString();
        long erased = spark.sql("DESCRIBE HISTORY delta.`" + uri + "`")
                .where("operation = 'DELETE'")
                .selectExpr("max(version)")
                .first()
                .getLong(0);
        assertThat(spark.read()
                        .format("delta")
                        .option("versionAsOf", erased - 1)
                        .load(uri)
                        .where("customer_id = '" + S3 + "'")
                        .count())
                .as("time travel still reads them before the horizon")
                .isEqualTo(1);
    }

    @Test
    @Order(7)
    void runFromAnotherProjectTheLocalPortsFailInsteadOfClaimingNothingWasThere() throws IOException {
        // another team's project shares the registry; the local store's relative path resolves into its folder
        Path elsewhere = Files.createDirectories(base.resolve("other-project"));
        String subject = "CUST-9d1c3b77";
        ForgetResult r;
        try (Mesh m = Mesh.builder()
                .baseDirectory(elsewhere)
                .environment("dev")
                .config(Map.of(
                        "mesh.local.erasure.purgeRetention",
                        "PT0S",
                        "mesh.registry.file.root",
                        base.resolve(".mesh/registry").toString()))
                .secrets(pg.secrets(Secrets.none()))
                .user("dpo@example.com")
                .build()) {
            r = m.forget(subject, "customer");
        }
        assertThat(r.complete()).isFalse();
        assertThat(r.receipts())
                .filteredOn(x -> label(x).startsWith("orders/"))
                .isNotEmpty()
                .allSatisfy(x -> {
                    assertThat(x.status()).isEqualTo(Status.FAILED);
                    assertThat(x.message())
                            .contains(
                                    "there is no Delta table at ",
                                    elsewhere + "/data/orders/orders",
                                    "run mesh:forget in the project that deploys the port")
                            .doesNotContain(subject);
                });
        assertThat(r.receipts())
                .filteredOn(x -> !label(x).startsWith("orders/"))
                .extracting(ErasureReceipt::status)
                .containsOnly(Status.DONE);
    }

    // ---- where the value must not be --------------------------------------------------------------------------

    /**
     * The value is in no file of the Delta tables (data files read as Parquet, the log, checksums, deletion
     * vectors and the audit lines read as bytes), no file of the file registry, and no PostgreSQL table file nor
     * row of the audit table.
     */
    private void assertNowhere(String value) throws RuntimeException {
        byte[] needle = value.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(base.resolve("data")), Files.walk(base.resolve(".mesh")))) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(files).as("files searched").hasSizeGreaterThan(20);
        for (Path f : files) {
            if (f.toString().endsWith(".parquet")) {
                String rows = String.join(
                        "\n", spark.read().parquet(f.toString()).toJSON().collectAsList());
                assertThat(rows).as("rows of %s", f).doesNotContain(value);
            } else {
                assertThat(indexOf(read(f), needle)).as("bytes of %s", f).isEqualTo(-1);
            }
        }
        for (String table : List.of("shop.customers", "shop.points")) {
            assertThat(indexOf(read(pg.relationFile(table)), needle))
                    .as("the file of %s", table)
                    .isEqualTo(-1);
        }
        assertThat(pg.count("SELECT count(*) FROM mesh.erasures e WHERE strpos(e::text, '" + value.replace("'", "''")
                        + "') > 0"))
                .as("the store's audit rows")
                .isZero();
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Everything logged (at INFO and above) until closed, Spark's and Delta's logs included. */
    private static AutoCloseable captureLogs(StringWriter into) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        var config = ctx.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder()
                .setName("forget-it")
                .setTarget(into)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n").build())
                .build();
        appender.start();
        Level previous = config.getRootLogger().getLevel();
        config.getRootLogger().addAppender(appender, Level.INFO, null);
        config.getRootLogger().setLevel(Level.INFO);
        ctx.updateLoggers();
        return () -> {
            config.getRootLogger().removeAppender("forget-it");
            config.getRootLogger().setLevel(previous);
            ctx.updateLoggers();
            appender.stop();
        };
    }
}

package dev.meshsdk.benchmarks.jdbc;

import dev.meshsdk.Mesh;
import dev.meshsdk.PublishReport;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Server;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.storage.postgres.PostgresPublisher;
import dev.meshsdk.storage.postgres.PostgresQualityEngineFactory;
import dev.meshsdk.storage.postgres.PostgresStorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * The PostgreSQL benchmarks of issue 3, side by side in one run against an embedded PostgreSQL
 * (io.zonky.test) that the benchmark starts itself:
 *
 * <ol>
 *   <li>publishing N rows (default 1,000,000) through the SDK's write-audit-publish path
 *       ({@link PostgresPublisher}: COPY into the table inside a transaction, quality rules on the new rows, commit), with the contract's
 *       8 rules and with none, and through {@code Mesh.publish} from a CSV file (the command: the port bound from
 *       the file registry's catalog, the header matched by name, the default policy engine judging a sample of the
 *       candidate rows before the commit, the publish recorded in the quality history),
 *       vs. raw pgjdbc {@code CopyManager} into the table (from the text in memory and from the same file) vs. JDBC
 *       batch inserts with {@code reWriteBatchedInserts=true}; goal: SDK at least 0.9x raw COPY;</li>
 *   <li>the {@code postgres} quality engine computing 8 metrics on an N-row table vs. one hand-written
 *       aggregate query computing the same values (checked equal); goal: at most 1.2x.</li>
 * </ol>
 *
 * Every variant runs {@code runs} times (default 3) in rotated order, each publish into a fresh table; the
 * median is reported. Nothing here asserts a time. Arguments: {@code [rows] [runs]} (runs also from system
 * property {@code bench.runs}, which the {@code bench} profile passes on).
 */
public final class JdbcBenchmark {
    private final EmbeddedPostgres pg;
    private final String url;
    private final AdapterContext context;

    private JdbcBenchmark(EmbeddedPostgres pg) {
        this.pg = pg;
        this.url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        Secrets secrets =
                id -> "bench".equals(id) ? Optional.of(new Secrets.Credential("postgres", null)) : Optional.empty();
        this.context = new AdapterContext("dev", Path.of("."), Map.of(), secrets, null, null);
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : Integer.getInteger("bench.runs", 3);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            JdbcBenchmark bench = new JdbcBenchmark(pg);
            bench.describeServer();
            long t0 = System.nanoTime();
            BenchData data = new BenchData(rows);
            System.out.printf(
                    "generated %,d rows (%.1f MB of CSV) in %.1f s%n",
                    rows, data.csv.length() / 1e6, (System.nanoTime() - t0) / 1e9);
            bench.publishing(data, runs);
            bench.quality(data, Math.max(runs, 5));
        }
    }

    private void describeServer() throws SQLException {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            StringBuilder b = new StringBuilder();
            for (String setting : List.of(
                    "server_version",
                    "shared_buffers",
                    "temp_buffers",
                    "work_mem",
                    "fsync",
                    "synchronous_commit",
                    "max_wal_size")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    b.append(setting).append('=').append(rs.getString(1)).append(' ');
                }
            }
            System.out.println("embedded PostgreSQL: " + b.toString().strip());
            System.out.printf(
                    "JVM: %s, %d processors, max heap %d MB%n",
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    // ---- 1. publishing --------------------------------------------------------------------------

    private interface Load {
        void run(PortBinding port, String schema) throws Exception;
    }

    private void publishing(BenchData data, int runs) throws Exception {
        PortBinding withRules = binding(eightRules(), "bench_pub");
        PortBinding noRules = binding(Map.of(), "bench_pub");
        PostgresPublisher publisher = new PostgresPublisher(context);
        Path work = Files.createTempDirectory("mesh-jdbc-bench");
        Path csv = work.resolve("orders.csv");
        Files.writeString(csv, data.csv);
        MeshProducts products = new MeshProducts(work);
        Map<String, Load> loads = new LinkedHashMap<>();
        loads.put("raw CopyManager COPY", (port, schema) -> rawCopy(data, schema));
        loads.put("raw CopyManager COPY from the file", (port, schema) -> rawCopy(csv, schema));
        loads.put("Mesh.publish(orders.csv) REPLACE, no rules", (port, schema) -> products.publish(schema, csv, 0));
        loads.put("Mesh.publish(orders.csv) REPLACE, 8 rules", (port, schema) -> products.publish(schema, csv, 8));
        loads.put(
                "SDK publish REPLACE, no rules",
                (port, schema) -> publisher.publish(
                        port, BenchData.OBJECT, new StringReader(data.csv), PostgresPublisher.Mode.REPLACE));
        loads.put(
                "SDK publish APPEND, no rules",
                (port, schema) -> publisher.publish(
                        port, BenchData.OBJECT, new StringReader(data.csv), PostgresPublisher.Mode.APPEND));
        loads.put("SDK publish REPLACE, 8 rules", (port, schema) -> {
            PostgresPublisher.PublishResult r = publisher.publish(
                    port, BenchData.OBJECT, new StringReader(data.csv), PostgresPublisher.Mode.REPLACE);
            if (r.results().size() != 8 || r.results().stream().anyMatch(QualityResult::blocks)) {
                throw new IllegalStateException("unexpected rule results: " + r.results());
            }
        });
        loads.put("SDK publish APPEND, 8 rules", (port, schema) -> {
            PostgresPublisher.PublishResult r = publisher.publish(
                    port, BenchData.OBJECT, new StringReader(data.csv), PostgresPublisher.Mode.APPEND);
            if (r.results().size() != 8 || r.results().stream().anyMatch(QualityResult::blocks)) {
                throw new IllegalStateException("unexpected rule results: " + r.results());
            }
        });
        loads.put("JDBC batch, reWriteBatchedInserts", (port, schema) -> batch(data, schema));
        List<String> names = new ArrayList<>(loads.keySet());
        Map<String, long[]> times = new LinkedHashMap<>();
        for (String n : names) times.put(n, new long[runs]);
        for (int run = 0; run < runs; run++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + run) % names.size());
                boolean viaMesh = name.startsWith("Mesh.publish");
                String schema = viaMesh
                        ? products.schema(name.endsWith("8 rules") ? 8 : 0)
                        : "bench_" + run + "_" + ((k + run) % names.size());
                PortBinding port = name.endsWith("8 rules") ? withRules : noRules;
                port = Fixtures.binding(port.contract(), server(schema));
                if (viaMesh) exec("TRUNCATE " + schema + ".orders");
                else provision(port);
                checkpoint();
                long t0 = System.nanoTime();
                loads.get(name).run(port, schema);
                times.get(name)[run] = System.nanoTime() - t0;
                long count = count(schema);
                if (count != data.rows) {
                    throw new IllegalStateException(name + " left " + count + " rows, not " + data.rows);
                }
                if (!viaMesh) exec("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        products.close();
        System.out.printf(
                "%n== publish %,d rows into PostgreSQL (median of %d runs; each run in rotated order) ==%n",
                data.rows, runs);
        double copy = median(times.get("raw CopyManager COPY"));
        for (String n : names) {
            double t = median(times.get(n));
            System.out.printf(
                    "%-36s %8.0f ms  %,10.0f rows/s  %.2fx raw COPY's rate   runs %s%n",
                    n, t / 1e6, data.rows / (t / 1e9), copy / t, millis(times.get(n)));
        }
        double meshNoRules = median(times.get("Mesh.publish(orders.csv) REPLACE, no rules"));
        System.out.printf(
                "Mesh.publish from the CSV file, no rules: %.2fx raw COPY's rate (in memory), %.2fx raw COPY"
                        + " from the same file%n",
                copy / meshNoRules, median(times.get("raw CopyManager COPY from the file")) / meshNoRules);
        System.out.println("goal: SDK publish at least 0.90x raw COPY's rate. Both modes copy into the table inside the"
                + " publishing transaction (REPLACE deletes the old rows first; the Mesh.publish tables are emptied"
                + " before each run, outside the timing, like the fresh tables of the other variants); '8 rules' adds"
                + " the audit, one aggregate query over the new rows (see the quality figures; APPEND's rules judge the"
                + " table with the new rows, here a fresh, empty table); Mesh.publish also samples"
                + " up to 10,000 of the new rows inside the transaction for the policies (TABLESAMPLE BERNOULLI)");
    }

    private void rawCopy(Path csv, String schema) throws Exception {
        try (Connection c = admin();
                InputStream in = Files.newInputStream(csv)) {
            c.setAutoCommit(false);
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + schema + ".orders FROM STDIN WITH" + " (FORMAT csv, HEADER true)", in);
            c.commit();
        }
    }

    /**
     * Two products deployed from YAML to the benchmark's server with the file registry, one port each: without
     * rules and with the 8 rules of {@link #eightRules()}; {@code Mesh.publish} loads the CSV file into them. Their
     * contracts satisfy the default policy pack (roles, SLA, the e-mail column classified with a subject key), so
     * that the policies, which sample each publish's candidate rows, allow the publishes.
     */
    private final class MeshProducts implements AutoCloseable {
        private static final String READER = "bench_reader";
        private final Mesh mesh;

        MeshProducts(Path work) throws IOException, SQLException {
            Secrets secrets =
                    id -> "bench".equals(id) ? Optional.of(new Secrets.Credential("postgres", null)) : Optional.empty();
            // the default policy engine: each publish samples its candidate rows for the policies, as a user's does
            mesh = Mesh.builder()
                    .baseDirectory(work)
                    .environment("dev")
                    .secrets(secrets)
                    .build();
            exec("CREATE ROLE " + READER);
            List<Path> dirs = List.of(write(work, 0), write(work, 8));
            mesh.deploy(dirs);
        }

        String schema(int rules) {
            return "bench_mesh_" + rules;
        }

        void publish(String schema, Path csv, int rules) {
            PublishReport r = mesh.publish("bench-" + rules, "orders", csv, PublishRequest.Mode.REPLACE);
            if (r.results().size() != rules || r.results().stream().anyMatch(QualityResult::blocks)) {
                throw new IllegalStateException("unexpected rule results: " + r.results());
            }
        }

        private Path write(Path work, int rules) throws IOException {
            Path dir = work.resolve("bench-" + rules);
            Files.createDirectories(dir.resolve("contracts"));
            Files.writeString(dir.resolve("product.yaml"), """
                    apiVersion: v1.0.0
                    kind: DataProduct
                    id: bench-%1$d
                    name: bench-%1$d
                    version: 1.0.0
                    status: active
                    domain: bench
                    team:
                      name: bench-team
                    description:
                      purpose: Publish benchmark
                    outputPorts:
                      - name: orders
                        version: 1.0.0
                        contractId: bench-%1$d
                    """.formatted(rules));
            String max = "mustBeLessThan: " + Integer.MAX_VALUE;
            Map<String, String> q = rules == 0
                    ? Map.of()
                    : Map.of(
                            "id", "- metric: duplicateValues\n  mustBe: 0\n- metric: rowCount\n  mustBeGreaterThan: 0",
                            "name",
                                    "- metric: nullValues\n  " + max + "\n- metric: missingValues\n  arguments:\n"
                                            + "    missingValues: ['', 'n/a']\n  " + max,
                            "amount", "- metric: nullValues\n  " + max,
                            "status",
                                    "- metric: invalidValues\n  arguments:\n    validValues: [open, shipped, cancelled]\n  "
                                            + max,
                            "email",
                                    "- metric: invalidValues\n  arguments:\n    pattern: '" + BenchData.EMAIL_PATTERN
                                            + "'\n  " + max + "\n- metric: duplicateValues\n  " + max
                                            + "\n  severity: warning");
            StringBuilder props = new StringBuilder();
            for (String[] p : List.of(
                    new String[] {"id", "integer", "bigint"},
                    new String[] {"name", "string", null},
                    new String[] {"amount", "number", "numeric(12,2)"},
                    new String[] {"status", "string", null},
                    new String[] {"email", "string", null})) {
                props.append("      - name: ")
                        .append(p[0])
                        .append("\n        logicalType: ")
                        .append(p[1])
                        .append('\n');
                if (p[2] != null)
                    props.append("        physicalType: ").append(p[2]).append('\n');
                if (p[0].equals("id")) props.append("        primaryKey: true\n        required: true\n");
                if (p[0].equals("email")) {
                    // personal data, classified: the policies allow it, so the publish goes on after the sample
                    props.append("        classification: pii\n        customProperties:\n"
                            + "          - property: subjectKey\n            value: true\n");
                }
                if (q.containsKey(p[0])) {
                    props.append("        quality:\n");
                    for (String line : q.get(p[0]).split("\n"))
                        props.append("          ").append(line).append('\n');
                }
            }
            Files.writeString(dir.resolve("contracts/bench-" + rules + ".yaml"), """
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: bench-%d
                    version: 1.0.0
                    status: active
                    servers:
                      - server: bench
                        type: postgres
                        environment: dev
                        host: localhost
                        port: %d
                        database: postgres
                        schema: %s
                    roles:
                      - role: %s
                        access: read
                    slaProperties:
                      - property: retention
                        value: 1
                        unit: y
                      - property: frequency
                        value: 1
                        unit: d
                    schema:
                      - name: orders
                        physicalType: table
                        properties:
                    %s""".formatted(
                            rules, pg.getPort(), schema(rules), READER, props));
            return dir;
        }

        @Override
        public void close() {
            mesh.close();
        }
    }

    private void rawCopy(BenchData data, String schema) throws Exception {
        try (Connection c = admin()) {
            c.setAutoCommit(false);
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY " + schema + ".orders FROM STDIN WITH" + " (FORMAT csv, HEADER true)",
                            new StringReader(data.csv));
            c.commit();
        }
    }

    private void batch(BenchData data, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + "?reWriteBatchedInserts=true", "postgres", null)) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO " + schema + ".orders (id, name, amount, status, email) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < data.rows; i++) {
                    s.setLong(1, data.id[i]);
                    s.setString(2, data.name[i]);
                    if (data.amount[i] == null) s.setNull(3, Types.NUMERIC);
                    else s.setBigDecimal(3, data.amount[i]);
                    s.setString(4, data.status[i]);
                    s.setString(5, data.email[i]);
                    s.addBatch();
                    if ((i + 1) % 1000 == 0) s.executeBatch();
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    // ---- 2. quality pushdown --------------------------------------------------------------------

    private void quality(BenchData data, int runs) throws Exception {
        PortBinding port =
                Fixtures.binding(binding(eightRules(), "bench_quality").contract(), server("bench_quality"));
        provision(port);
        rawCopy(data, "bench_quality");
        exec("VACUUM ANALYZE bench_quality.orders");
        List<ScopedRule> rules = ScopedRules.of(port.contract());
        String hand = "SELECT count(id) - count(DISTINCT id), count(*), count(*) - count(name),"
                + " count(*) FILTER (WHERE name IS NULL OR name IN ('', 'n/a')), count(*) - count(amount),"
                + " count(*) FILTER (WHERE status NOT IN ('open', 'shipped', 'cancelled')),"
                + " count(*) FILTER (WHERE email !~ '" + BenchData.EMAIL_PATTERN + "'),"
                + " count(email) - count(DISTINCT email) FROM bench_quality.orders";
        long[] sdk = new long[runs];
        long[] raw = new long[runs];
        List<BigDecimal> sdkValues = null;
        List<BigDecimal> rawValues = null;
        try (QualityEngine engine = new PostgresQualityEngineFactory().create(context)) {
            sdkValues = measured(engine.evaluate(port, rules)); // warm-up, both
            rawValues = handWritten(hand);
            for (int run = 0; run < runs; run++) {
                for (int k = 0; k < 2; k++) {
                    long t0 = System.nanoTime();
                    if ((k + run) % 2 == 0) sdkValues = measured(engine.evaluate(port, rules));
                    else rawValues = handWritten(hand);
                    ((k + run) % 2 == 0 ? sdk : raw)[run] = System.nanoTime() - t0;
                }
            }
        }
        System.out.printf(
                "%n== quality pushdown: 8 metrics on a %,d-row table (median of %d runs) ==%n", data.rows, runs);
        System.out.println("rules: "
                + rules.stream()
                        .map(r -> r.rule().metric() + "(" + r.property() + ")")
                        .toList());
        System.out.println("values, SDK:          " + sdkValues);
        System.out.println("values, hand-written: " + rawValues);
        if (!sdkValues.equals(rawValues)) {
            throw new IllegalStateException("the SDK and the hand-written query disagree");
        }
        double s = median(sdk);
        double r = median(raw);
        System.out.printf("%-36s %8.0f ms  runs %s%n", "SDK quality engine (8 rules)", s / 1e6, millis(sdk));
        System.out.printf("%-36s %8.0f ms  runs %s%n", "hand-written aggregate query", r / 1e6, millis(raw));
        System.out.printf("SDK / hand-written: %.2fx (goal: at most 1.20x)%n", s / r);
        exec("DROP SCHEMA bench_quality CASCADE");
    }

    private static List<BigDecimal> measured(List<QualityResult> results) {
        for (QualityResult r : results) {
            if (r.status() == QualityResult.Status.ERROR) throw new IllegalStateException(r.message());
        }
        return results.stream().map(QualityResult::measured).toList();
    }

    private List<BigDecimal> handWritten(String sql) throws SQLException {
        try (Connection c = admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            List<BigDecimal> out = new ArrayList<>();
            for (int i = 1; i <= 8; i++) out.add(rs.getBigDecimal(i));
            return out;
        }
    }

    // ---- set-up ---------------------------------------------------------------------------------

    /** The 8 rules, in the contract's order (property by property), loose enough that the data passes. */
    private static Map<String, List<QualityRule>> eightRules() {
        Map<String, List<QualityRule>> rules = new LinkedHashMap<>();
        rules.put(
                "id",
                List.of(
                        BenchData.rule("duplicateValues", Map.of(), "mustBe", 0, null),
                        BenchData.rule("rowCount", Map.of(), "mustBeGreaterThan", 0, null)));
        rules.put(
                "name",
                List.of(
                        BenchData.rule("nullValues", Map.of(), "mustBeLessThan", Integer.MAX_VALUE, null),
                        BenchData.rule(
                                "missingValues",
                                Map.of("missingValues", List.of("", "n/a")),
                                "mustBeLessThan",
                                Integer.MAX_VALUE,
                                null)));
        rules.put("amount", List.of(BenchData.rule("nullValues", Map.of(), "mustBeLessThan", Integer.MAX_VALUE, null)));
        rules.put(
                "status",
                List.of(BenchData.rule(
                        "invalidValues",
                        Map.of("validValues", BenchData.STATUSES),
                        "mustBeLessThan",
                        Integer.MAX_VALUE,
                        null)));
        rules.put(
                "email",
                List.of(
                        BenchData.rule(
                                "invalidValues",
                                Map.of("pattern", BenchData.EMAIL_PATTERN),
                                "mustBeLessThan",
                                Integer.MAX_VALUE,
                                null),
                        BenchData.rule("duplicateValues", Map.of(), "mustBeLessThan", Integer.MAX_VALUE, "warning")));
        return rules;
    }

    private PortBinding binding(Map<String, List<QualityRule>> rules, String schema) {
        DataContract c = Fixtures.contract(Fixtures.CONTRACT_ID, "1.0.0", List.of(), List.of(BenchData.object(rules)));
        return Fixtures.binding(c, server(schema));
    }

    private Server server(String schema) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "localhost");
        settings.put("port", pg.getPort());
        settings.put("database", "postgres");
        settings.put("schema", schema);
        return new Server(
                "bench",
                "postgres",
                null,
                null,
                settings,
                List.of(new CustomProperty("credentialsId", "bench", null)),
                Map.of());
    }

    private void provision(PortBinding port) {
        try (StorageAdapter adapter = new PostgresStorageAdapterFactory().create(context)) {
            for (Change ch : adapter.plan(port, adapter.inspect(port))) adapter.apply(port, ch);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(url, "postgres", null);
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void checkpoint() throws SQLException {
        exec("CHECKPOINT");
    }

    private long count(String schema) throws SQLException {
        try (Connection c = admin();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(long[] runs) {
        long[] sorted = runs.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static String millis(long[] runs) {
        return Arrays.toString(Arrays.stream(runs).map(t -> t / 1_000_000).toArray());
    }
}

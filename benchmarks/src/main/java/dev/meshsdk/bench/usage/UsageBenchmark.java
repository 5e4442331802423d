package dev.meshsdk.bench.usage;

import dev.meshsdk.Mesh;
import dev.meshsdk.UsageCollectResult;
import dev.meshsdk.UsageReport;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.registry.UsageDay;
import dev.meshsdk.spi.registry.UsageHistory;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageObservation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Issue 14's performance goals, side by side for the {@code file} and {@code postgres} registries in one run, on
 * one embedded PostgreSQL with {@code pg_stat_statements} preloaded:
 *
 * <ol>
 *   <li>usage collection ({@link Mesh#collectUsage}, what {@code mesh:usage-collect} runs) for a mesh of 5,000
 *       products of one port each, every table in one database ({@link UsageMesh}): the first collection (the
 *       baseline) and a second one after three roles read a known subset of the tables ({@link ReadWorkload});
 *       goal 30 s each. The reads counted and the day rows kept for a sample of ports are checked;</li>
 *   <li>the unused report ({@link Mesh#usage}, what {@code mesh:usage} runs) for the 5,000 products after 90 days
 *       of daily buckets recorded through the registry's usage history ({@link UsageHistory#record}), with
 *       N = 30 and N = 90 days, on a freshly opened registry and warm; goal 2 s. The unused counts are checked.</li>
 * </ol>
 * The file registry runs first, in a colder JVM. Argument: {@code [products]}. Nothing here asserts a time; a
 * wrong count fails the run.
 */
public final class UsageBenchmark {
    private static final String ENV = "dev";
    private static final String REPORT_ENV = "report";
    private static final LocalDate REPORT_DAY = LocalDate.parse("2026-12-01");
    private static final int WARM_RUNS = 5;

    private UsageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 5000;
        Path work = Files.createTempDirectory("mesh-usage-bench");
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.max", "10000")
                        .start();
                Connection admin = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", null)) {
            Secrets secrets = id -> Optional.of(new Secrets.Credential("postgres", null));
            Map<String, Map<String, String>> registries = new LinkedHashMap<>();
            registries.put(
                    "file",
                    Map.of("mesh.registry.file.root", work.resolve("registry").toString()));
            registries.put(
                    "postgres",
                    Map.of(
                            "mesh.registry.postgres.host",
                            "localhost",
                            "mesh.registry.postgres.port",
                            String.valueOf(pg.getPort()),
                            "mesh.registry.postgres.database",
                            "postgres",
                            "mesh.registry.postgres.schema",
                            "mesh_registry"));
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            long t = System.nanoTime();
            UsageMesh mesh;
            try (Mesh m = open(work, "file", registries.get("file"), secrets, ENV, Clock.systemUTC())) {
                mesh = UsageMesh.deploy(m, work, "localhost", pg.getPort(), size, admin);
            }
            ReadWorkload reads = ReadWorkload.create(admin, pg.getPort(), size);
            System.out.printf("created %,d tables in one database in %.1f s%n", size, (System.nanoTime() - t) / 1e9);
            for (var r : registries.entrySet()) {
                Map<String, Double> f = new LinkedHashMap<>();
                Map<String, Long> c = new LinkedHashMap<>();
                collect(work, r.getKey(), r.getValue(), secrets, mesh, reads, f, c);
                report(work, r.getKey(), r.getValue(), secrets, mesh, f, c);
                figures.put(r.getKey(), f);
                counts.put(r.getKey(), c);
            }
            try (Statement s = admin.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
                rs.next();
                System.out.printf("pg_stat_statements rows at the end: %,d%n", rs.getLong(1));
            }
        }
        print(size, figures, counts);
    }

    /** Two collections with the reads of {@code reads} between them; checks what was counted and kept. */
    private static void collect(
            Path work,
            String registry,
            Map<String, String> config,
            Secrets secrets,
            UsageMesh mesh,
            ReadWorkload reads,
            Map<String, Double> f,
            Map<String, Long> c)
            throws Exception {
        try (Mesh m = open(work, registry, config, secrets, ENV, Clock.systemUTC())) {
            f.put("register the products (setup, s)", seconds(() -> {
                mesh.register(m.registry(), ENV, Instant.now());
                return null;
            }));
        }
        try (Mesh m = open(work, registry, config, secrets, ENV, Clock.systemUTC())) {
            UsageCollectResult[] first = new UsageCollectResult[1];
            f.put("collection 1, baseline (s)", seconds(() -> first[0] = m.collectUsage()));
            check(first[0], mesh.size, 0);
            reads.run();
            UsageCollectResult[] second = new UsageCollectResult[1];
            f.put("collection 2, after reads (s)", seconds(() -> second[0] = m.collectUsage()));
            check(second[0], mesh.size, reads.total());
            c.put("ports observed", (long) second[0].portsObserved());
            c.put("reads counted by collection 2", second[0].reads());
            LocalDate day = LocalDate.ofInstant(second[0].collectedAt(), ZoneOffset.UTC);
            for (int i : reads.sample()) {
                List<UsageDay> days = m.registry().usage().days(ENV, UsageMesh.productId(i), day, day);
                if (days.size() != 1
                        || days.get(0).reads() != reads.expected(i)
                        || !days.get(0).readers().equals(reads.readers(i))) {
                    throw new IllegalStateException(registry + ": the day row of " + UsageMesh.productId(i)
                            + " should have " + reads.expected(i) + " read(s) by " + reads.readers(i) + ": " + days);
                }
            }
            c.put("sampled ports checked", (long) reads.sample().size());
        }
    }

    /** 90 days of buckets for every product, then the unused report with N = 30 and N = 90. */
    private static void report(
            Path work,
            String registry,
            Map<String, String> config,
            Secrets secrets,
            UsageMesh mesh,
            Map<String, Double> f,
            Map<String, Long> c)
            throws Exception {
        Clock clock = Clock.fixed(REPORT_DAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        try (Mesh m = open(work, registry, config, secrets, REPORT_ENV, clock)) {
            f.put("register in 2nd env (setup, s)", seconds(() -> {
                // deployed before the 90 days of history: a port deployed within the unused window is new, not
                // unused, and the report would call none unused
                mesh.register(
                        m.registry(),
                        REPORT_ENV,
                        REPORT_DAY.minusDays(100).atStartOfDay().toInstant(ZoneOffset.UTC));
                return null;
            }));
            f.put(
                    "fill 90 days of each (setup, s)",
                    seconds(() -> fill(m.registry().usage(), mesh)));
            long rows = 0;
            for (int i = 0; i < mesh.size; i += 97) {
                rows += m.registry()
                        .usage()
                        .days(REPORT_ENV, UsageMesh.productId(i), REPORT_DAY.minusDays(89), REPORT_DAY)
                        .size();
            }
            long sampled = (mesh.size + 96) / 97;
            if (rows != sampled * 90) {
                throw new IllegalStateException(registry + ": expected 90 day rows for each of " + sampled
                        + " sampled products, found " + rows + " in all");
            }
            c.put("day rows (90 per product)", 90L * mesh.size);
        }
        for (int n : new int[] {30, 90}) {
            long expected = java.util.stream.IntStream.range(0, mesh.size)
                    .filter(i -> n == 30 ? i % 3 != 2 : i % 3 == 0)
                    .count();
            Supplier<Object> run;
            try (Mesh m = open(work, registry, config, secrets, REPORT_ENV, clock)) {
                run = () -> checkReport(m.usage(n), mesh.size, expected, n);
                f.put("unused N=" + n + ", first call (s)", timed(run));
                f.put("unused N=" + n + ", warm median (s)", median(run));
            }
            c.put("unused ports N=" + n, expected);
        }
    }

    /**
     * Product i: i % 3 == 0 never read; == 1 read once 60 days before the report day; == 2 read on each of the
     * last 7 days. Two collections of every product, each recorded in one call as a collection records them: a
     * baseline 89 days before (no row: a first collection observes no day) and one on the report day with the read
     * events and the table's size (the days from the baseline's on are recorded as zero by the rollup).
     */
    private static Object fill(UsageHistory history, UsageMesh mesh) {
        Instant start = REPORT_DAY.minusDays(89).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant end = REPORT_DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
        List<UsageUpdate> baseline = new ArrayList<>();
        List<UsageUpdate> today = new ArrayList<>();
        for (int n = 0; n < mesh.size; n++) {
            String id = UsageMesh.productId(n);
            String port = UsageMesh.port(n);
            String address = mesh.address(n);
            List<UsageObservation> seen = new ArrayList<>();
            if (n % 3 == 1) seen.add(event(address, "old-reader", REPORT_DAY.minusDays(60)));
            if (n % 3 == 2) {
                for (int k = 0; k < 7; k++) seen.add(event(address, "reader-" + n % 7, REPORT_DAY.minusDays(k)));
            }
            seen.add(new UsageObservation.TableSize(address, 8192L * (1 + n % 50)));
            baseline.add(new UsageUpdate(
                    REPORT_ENV, id, start, Map.of(address, port), Set.of(port), Set.of("bench"), List.of()));
            today.add(new UsageUpdate(REPORT_ENV, id, end, Map.of(address, port), Set.of(port), Set.of("bench"), seen));
        }
        history.record(baseline);
        history.record(today);
        return null;
    }

    private static UsageObservation event(String address, String reader, LocalDate day) {
        return new UsageObservation.ReadEvent(
                address, "bench", reader, "bench", day.atTime(10, 0).toInstant(ZoneOffset.UTC));
    }

    private static void check(UsageCollectResult r, int size, long reads) {
        if (!r.warnings().isEmpty()
                || r.portsObserved() != size
                || r.reads() != reads
                || !r.unobserved().isEmpty()) {
            throw new IllegalStateException("expected " + size + " ports observed and " + reads + " read(s) counted,"
                    + " without warnings: " + r.summary() + " " + r.warnings());
        }
    }

    private static Object checkReport(UsageReport report, int size, long unused, int days) {
        if (report.ports().size() != size
                || report.unused().size() != unused
                || !report.unobserved().isEmpty()) {
            throw new IllegalStateException("expected " + size + " ports and " + unused + " unused in " + days
                    + " days; the report has " + report.ports().size() + " and "
                    + report.unused().size()
                    + ", unobserved " + report.unobserved().size());
        }
        return report;
    }

    private static Mesh open(
            Path work, String registry, Map<String, String> config, Secrets secrets, String env, Clock clock) {
        return Mesh.builder()
                .baseDirectory(work)
                .environment(env)
                .registry(registry)
                .config(config)
                .secrets(secrets)
                .clock(clock)
                .policyEngine("none")
                .build();
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double timed(Supplier<Object> work) {
        long t = System.nanoTime();
        work.get();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(Supplier<Object> work) {
        double[] runs = new double[WARM_RUNS];
        for (int i = 0; i < runs.length; i++) runs[i] = timed(work);
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    private static void print(
            int size, Map<String, Map<String, Double>> figures, Map<String, Map<String, Long>> counts) {
        System.out.printf(
                "%n== usage of %,d ports (one per product) in one PostgreSQL database: file vs postgres"
                        + " registry ==%n",
                size);
        System.out.printf("%-40s %10s %10s %8s%n", "operation", "file", "postgres", "goal");
        Map<String, String> goals = Map.of(
                "collection 1, baseline (s)",
                "30 s",
                "collection 2, after reads (s)",
                "30 s",
                "unused N=30, first call (s)",
                "2 s",
                "unused N=30, warm median (s)",
                "2 s",
                "unused N=90, first call (s)",
                "2 s",
                "unused N=90, warm median (s)",
                "2 s");
        for (String row : figures.get("file").keySet()) {
            System.out.printf(
                    "%-40s %10.2f %10.2f %8s%n",
                    row, figures.get("file").get(row), figures.get("postgres").get(row), goals.getOrDefault(row, ""));
        }
        for (String row : counts.get("file").keySet()) {
            System.out.printf(
                    "%-40s %10d %10d%n",
                    row, counts.get("file").get(row), counts.get("postgres").get(row));
        }
    }
}

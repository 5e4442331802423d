package dev.meshsdk.benchmarks.spark;

import dev.meshsdk.ClassifyResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.testkit.ProjectFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Mesh.classify} of one port of {@code bench.portRows} rows (default 1,000,000) on each store: a Delta table
 * of the {@code local} adapter (sampled through mesh-spark) and a PostgreSQL table, each with six unclassified
 * columns of which four look personal (e-mail, phone or IP address, card number, date of birth). Median of
 * {@code bench.reps} after {@code bench.warmups} warm-ups (default 1). Goal: under 5 s per port with sampling.
 */
public final class ClassifyBenchmark {
    private ClassifyBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchData data = new BenchData();
        long rows = Long.getLong("bench.portRows", 1_000_000L);
        int warmups = Integer.getInteger("bench.warmups", 1);
        Path base = data.dir.resolve("classify-" + rows);
        long setup = System.nanoTime();
        try (BenchMesh bench = new BenchMesh(base)) {
            String properties = props(
                    "visit_id:integer:bigint",
                    "visitor_ip:string",
                    "card:string",
                    "date_of_birth:date",
                    "page:string",
                    "visited_on:date");
            Path web = bench.product("web", ProjectFiles.localServer("data/web"), "visits", properties);
            Path crm = bench.product(
                    "crm",
                    bench.postgresServer("crm"),
                    "customers",
                    props(
                            "customer_id:string",
                            "contact:string",
                            "phone:string",
                            "card:string",
                            "date_of_birth:date",
                            "segment:string"));
            try (Mesh m = bench.mesh(Map.of(), null)) {
                m.deploy(List.of(web, crm));
            }
            data.spark
                    .range(0, rows, 1, 4)
                    .selectExpr(
                            "id AS visit_id",
                            "concat('10.', id % 200, '.', id % 250, '.', id % 199) AS visitor_ip",
                            "CASE WHEN id % 3 = 0 THEN '4111 1111 1111 1111' ELSE '5555555555554444' END AS card",
                            "date_add(DATE'1950-01-01', CAST(id % 20000 AS INT)) AS date_of_birth",
                            "concat('/page/', id % 50) AS page",
                            "date_add(DATE'2026-01-01', CAST(id % 100 AS INT)) AS visited_on")
                    .write()
                    .format("delta")
                    .mode("append")
                    .save(bench.deltaTable("data/web", "visits"));
            bench.sql(
                    "INSERT INTO crm.customers SELECT 'C-' || g, 'user' || g || '@example.com', '+49 30 ' || (1000000 + g),"
                            + " CASE WHEN g % 3 = 0 THEN '4111 1111 1111 1111' ELSE '5555555555554444' END,"
                            + " DATE '1950-01-01' + (g % 20000), (ARRAY['gold','silver','bronze'])[1 + g % 3]"
                            + " FROM generate_series(1, " + rows + ") g",
                    "ANALYZE crm.customers");
            System.out.printf(
                    "deployed and loaded 2 ports of %,d rows each in %.1f s%n",
                    rows, (System.nanoTime() - setup) / 1e9);

            List<Double> deltaTimes = new ArrayList<>();
            List<Double> pgTimes = new ArrayList<>();
            try (Mesh m = bench.mesh(Map.of(), null)) {
                for (int rep = -warmups; rep < data.reps; rep++) {
                    ClassifyResult[] r = new ClassifyResult[2];
                    double d = BenchData.seconds(() -> r[0] = m.classify(List.of("web")));
                    double p = BenchData.seconds(() -> r[1] = m.classify(List.of("crm")));
                    check(r[0], 3);
                    check(r[1], 4);
                    System.out.printf(
                            "%s: Delta port %.2f s (%d findings, %d values sampled per column), PostgreSQL"
                                    + " port %.2f s (%d findings, %d sampled)%n",
                            rep < 0 ? "warm-up" : "run " + (rep + 1),
                            d,
                            r[0].findings().size(),
                            r[0].findings().get(0).sampled(),
                            p,
                            r[1].findings().size(),
                            r[1].findings().get(0).sampled());
                    if (rep >= 0) {
                        deltaTimes.add(d);
                        pgTimes.add(p);
                    }
                }
                System.out.println(m.classify().summary());
            }
            System.out.printf(
                    "%nClassify one port of %,d rows, median of %d (goal: under 5 s with sampling)%n", rows, data.reps);
            System.out.printf(
                    "  Delta (local adapter, Spark) %.2f s%n",
                    BenchData.median(deltaTimes.stream().mapToDouble(x -> x).toArray()));
            System.out.printf(
                    "  PostgreSQL                   %.2f s%n",
                    BenchData.median(pgTimes.stream().mapToDouble(x -> x).toArray()));
        }
        data.spark.stop();
    }

    /** Fails when the port's personal-looking columns were not all found: the timing would measure another job. */
    private static void check(ClassifyResult r, int expected) {
        if (r.findings().size() != expected || !r.warnings().isEmpty()) {
            throw new IllegalStateException(
                    "expected " + expected + " findings, got " + r.summary() + " " + r.warnings());
        }
    }

    /** Contract properties from {@code name:logicalType[:physicalType]}. */
    private static String props(String... specs) {
        StringBuilder b = new StringBuilder();
        for (String p : specs) {
            String[] x = p.split(":");
            b.append("      - name: ")
                    .append(x[0])
                    .append("\n        logicalType: ")
                    .append(x[1])
                    .append('\n');
            if (x.length > 2) b.append("        physicalType: ").append(x[2]).append('\n');
        }
        return b.toString();
    }
}

package dev.meshsdk.benchmarks.spark;

import dev.meshsdk.ForgetResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.spark.SparkDeltaEraser;
import dev.meshsdk.testkit.ProjectFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Mesh.forget} of one data subject across {@code bench.ports} ports (default 20: half Delta tables of the
 * {@code local} adapter, erased through mesh-spark's eraser, half PostgreSQL tables), {@code bench.portRows} rows
 * each (default 1,000,000; the subject has 10 rows in each port), with the file registry keeping the receipts.
 * Each run forgets another subject three times over (forget always purges: REORG ... APPLY (PURGE) rewrites the
 * files, then VACUUM): with {@code purgeRetention=PT0S} (the old files vacuumed at once, the rows physically gone),
 * the same with the Delta ports erased one at a time ({@code mesh.local.erasure.concurrency=1}; by default four at
 * once, beside the PostgreSQL ports), and with the table's own retention (7 days: VACUUM removes nothing yet). Then,
 * for the breakdown, one Delta table's erasure step by step through mesh-spark's eraser: the delete, then the
 * purge. Ports are erased side by side, so per port is the time from the start of forget to the last
 * {@code PortErased} event of the store's ports, divided by their number. Goal: under 2 s per Delta port on 2 cores.
 */
public final class ForgetBenchmark {
    private ForgetBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchData data = new BenchData();
        int ports = Integer.getInteger("bench.ports", 20);
        long rows = Long.getLong("bench.portRows", 1_000_000L);
        int warmups = Integer.getInteger("bench.warmups", 1);
        Path base = data.dir.resolve("forget-" + ports + "x" + rows);
        Map<String, String> store = new LinkedHashMap<>();
        long setup = System.nanoTime();
        try (BenchMesh bench = new BenchMesh(base)) {
            List<Path> dirs = new ArrayList<>();
            String properties = """
                      - name: order_id
                        logicalType: integer
                        physicalType: bigint
                      - name: customer_id
                        logicalType: string
                        customProperties:
                          - property: subjectKey
                            value: customer
                      - name: amount
                        logicalType: number
                        physicalType: decimal(12,2)
                """;
            for (int i = 0; i < ports; i++) {
                String id = String.format("p%02d", i);
                boolean delta = i % 2 == 0;
                store.put(id, delta ? "delta" : "postgres");
                dirs.add(bench.product(
                        id,
                        delta ? ProjectFiles.localServer("data/" + id) : bench.postgresServer(id),
                        "orders",
                        properties));
            }
            try (Mesh m = bench.mesh(Map.of(), null)) {
                m.deploy(dirs);
            }
            long customers = Math.max(1, rows / 10);
            for (String id : store.keySet()) {
                if (store.get(id).equals("delta")) {
                    data.spark
                            .range(0, rows, 1, 2)
                            .selectExpr(
                                    "id AS order_id",
                                    "concat('CUST-', CAST(id % " + customers + " AS STRING)) AS customer_id",
                                    "CAST((id % 100000) / 10.0 AS DECIMAL(12,2)) AS amount")
                            .write()
                            .format("delta")
                            .mode("append")
                            .save(bench.deltaTable("data/" + id, "orders"));
                } else {
                    bench.sql(
                            "INSERT INTO " + id + ".orders SELECT g, 'CUST-' || (g % " + customers + "),"
                                    + " (g % 100000) / 10.0 FROM generate_series(0, " + (rows - 1) + ") g",
                            "ANALYZE " + id + ".orders");
                }
            }
            System.out.printf(
                    "deployed %d ports (%d Delta, %d PostgreSQL) of %,d rows each in %.1f s%n",
                    ports,
                    store.values().stream().filter("delta"::equals).count(),
                    store.values().stream().filter("postgres"::equals).count(),
                    rows,
                    (System.nanoTime() - setup) / 1e9);

            long deltaPorts = store.values().stream().filter("delta"::equals).count();
            long pgPorts = ports - deltaPorts;
            // mode -> per run {total, per Delta port, per PostgreSQL port}
            Map<String, List<double[]>> perMode = new LinkedHashMap<>();
            int subject = 7;
            for (int rep = -warmups; rep < data.reps; rep++) {
                for (String mode : List.of("retention 0", "retention 0, one port at a time", "retention 7 days")) {
                    String who = "CUST-" + (subject++ * 1013 % customers);
                    Map<String, String> config = new LinkedHashMap<>();
                    if (mode.startsWith("retention 0")) config.put("mesh.local.erasure.purgeRetention", "PT0S");
                    if (mode.endsWith("one port at a time")) config.put("mesh.local.erasure.concurrency", "1");
                    double[] lastDone = new double[2]; // seconds from the start to the last {PostgreSQL, Delta} port
                    long[] start = new long[1];
                    List<String> bad = new ArrayList<>();
                    ForgetResult result;
                    try (Mesh m = bench.mesh(config, e -> {
                        if (e instanceof MeshEvent.PortErased p) {
                            int delta = "delta".equals(store.get(p.productId())) ? 1 : 0;
                            lastDone[delta] = Math.max(lastDone[delta], (System.nanoTime() - start[0]) / 1e9);
                            if (p.rowsDeleted() != 10 || !p.status().equals("DONE")) {
                                bad.add(p.productId() + " " + p.status() + " " + p.rowsDeleted() + " rows");
                            }
                        }
                    })) {
                        start[0] = System.nanoTime();
                        result = m.forget(who, "customer");
                        double total = (System.nanoTime() - start[0]) / 1e9;
                        if (!bad.isEmpty() || result.receipts().size() != ports) {
                            throw new IllegalStateException("forget did not erase 10 rows in each of " + ports
                                    + " ports: " + bad + "; " + result.summary());
                        }
                        double d = deltaPorts == 0 ? 0 : lastDone[1] / deltaPorts;
                        double p = pgPorts == 0 ? 0 : lastDone[0] / pgPorts;
                        System.out.printf(
                                "%s, %s: total %.2f s for %d ports (%d rows); the Delta ports done after"
                                        + " %.2f s (%.2f s per Delta port), the PostgreSQL ports after %.2f s (%.2f s"
                                        + " per PostgreSQL port)%n",
                                rep < 0 ? "warm-up" : "run " + (rep + 1),
                                mode,
                                total,
                                ports,
                                result.rowsDeleted(),
                                lastDone[1],
                                d,
                                lastDone[0],
                                p);
                        if (rep >= 0)
                            perMode.computeIfAbsent(mode, k -> new ArrayList<>())
                                    .add(new double[] {total, d, p});
                    }
                }
            }
            // the breakdown of one Delta port: the lean delete, then REORG PURGE + VACUUM with retention 0
            String table = bench.deltaTable("data/p00", "orders");
            SparkDeltaEraser eraser = new SparkDeltaEraser(data.spark);
            String who = "CUST-" + (subject * 1013 % customers);
            long[] deleted = new long[2];
            double delete = BenchData.seconds(() -> deleted[0] = eraser.delete(table, Map.of(), "customer_id", who));
            double purge = BenchData.seconds(() -> eraser.purge(table, Map.of(), Duration.ZERO));
            double again = BenchData.seconds(() -> deleted[1] = eraser.delete(table, Map.of(), "customer_id", who));
            double vacuum = BenchData.seconds(() -> eraser.purge(table, Map.of(), Duration.ZERO));
            System.out.printf(
                    "one Delta port step by step: delete %.2f s (%d rows), purge (REORG PURGE, VACUUM"
                            + " retention 0) %.2f s; again: delete %.2f s (%d rows), purge (nothing to rewrite: VACUUM only)"
                            + " %.2f s%n",
                    delete, deleted[0], purge, again, deleted[1], vacuum);
            System.out.printf(
                    "%nForget one subject across %d ports of %,d rows each, median of %d (goal: under 2 s per Delta"
                            + " port on 2 cores)%n",
                    ports, rows, data.reps);
            perMode.forEach((mode, runs) -> System.out.printf(
                    "  %-31s total %.2f s, %.2f s per port; per Delta port" + " %.2f s, per PostgreSQL port %.2f s%n",
                    mode, median(runs, 0), median(runs, 0) / ports, median(runs, 1), median(runs, 2)));
        }
        data.spark.stop();
    }

    private static double median(List<double[]> runs, int k) {
        return BenchData.median(runs.stream().mapToDouble(r -> r[k]).toArray());
    }
}

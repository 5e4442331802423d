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
 * Each run forgets another subject once per variant of the Delta purge, side by side in one JVM, each with
 * {@code purgeRetention=PT0S} (the old files vacuumed at once, the rows physically gone) unless it says otherwise:
 * (a) deletion vectors, then {@code REORG ... APPLY (PURGE)} in about one group per core, then VACUUM (the way
 * before copy-on-write); (b) the same in Delta's own single group; (c) Delta's {@code DELETE} statement without
 * deletion vectors (it rewrites the files; it records the value in the table's log, so it is measured, not used);
 * (d) the eraser's copy-on-write (its delete commit rewrites the files, then VACUUM: the default) with the default
 * number of Delta ports at once (one per core), and (d) again with (e) four and (f) eight Delta ports at once,
 * (g) one at a time, (h) the tables' own retention (7 days: VACUUM removes nothing yet); {@code bench.modes} picks some by letter ({@code a,b,c,d}), and every second
 * run takes them in reverse order. First, for the breakdown (and as a warm-up of both ways), one Delta table's
 * erasure step by step through mesh-spark's eraser. Ports are erased side by side, so per port is the time from the start of forget to the last
 * {@code PortErased} event of the store's ports, divided by their number; each variant's ratio is to (a) of the
 * same run. Goal: under 2 s per Delta port on 2 cores.
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
            // mode -> {Spark setting of the purge, lean path, mesh.local.erasure.concurrency (null: the default, one
            // per core), retention}
            Map<String, String[]> modes = new LinkedHashMap<>();
            modes.put("(a) vectors + REORG per core", new String[] {SparkDeltaEraser.REORG, "true", null, "PT0S"});
            modes.put(
                    "(b) vectors + REORG one group",
                    new String[] {SparkDeltaEraser.REORG_ONE_GROUP, "true", null, "PT0S"});
            modes.put("(c) Delta's DELETE, no vectors", new String[] {SparkDeltaEraser.REWRITE, "false", null, "PT0S"});
            modes.put("(d) copy-on-write (default)", new String[] {SparkDeltaEraser.REWRITE, "true", null, "PT0S"});
            modes.put("(e) = (d), 4 Delta ports at once", new String[] {SparkDeltaEraser.REWRITE, "true", "4", "PT0S"});
            modes.put("(f) = (d), 8 Delta ports at once", new String[] {SparkDeltaEraser.REWRITE, "true", "8", "PT0S"});
            modes.put("(g) = (d), one port at a time", new String[] {SparkDeltaEraser.REWRITE, "true", "1", "PT0S"});
            modes.put("(h) = (d), retention 7 days", new String[] {SparkDeltaEraser.REWRITE, "true", null, null});
            // the breakdown of one Delta port: (a) the lean delete, then REORG PURGE + VACUUM with retention 0;
            // (d) the copy-on-write delete and the VACUUM in one call; then VACUUM alone
            String table = bench.deltaTable("data/p00", "orders");
            SparkDeltaEraser eraser = new SparkDeltaEraser(data.spark);
            data.spark.conf().set(SparkDeltaEraser.LEAN_PATH, "true");
            data.spark.conf().set(SparkDeltaEraser.PURGE, SparkDeltaEraser.REORG);
            String one = "CUST-" + (subject++ * 1013 % customers);
            long[] deleted = new long[3];
            double delete = BenchData.seconds(() -> deleted[0] = eraser.delete(table, Map.of(), "customer_id", one));
            double purge = BenchData.seconds(() -> eraser.purge(table, Map.of(), Duration.ZERO));
            data.spark.conf().set(SparkDeltaEraser.PURGE, SparkDeltaEraser.REWRITE);
            String next = "CUST-" + (subject++ * 1013 % customers);
            double cow = BenchData.seconds(
                    () -> deleted[1] = eraser.deleteAndPurge(table, Map.of(), "customer_id", next, Duration.ZERO));
            double again = BenchData.seconds(() -> deleted[2] = eraser.delete(table, Map.of(), "customer_id", one));
            double vacuum = BenchData.seconds(() -> eraser.purge(table, Map.of(), Duration.ZERO));
            System.out.printf(
                    "one Delta port step by step (load %s): (a) delete with vectors %.2f s (%d rows), purge (REORG"
                            + " PURGE, VACUUM retention 0) %.2f s, together %.2f s; (d) copy-on-write delete and VACUUM"
                            + " %.2f s (%d rows); again: delete %.2f s (%d rows), purge (nothing to rewrite: VACUUM"
                            + " only) %.2f s%n",
                    load(), delete, deleted[0], purge, delete + purge, cow, deleted[1], again, deleted[2], vacuum);
            // only the modes asked for (bench.modes: their letters, say "a,b,c,d"); every second run in reverse order,
            // so that a machine whose load drifts during the run weighs on every mode alike
            List<String> letters =
                    List.of(System.getProperty("bench.modes", "a,b,c,d,e,f,g,h").split(","));
            List<String> chosen = new ArrayList<>();
            int letter = 0;
            for (String mode : modes.keySet()) {
                if (letters.contains(String.valueOf((char) ('a' + letter++)))) chosen.add(mode);
            }
            for (int rep = -warmups; rep < data.reps; rep++) {
                List<String> order = new ArrayList<>(chosen);
                if ((rep + warmups) % 2 == 1) java.util.Collections.reverse(order);
                for (String mode : order) {
                    String who = "CUST-" + (subject++ * 1013 % customers);
                    String[] how = modes.get(mode);
                    data.spark.conf().set(SparkDeltaEraser.PURGE, how[0]);
                    data.spark.conf().set(SparkDeltaEraser.LEAN_PATH, how[1]);
                    Map<String, String> config = new LinkedHashMap<>();
                    if (how[2] != null) config.put("mesh.local.erasure.concurrency", how[2]);
                    if (how[3] != null) config.put("mesh.local.erasure.purgeRetention", how[3]);
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
                                "%s (load %s), %s: total %.2f s for %d ports (%d rows); the Delta ports done after"
                                        + " %.2f s (%.2f s per Delta port), the PostgreSQL ports after %.2f s (%.2f s"
                                        + " per PostgreSQL port)%n",
                                rep < 0 ? "warm-up" : "run " + (rep + 1),
                                load(),
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
            System.out.printf(
                    "%nForget one subject across %d ports of %,d rows each, median of %d (goal: under 2 s per Delta"
                            + " port on 2 cores)%n",
                    ports, rows, data.reps);
            double current = median(perMode.get(chosen.get(0)), 1);
            perMode.forEach((mode, runs) -> System.out.printf(
                    "  %-34s total %.2f s, %.2f s per port; per Delta port %.2f s (%.2fx of (a)), per PostgreSQL"
                            + " port %.2f s%n",
                    mode,
                    median(runs, 0),
                    median(runs, 0) / ports,
                    median(runs, 1),
                    median(runs, 1) / current,
                    median(runs, 2)));
            System.out.println("  load at the end: " + load());
        }
        data.spark.stop();
    }

    /** The load averages, as {@code uptime} prints them (the machine may be shared). */
    private static String load() {
        try {
            String[] l =
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return l[0] + " " + l[1] + " " + l[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double median(List<double[]> runs, int k) {
        return BenchData.median(runs.stream().mapToDouble(r -> r[k]).toArray());
    }
}

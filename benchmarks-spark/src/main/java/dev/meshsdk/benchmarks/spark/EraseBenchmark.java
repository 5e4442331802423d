package dev.meshsdk.benchmarks.spark;

import dev.meshsdk.spark.SparkDeltaEraser;
import java.util.Map;

/**
 * Erasure of one data subject (10 rows) from the benchmark table as Delta: with deletion vectors (what the
 * storage adapters create) vs copy-on-write (the same table without them), median of {@code bench.reps}
 * erasures of different subjects after {@code bench.warmups} (default 3) warm-up erasures each. Goal: deletion
 * vectors at most 0.2x copy-on-write.
 *
 * <p>The eraser takes its lean deletion-vector path on the first table (one Spark job, one commit) and Delta's
 * {@code DELETE} statement on the copy-on-write table. A third table shows Delta's own {@code DELETE} with
 * deletion vectors, whose cost is mostly fixed per-statement work on the driver (state reconstruction, data
 * skipping, bitmap and stats jobs). The JIT speeds the driver's work up over the first few erasures in a JVM;
 * the warm-ups measure the steady state of a long-running process, and their figures are printed too.
 */
public final class EraseBenchmark {
    private EraseBenchmark() {}

    public static void main(String[] args) {
        BenchData data = new BenchData();
        String dv = data.table("erase-dv", "delta", Map.of("delta.enableDeletionVectors", "true"));
        String cow = data.table("erase-cow", "delta", Map.of("delta.enableDeletionVectors", "false"));
        // a table of its own for the bare DELETE, so that each table gets one commit per run (a checkpoint is
        // written every 10 commits and would otherwise fall more often on the deletion-vector table)
        String bare = data.table("erase-dv-bare", "delta", Map.of("delta.enableDeletionVectors", "true"));
        SparkDeltaEraser eraser = new SparkDeltaEraser(data.spark);
        double[] dvTimes = new double[data.reps];
        double[] cowTimes = new double[data.reps];
        double[] rawTimes = new double[data.reps];
        long base = System.currentTimeMillis() % 100_000; // a subject not erased by an earlier run
        int warmups = Integer.getInteger("bench.warmups", 3);
        for (int rep = -warmups; rep < data.reps; rep++) {
            String subject = Long.toString(base + rep + 1);
            long[] n = new long[2];
            double a = BenchData.seconds(() -> n[0] = eraser.delete("file:" + dv, Map.of(), "customer", subject));
            double b = BenchData.seconds(() -> n[1] = eraser.delete("file:" + cow, Map.of(), "customer", subject));
            if (n[0] != n[1])
                throw new IllegalStateException("the two tables disagree: " + n[0] + " vs " + n[1] + " rows");
            for (String t : new String[] {dv, cow}) { // outside the timing: the subject is gone from both
                long left = data.spark
                        .read()
                        .format("delta")
                        .load(t)
                        .where("customer = " + subject)
                        .count();
                if (left != 0) throw new IllegalStateException(left + " rows of subject " + subject + " left in " + t);
            }
            // Delta's own DELETE of another subject on a deletion-vector table of its own, for comparison
            String other = Long.toString(base + 500 + rep);
            double r = BenchData.seconds(
                    () -> io.delta.tables.DeltaTable.forPath(data.spark, bare).delete("customer = " + other));
            System.out.printf(
                    "%s: deletion vectors %.2f s, copy-on-write %.2f s (%d rows each); Delta's DELETE"
                            + " statement with deletion vectors %.2f s%n",
                    rep < 0 ? "warm-up " + (rep + warmups + 1) : "run " + (rep + 1), a, b, n[0], r);
            if (rep >= 0) {
                dvTimes[rep] = a;
                cowTimes[rep] = b;
                rawTimes[rep] = r;
            }
        }
        double d = BenchData.median(dvTimes);
        double c = BenchData.median(cowTimes);
        System.out.printf(
                "%nErase one subject from %,d rows, median of %d after %d warm-ups (goal: <= 0.2x)%n",
                data.rows, data.reps, warmups);
        System.out.printf("  deletion vectors %.2f s, copy-on-write %.2f s, ratio %.2fx%n", d, c, d / c);
        System.out.printf(
                "  (Delta's own DELETE statement with deletion vectors: %.2f s, ratio %.2fx)%n",
                BenchData.median(rawTimes), BenchData.median(rawTimes) / c);
        System.out.println("  The subject's 10 rows are spread over every file: every file is touched (copy-on-write"
                + " rewrites all of them). The eraser reads the whole key column (the value stays out of the query"
                + " plan, so Parquet cannot skip pages by it); Delta's DELETE skips pages by the value.");
        data.spark.stop();
    }
}

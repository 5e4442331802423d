package dev.meshsdk.benchmarks.spark;

import dev.meshsdk.spark.SparkDeltaEraser;
import java.util.Map;

/**
 * Erasure of one data subject (10 rows) from the benchmark table as Delta: with deletion vectors (what the
 * storage adapters create) vs copy-on-write (the same table without them), median of {@code bench.reps}
 * erasures of different subjects after one warm-up each. Goal: deletion vectors at most 0.2x copy-on-write.
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
        for (int rep = -1; rep < data.reps; rep++) {
            String subject = Long.toString(base + rep + 1);
            long[] n = new long[2];
            double a = BenchData.seconds(() -> n[0] = eraser.delete("file:" + dv, Map.of(), "customer", subject));
            double b = BenchData.seconds(() -> n[1] = eraser.delete("file:" + cow, Map.of(), "customer", subject));
            if (n[0] != n[1]) throw new IllegalStateException("the two tables disagree: " + n[0] + " vs " + n[1] + " rows");
            // the bare Delta DELETE of another subject, to show what the eraser adds (its checks)
            String other = Long.toString(base + 500 + rep);
            double r = BenchData.seconds(() -> io.delta.tables.DeltaTable.forPath(data.spark, bare)
                    .delete("customer = " + other));
            System.out.printf("%s: deletion vectors %.2f s, copy-on-write %.2f s (%d rows each); bare DELETE with"
                    + " deletion vectors %.2f s%n", rep < 0 ? "warm-up" : "run " + (rep + 1), a, b, n[0], r);
            if (rep >= 0) {
                dvTimes[rep] = a;
                cowTimes[rep] = b;
                rawTimes[rep] = r;
            }
        }
        double d = BenchData.median(dvTimes);
        double c = BenchData.median(cowTimes);
        System.out.printf("%nErase one subject from %,d rows, median of %d (goal: <= 0.2x)%n", data.rows, data.reps);
        System.out.printf("  deletion vectors %.2f s, copy-on-write %.2f s, ratio %.2fx%n", d, c, d / c);
        System.out.printf("  (bare Delta DELETE with deletion vectors, without the eraser's checks: %.2f s)%n",
                BenchData.median(rawTimes));
        System.out.println("  The subject's 10 rows are spread over every file, so both must scan the whole table.");
        data.spark.stop();
    }
}

package dev.meshsdk.bench;

import dev.meshsdk.Mesh;
import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the benchmarks and prints their figures side by side. Run on demand (see the module's POM);
 * never in the test build, and nothing here asserts a time.
 */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("policy")) {
            PolicyBenchmark.run();
            return;
        }
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        validation(products);
        policyInItsOwnJvm();
    }

    /**
     * The policy benchmark runs in a JVM of its own, as JMH forks one per benchmark: after validating 1,000
     * products in the same JVM its figures measure the state validation left behind (heap, JIT profiles)
     * more than the policy engine.
     */
    private static void policyInItsOwnJvm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx2g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Benchmarks.class.getName(),
                        "policy")
                .inheritIO()
                .start();
        if (p.waitFor() != 0) throw new IllegalStateException("the policy benchmark failed; see its output above");
    }

    /** Validates N generated products (product + 2 contracts each) in-process; goal under 2 s for 1,000. */
    static void validation(int count) throws Exception {
        Path root = Files.createTempDirectory("mesh-bench");
        List<Path> dirs = ProductGenerator.generate(root, count);
        try (Mesh mesh = Mesh.builder().baseDirectory(root).build()) {
            long first = time(() -> check(mesh.validate(dirs)));
            for (int i = 0; i < 3; i++) time(() -> check(mesh.validate(dirs)));
            long[] runs = new long[5];
            for (int i = 0; i < runs.length; i++) runs[i] = time(() -> check(mesh.validate(dirs)));
            Arrays.sort(runs);
            long median = runs[runs.length / 2];
            System.out.printf("%n== validate %d products (%d files) ==%n", count, count * 3);
            System.out.printf("first run (cold JVM)   %8.1f ms%n", first / 1e6);
            System.out.printf(
                    "median of 5 (warm)     %8.1f ms   (%.0f products/s)%n", median / 1e6, count / (median / 1e9));
            System.out.printf(
                    "goal                   %8.1f ms   -> cold/goal %.2fx, warm/goal %.2fx%n",
                    2000.0, first / 2e9, median / 2e9);
        }
    }

    private static void check(ValidationReport report) {
        if (report.hasErrors()) throw new IllegalStateException("generated products are invalid:\n" + report.format());
    }

    private static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }
}

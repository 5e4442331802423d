package dev.meshsdk.bench;

import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.DeploymentRecord.Outcome;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.storage.local.FileRegistryFactory;
import dev.meshsdk.testkit.CatalogFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The file registry's catalog with N products (5,000 by default) in one environment, on a warm registry
 * object: a search, and what resolving one product's input ports asks of it (one {@code offering} per
 * consumed contract); a search right after another registry object (another build) wrote one entry; and a
 * cold object's first answer, which reads every entry file. Goals: a search under 50 ms, an input-port resolution under 20 ms.
 * Prints figures only; nothing here asserts a time.
 *
 * <p>Run: {@code ./mvnw -B -pl benchmarks -am package -DskipTests -Pbench -Dbench.main=dev.meshsdk.bench.RegistryBenchmark}
 */
public final class RegistryBenchmark {
    private static final String[] DOMAINS = {"sales", "finance", "logistics", "marketing", "hr"};

    private RegistryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path root = Files.createTempDirectory("mesh-registry-bench");
        Registry writer = open(root);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            CatalogEntry e = product(i);
            writer.deployments().record(CatalogFixtures.record(e.productId(), "dev", "1.0.0", Outcome.SUCCEEDED, i), e);
        }
        System.out.printf("%n== file registry, %d products in one environment ==%n", count);
        System.out.printf("write all (one record each)       %9.1f ms%n", (System.nanoTime() - t0) / 1e6);

        Registry cold = open(root);
        long first = time(() -> cold.catalog().search(CatalogQuery.in("dev").text("revenue")));
        Registry warm = open(root);
        CatalogQuery search = CatalogQuery.in("dev").text("orders amount").domain("sales").classification("pii");
        Runnable resolve = () -> {
            // a consumer with three input ports: one offering per contract
            for (int c : new int[] {7, count / 2, count - 1}) warm.catalog().offering("contract-" + c, "dev");
        };
        double searchMs = median(() -> warm.catalog().search(search));
        double resolveMs = median(resolve);
        double entryMs = median(() -> warm.catalog().entry("product-" + (count / 3), "dev"));
        int found = warm.catalog().search(search).size();

        int[] next = {count};
        double afterWriteMs = medianOf(() -> {
            CatalogEntry e = product(next[0]++);
            writer.deployments().record(CatalogFixtures.record(e.productId(), "dev", "1.0.0", Outcome.SUCCEEDED, 0), e);
            return time(() -> warm.catalog().search(search));
        });

        System.out.printf("first search, cold object         %9.1f ms%n", first / 1e6);
        System.out.printf("search, warm (median; %d found)  %9.2f ms   goal 50 ms -> %.3fx%n", found, searchMs,
                searchMs / 50);
        System.out.printf("resolve 3 input ports, warm       %9.2f ms   goal 20 ms -> %.3fx%n", resolveMs, resolveMs / 20);
        System.out.printf("entry of one product, warm        %9.2f ms%n", entryMs);
        System.out.printf("search right after another build  %9.2f ms   goal 50 ms -> %.3fx%n", afterWriteMs,
                afterWriteMs / 50);
        System.out.printf("  (another object wrote one entry: the warm one follows the change log and reads that file)%n");
    }

    private static Registry open(Path root) {
        return new FileRegistryFactory().create(new AdapterContext("dev", root,
                Map.of(FileRegistryFactory.ROOT_KEY, root.toString()), null, null, null));
    }

    /** Product i: one port offering contract-i, three columns, one of them classified for some products. */
    private static CatalogEntry product(int i) {
        String domain = DOMAINS[i % DOMAINS.length];
        List<CatalogEntry.Column> columns = new ArrayList<>(List.of(CatalogFixtures.column("id", null),
                CatalogFixtures.column("amount", null),
                CatalogFixtures.column("customer_email", i % 7 == 0 ? "pii" : null)));
        return CatalogFixtures.entry("product-" + i, "dev", "1.0.0", domain, domain + "-team-" + (i % 40), "active",
                List.of(i % 3 == 0 ? "orders" : "revenue", "tier-" + (i % 4)),
                CatalogFixtures.port("port-" + i, "contract-" + i, 1 + i % 2, "active", columns));
    }

    private static double median(Runnable call) {
        return medianOf(() -> time(call));
    }

    /** The median in milliseconds of 21 runs after 10 warm-up runs, each returning its own nanoseconds. */
    private static double medianOf(LongSupplier timedRun) {
        for (int i = 0; i < 10; i++) timedRun.getAsLong();
        long[] runs = new long[21];
        for (int i = 0; i < runs.length; i++) runs[i] = timedRun.getAsLong();
        Arrays.sort(runs);
        return runs[runs.length / 2] / 1e6;
    }

    private static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }
}

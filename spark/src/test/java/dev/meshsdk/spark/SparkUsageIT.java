package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.UsageCollectResult;
import dev.meshsdk.UsageReport;
import dev.meshsdk.spi.registry.UsageDay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Spark reads of a Delta port recorded with the reading principal: a consumer's session with
 * {@link MeshReadListener} reads the {@code local} port of product {@code shop} a known number of times, and
 * {@code Mesh.collectUsage} (the {@code spark} collector over the read log) keeps exactly those reads in the file
 * registry, with Spark's user as the reader and the columns each query read after column pruning (none told for
 * {@code count()}); collecting again counts nothing twice. Without a read log the port is
 * not observed and the warning says how to turn the listener on.
 */
class SparkUsageIT {

    @Test
    void readsOfADeltaPortAreCountedOnceWithTheReader() throws Exception {
        ShopProduct shop = new ShopProduct().deploy();
        Path log = shop.base.resolve("read-log");
        SparkSession spark = TestSpark.session();

        try (Mesh mesh = shop.mesh()) {
            UsageCollectResult none = mesh.collectUsage();
            assertThat(none.portsObserved()).isZero();
            assertThat(none.unobserved()).containsExactly("shop/orders");
            assertThat(none.warnings())
                    .anySatisfy(
                            w -> assertThat(w)
                                    .startsWith(
                                            "No Spark read log is configured"
                                                    + " (mesh.usage.spark.readLog), so reads of 1 Delta table(s) are not observed; have readers' Spark"
                                                    + " sessions log their reads with spark.sql.queryExecutionListeners=dev.meshsdk.spark.MeshReadListener"));
        }

        MeshReadListener listener = new MeshReadListener(log);
        spark.listenerManager().register(listener);
        try {
            for (int i = 0; i < 3; i++)
                spark.read().format("delta").load(shop.table).count();
            spark.read().format("delta").load(shop.table).filter("id > 1").collectAsList();
            awaitLines(log, 4); // Delta's own reads of _delta_log are not recorded
            assertThat(columnsLogged(log))
                    .as("count() reads no column, a whole row every column")
                    .containsExactly(List.of(), List.of(), List.of(), List.of("amount", "id", "name"));
            // after column pruning: the column selected and the one filtered on, not amount
            spark.read()
                    .format("delta")
                    .load(shop.table)
                    .filter("id > 1")
                    .select("name")
                    .collectAsList();
            awaitLines(log, 5);
            assertThat(columnsLogged(log).get(4)).containsExactly("id", "name");
        } finally {
            spark.listenerManager().unregister(listener);
        }
        spark.read().format("delta").load(shop.table).count(); // not listened to: not counted

        Map<String, String> config = Map.of(SparkUsageCollector.LOG_KEY, "read-log");
        try (Mesh mesh = shop.mesh(java.time.Clock.systemUTC(), config)) {
            UsageCollectResult first = mesh.collectUsage();
            assertThat(first.portsObserved()).isEqualTo(1);
            assertThat(first.reads()).isEqualTo(5);
            assertThat(mesh.collectUsage().reads())
                    .as("collecting twice counts nothing twice")
                    .isZero();

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<UsageDay> days = mesh.registry().usage().days("dev", "shop", today.minusDays(1), today);
            String user = spark.sparkContext().sparkUser();
            assertThat(days).filteredOn(d -> d.reads() > 0).singleElement().satisfies(d -> {
                assertThat(d.reads()).isEqualTo(5);
                assertThat(d.readers()).containsExactly(Map.entry(user, 5L));
                assertThat(d.attributedReads())
                        .as("the three count()s did not tell their columns")
                        .isEqualTo(2);
                assertThat(d.columns()).containsOnlyKeys("amount", "id", "name");
                assertThat(d.columns().get("amount").reads()).isEqualTo(1);
                assertThat(d.columns().get("name").reads()).isEqualTo(2);
                assertThat(d.columns().get("name").readers()).containsExactly(Map.entry(user, 2L));
            });
            UsageReport report = mesh.usage(30);
            assertThat(report.ports()).singleElement().satisfies(p -> {
                assertThat(p.reads7()).isEqualTo(5);
                assertThat(p.topReaders()).containsExactly(new UsageReport.ReaderReads(user, 5));
            });
            assertThat(report.unused()).isEmpty();
        }
    }

    @Test
    void normalisesHadoopAndCatalogAddressesAlike() {
        assertThat(SparkUsageCollector.normalise("file:/tmp/x/orders/")).isEqualTo("file:///tmp/x/orders");
        assertThat(SparkUsageCollector.normalise("file:///tmp/x/orders")).isEqualTo("file:///tmp/x/orders");
        assertThat(SparkUsageCollector.normalise("s3a://bucket/p/orders")).isEqualTo("s3://bucket/p/orders");
        assertThat(SparkUsageCollector.isDeltaLog("file:///tmp/x/orders/_delta_log/00000000000000000000.json"))
                .isTrue();
        assertThat(SparkUsageCollector.isDeltaLog("file:///tmp/x/orders")).isFalse();
    }

    /** The columns of each logged read, in the order logged. */
    private static List<List<String>> columnsLogged(Path log) throws java.io.IOException {
        List<List<String>> out = new java.util.ArrayList<>();
        try (var files = Files.list(log)) {
            for (Path f : files.sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) continue;
                    List<String> columns = new java.util.ArrayList<>();
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(line)
                            .path("columns")
                            .forEach(c -> columns.add(c.asText()));
                    out.add(columns);
                }
            }
        }
        return out;
    }

    /** The listener bus delivers asynchronously: waits up to 30 s for the lines. */
    private static void awaitLines(Path log, int lines) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (count(log) >= lines) break;
            Thread.sleep(100);
        }
        assertThat(count(log)).isEqualTo(lines);
    }

    private static long count(Path log) throws java.io.IOException {
        if (!Files.isDirectory(log)) return 0;
        try (var files = Files.list(log)) {
            long n = 0;
            for (Path f : files.toList())
                n += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
            return n;
        }
    }
}

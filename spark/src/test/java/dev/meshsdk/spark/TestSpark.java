package dev.meshsdk.spark;

import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one Spark session of the test JVM (local[2], built through {@link SparkSettings} like an application's),
 * plus helpers: a work directory, a local port deployed by the real {@code local} storage adapter, the
 * standard orders rows, and a counter of records read from storage.
 */
final class TestSpark {
    private static SparkSession session;
    private static Path work;
    private static final AtomicLong RECORDS_READ = new AtomicLong();

    private TestSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            try {
                // under target/, so that "mvn clean" removes the tables the tests leave
                Path target = Path.of("target");
                Files.createDirectories(target);
                work = Files.createTempDirectory(target.toAbsolutePath(), "spark-it");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AdapterContext context = new AdapterContext(
                    "dev",
                    work,
                    Map.of(
                            "mesh.spark.master", "local[2]",
                            "mesh.spark.appName", "mesh-spark-tests",
                            "mesh.spark.conf.spark.ui.enabled", "false",
                            "mesh.spark.conf.spark.sql.shuffle.partitions", "2",
                            "mesh.spark.conf.spark.default.parallelism", "2",
                            "mesh.spark.conf.spark.databricks.delta.snapshotPartitions", "2",
                            "mesh.spark.conf.spark.sql.warehouse.dir",
                                    work.resolve("warehouse").toString(),
                            "mesh.spark.conf.spark.driver.host", "127.0.0.1"),
                    null,
                    null,
                    null);
            // (SparkSettings also caps file-listing parallelism in local mode: VACUUM lists with it)
            session = SparkSettings.from(context).getOrCreate();
            session.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.taskMetrics() != null)
                        RECORDS_READ.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
                }
            });
        }
        return session;
    }

    /** A fresh directory under the session's work directory. */
    static Path newDir(String prefix) {
        session();
        try {
            return Files.createTempDirectory(work, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An adapter context with its own metrics and a base directory, without secrets. */
    static AdapterContext context(Path base) {
        return context(base, Map.of(), Secrets.none());
    }

    static AdapterContext context(Path base, Map<String, String> config, Secrets secrets) {
        return new AdapterContext("dev", base, config, secrets, new MetricRegistry(), null);
    }

    /** The port of {@code contract} on a {@code local} server at {@code <base>/data}, deployed by the local adapter. */
    static PortBinding deployedLocalPort(Path base, DataContract contract) {
        PortBinding b = Fixtures.binding(contract, Fixtures.server("local-dev", "local", Map.of("path", "data")));
        StorageAdapterFactory local = ServiceLoader.load(MeshPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> p.storageAdapters().stream())
                .filter(f -> f.name().equals("local"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the local storage adapter is not on the class path"));
        try (StorageAdapter adapter = local.create(context(base))) {
            for (Change c : adapter.plan(b, adapter.inspect(b))) adapter.apply(b, c);
        }
        return b;
    }

    /** The schema of the standard orders object as the local adapter creates it. */
    static StructType ordersSchema() {
        return new StructType()
                .add("id", DataTypes.LongType, false)
                .add("name", DataTypes.StringType)
                .add("amount", DataTypes.createDecimalType(12, 2));
    }

    /** Rows of {@code (id, name, amount)}; amount may be null. */
    static Dataset<Row> orders(Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(
                    ((Number) r[0]).longValue(),
                    r[1],
                    r[2] == null ? null : new BigDecimal(String.valueOf(r[2])).setScale(2)));
        }
        return session().createDataFrame(list, ordersSchema());
    }

    /** The five standard rows: (1,Ann,10) (2,NULL,20) (3,Bob,20) (4,n/a,NULL) (5,Ann,5). */
    static Dataset<Row> fiveOrders() {
        return orders(
                new Object[] {1, "Ann", 10},
                new Object[] {2, null, 20},
                new Object[] {3, "Bob", 20},
                new Object[] {4, "n/a", null},
                new Object[] {5, "Ann", 5});
    }

    /** Runs {@code body} and returns how many records Spark tasks read from storage meanwhile. */
    static long recordsReadBy(Runnable body) {
        drainListeners();
        long before = RECORDS_READ.get();
        body.run();
        drainListeners();
        return RECORDS_READ.get() - before;
    }

    private static void drainListeners() {
        try {
            session().sparkContext().listenerBus().waitUntilEmpty(30_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain in 30 s", e);
        }
    }
}

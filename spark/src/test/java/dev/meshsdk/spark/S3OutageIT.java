package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.testkit.Fixtures;
import io.delta.tables.DeltaTable;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * An S3 endpoint that goes away in the middle of a publish: S3A talks to the in-process S3Proxy through a TCP
 * proxy, which is cut (listener and every connection closed, new connections refused) the moment S3A sends the
 * first {@code PUT} of a data file of the table, that is once the publish has checked the data and started
 * writing it. The publish must fail with a clear error and commit nothing; once the endpoint is back, the same
 * publish must succeed and add its rows exactly once.
 */
class S3OutageIT {
    private static final String BUCKET = "outage-bucket";
    private static final String PREFIX = "sales/orders";

    @Test
    void aPublishCutOffMidWriteCommitsNothingSaysSoAndARerunConverges() {
        TestS3 s3 = TestS3.get();
        s3.client.createBucket(b -> b.bucket(BUCKET));
        SparkSession spark = TestSpark.session();
        CuttableTcpProxy proxy =
                CuttableTcpProxy.to("127.0.0.1", URI.create(s3.endpoint).getPort());
        try {
            // Fail fast: few retries and short timeouts, for this bucket only (S3A per-bucket settings).
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            Map.of(
                            "attempts.maximum",
                            "1",
                            "retry.limit",
                            "1",
                            "retry.interval",
                            "100ms",
                            "retry.throttle.limit",
                            "1",
                            "connection.establish.timeout",
                            "2s",
                            "connection.timeout",
                            "5s",
                            "connection.request.timeout",
                            "10s")
                    .forEach((k, v) -> hadoop.set("fs.s3a.bucket." + BUCKET + "." + k, v));
            Server server = new Server(
                    "outage-s3",
                    "s3",
                    null,
                    null,
                    Map.of(
                            "location",
                            "s3://" + BUCKET + "/" + PREFIX,
                            "format",
                            "delta",
                            "endpointUrl",
                            proxy.endpoint()),
                    List.of(),
                    Map.of());
            PortBinding port = Fixtures.binding(Fixtures.ordersContract(server), server);
            Secrets secrets = id -> id.equals("outage-s3")
                    ? Optional.of(new Secrets.Credential(TestS3.ACCESS_KEY, TestS3.SECRET_KEY))
                    : Optional.empty();
            AdapterContext context = TestSpark.context(TestSpark.newDir("outage"), Map.of(), secrets);
            PortTables.Table table = PortTables.table(port, "orders", context, Optional.empty());
            SparkSession scoped = spark.newSession();
            table.hadoopConf().forEach((k, v) -> scoped.conf().set(k, v));
            scoped.createDataFrame(List.of(), TestSpark.ordersSchema())
                    .write()
                    .format("delta")
                    .save(table.uri());

            DeltaPublisher publisher = new DeltaPublisher(context);
            assertThat(publisher
                            .publish(
                                    port,
                                    "orders",
                                    TestSpark.orders(new Object[] {1, "Ann", 10}, new Object[] {2, "Bob", 20}),
                                    DeltaPublisher.Mode.APPEND)
                            .version())
                    .isEqualTo(1);

            // The endpoint goes away once the publish sends its first data file.
            proxy.cutWhenClientSends("PUT /" + BUCKET + "/" + PREFIX + "/orders/part-");
            MeshException e = catchThrowableOfType(
                    MeshException.class,
                    () -> publisher.publish(port, "orders", newRows(), DeltaPublisher.Mode.APPEND));

            assertThat(proxy.cuts()).as("the proxy was cut during the publish").isEqualTo(1);
            assertThat(e).as("the publish fails").isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            assertThat(e.getMessage())
                    .contains(
                            "port 'orders'",
                            table.uri(),
                            "writing the data files failed",
                            "the store at " + proxy.endpoint() + " could not be reached (Connection refused)",
                            "nothing was published",
                            "still at version 1",
                            "publish the same data again")
                    .doesNotContain(TestS3.SECRET_KEY, TestS3.ACCESS_KEY);
            List<String> log = s3.keys(BUCKET, PREFIX + "/orders/_delta_log/");
            assertThat(log)
                    .as("the first publish's commit is there")
                    .contains(PREFIX + "/orders/_delta_log/00000000000000000001.json");
            assertThat(log)
                    .as("no commit for a new version")
                    .noneMatch(k -> k.contains("/_delta_log/00000000000000000002"));

            proxy.restore();
            assertThat(version(spark, table))
                    .as("Delta version after the outage")
                    .isEqualTo(1);
            assertThat(ids(spark, table)).containsExactly(1L, 2L);

            DeltaPublisher.PublishResult rerun =
                    publisher.publish(port, "orders", newRows(), DeltaPublisher.Mode.APPEND);
            assertThat(rerun.version()).isEqualTo(2);
            assertThat(version(spark, table)).isEqualTo(2);
            assertThat(ids(spark, table)).as("every row exactly once").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        } finally {
            proxy.close();
        }
    }

    private static org.apache.spark.sql.Dataset<Row> newRows() {
        // two partitions, so that two tasks write data files when the endpoint goes away
        return TestSpark.orders(
                        new Object[] {3, "Cy", 30},
                        new Object[] {4, "Di", 40},
                        new Object[] {5, "Ed", 50},
                        new Object[] {6, "Flo", 60})
                .repartition(2);
    }

    private static long version(SparkSession spark, PortTables.Table table) {
        return SparkDeltaEraser.version(DeltaTable.forPath(spark, table.uri(), table.hadoopConf()));
    }

    private static List<Long> ids(SparkSession spark, PortTables.Table table) {
        return spark
                .read()
                .format("delta")
                .options(table.hadoopConf())
                .load(table.uri())
                .select("id")
                .orderBy("id")
                .collectAsList()
                .stream()
                .map(r -> r.getLong(0))
                .toList();
    }
}

package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.UsageRollup;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageTarget;
import dev.meshsdk.storage.local.FileRegistryFactory;
import dev.meshsdk.testkit.Fixtures;
import dev.meshsdk.testkit.S3ProxyServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 access log collector on a real S3 protocol server (S3Proxy): log objects in the documented Amazon S3
 * server access log format are written into a log bucket, as S3's log delivery would; the collector reads them
 * with the port's server's endpoint and credentials, and the usage kept by the file registry shows exactly the
 * successful reads per requester. Collecting again adds nothing. S3Proxy writes no access logs itself, so the log
 * lines are written by the test: what S3 really delivers, and when, is not verified here.
 */
class S3AccessLogUsageIT {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String ALICE = "arn:aws:iam::123456789012:user/alice";
    private static final String BOB = "arn:aws:iam::123456789012:user/bob";
    private static final String SDK = "arn:aws:iam::123456789012:user/mesh-team";
    private static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    @TempDir
    Path dir;

    @Test
    void successfulGetsOfATablesObjectsAreReadsOfItsRequesterCountedOnce() {
        String data = bucket("data");
        String logs = bucket("logs");
        String table = "sales/orders_v1";
        try (S3Client s3 = S3ProxyServer.client()) {
            put(
                    s3,
                    logs,
                    "access/2026-12-06-10-00-00-A1B2C3",
                    String.join(
                            "\n",
                            line(data, "09:00:01", ALICE, "REST.GET.OBJECT", table + "/part-0.parquet", 200),
                            line(data, "09:00:02", ALICE, "REST.GET.OBJECT", table + "/part-1.parquet", 206),
                            line(data, "09:05:00", BOB, "REST.GET.OBJECT", table + "/part-0.parquet", 200),
                            line(
                                    data,
                                    "09:05:00",
                                    ALICE,
                                    "REST.GET.OBJECT",
                                    table + "/_delta_log/00000000000000000000.json",
                                    200),
                            line(data, "09:06:00", BOB, "REST.GET.OBJECT", table + "/part-9.parquet", 404),
                            line(data, "09:07:00", BOB, "REST.HEAD.OBJECT", table + "/part-0.parquet", 200),
                            line(data, "09:08:00", ALICE, "REST.GET.OBJECT", "sales/customers_v1/part-0.parquet", 200),
                            line(data, "09:09:00", SDK, "REST.GET.OBJECT", table + "/part-0.parquet", 200),
                            "this line was cut off by " + ALICE,
                            line(logs, "09:10:00", ALICE, "REST.GET.OBJECT", table + "/part-0.parquet", 200),
                            ""));
            // an older delivery with fewer fields, a Select, and a read that has not settled at noon
            put(
                    s3,
                    logs,
                    "access/2026-12-06-11-00-00-D4E5F6",
                    String.join(
                            "\n",
                            OWNER + " " + data + " [06/Dec/2026:10:15:00 +0000] 10.0.0.7 " + ALICE
                                    + " REQ REST.GET.OBJECT "
                                    + table + "/part-0.parquet \"GET /" + data + "/" + table
                                    + "/part-0.parquet HTTP/1.1\" 200"
                                    + " - 512 512 3 2 \"-\" \"aws-cli/2.15\" -",
                            line(data, "10:20:00", BOB, "REST.POST.SELECT", table + "/part-1.parquet", 200),
                            line(data, "11:30:00", BOB, "REST.GET.OBJECT", table + "/part-0.parquet", 200)));
            // delivered before the last 7 days: not read again
            put(
                    s3,
                    logs,
                    "access/2026-11-20-00-00-00-OLD",
                    line(data, "2026-11-19", "23:00:00", ALICE, "REST.GET.OBJECT", table + "/part-0.parquet", 200));
        }
        UsageTarget target = target(data, table, "s3://" + logs + "/access");
        try (Registry registry =
                new FileRegistryFactory().create(new AdapterContext("dev", dir, Map.of(), null, null, null))) {
            UsageBatch first = collect(target, NOW);
            assertThat(first.uncollected()).isEmpty();
            assertThat(first.warnings())
                    .containsExactly("Skipped 1 line(s) of log object s3://" + logs
                            + "/access/2026-12-06-10-00-00-A1B2C3 that are neither S3 server access log nor RGW operations log"
                            + " lines: line(s) 9;"
                            + " the reads they record are not counted");
            assertThat(record(registry, target, first, NOW).reads()).isEqualTo(5);
            assertThat(record(registry, target, collect(target, NOW), NOW).reads())
                    .as("collecting twice counts nothing twice")
                    .isZero();
            Instant later = NOW.plusSeconds(3600);
            assertThat(record(registry, target, collect(target, later), later).reads())
                    .as("the read that had not settled at noon, once")
                    .isEqualTo(1);
            LocalDate day = LocalDate.of(2026, 12, 6);
            assertThat(registry.usage().days("dev", "shop", day, day))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.reads()).isEqualTo(6);
                        assertThat(d.readers()).containsExactly(Map.entry(ALICE, 3L), Map.entry(BOB, 3L));
                        assertThat(d.lastRead()).isEqualTo(Instant.parse("2026-12-06T11:30:00Z"));
                    });
        }
    }

    @Test
    void aLogBucketThatIsNotThereIsAWarningAndItsPortsAreNotObserved() {
        String data = bucket("data");
        UsageTarget target = target(
                data,
                "sales/orders_v1",
                "s3://no-such-log-bucket-" + ProcessHandle.current().pid() + "/access");
        UsageBatch batch = collect(target, NOW);
        assertThat(batch.observations()).isEmpty();
        assertThat(batch.uncollected()).containsExactly(target.address());
        assertThat(batch.warnings())
                .containsExactly("Cannot read the S3 access logs at s3://no-such-log-bucket-"
                        + ProcessHandle.current().pid()
                        + "/access (NoSuchBucket): check accessLogs / mesh.s3.usage.accessLogs"
                        + " (the bucket is not there)");
    }

    @Test
    void aServerWithoutAccessLogsIsLeftToTheSparkCollector() {
        Server plain = Contracts.server(
                "team-s3",
                Map.of(
                        "location",
                        "s3://data/sales",
                        "endpointUrl",
                        S3ProxyServer.endpoint().toString(),
                        "region",
                        "us-east-1"),
                TestS3Proxy.CREDENTIALS_ID);
        var binding = Fixtures.binding(Fixtures.ordersContract(plain), plain);
        try (S3AccessLogCollector collector =
                new S3AccessLogCollector(new AdapterContext("dev", dir, Map.of(), null, null, null))) {
            assertThat(collector.supports(binding)).isFalse();
        }
        try (S3AccessLogCollector collector = new S3AccessLogCollector(new AdapterContext(
                "dev", dir, Map.of(S3AccessLogCollector.LOCATION_KEY, "s3://logs/access"), null, null, null))) {
            assertThat(collector.supports(binding)).isTrue();
        }
    }

    private static String bucket(String name) {
        String bucket = name + "-" + BUCKETS.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        try (S3Client s3 = S3ProxyServer.client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    private static void put(S3Client s3, String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    private static String line(String bucket, String time, String requester, String operation, String key, int status) {
        return line(bucket, "2026-12-06", time, requester, operation, key, status);
    }

    /** A full line as S3 writes it today (26 fields). */
    private static String line(
            String bucket, String day, String time, String requester, String operation, String key, int status) {
        LocalDate d = LocalDate.parse(day);
        String when = String.format(
                "%02d/%s/%d:%s +0000",
                d.getDayOfMonth(),
                d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH),
                d.getYear(),
                time);
        String verb = operation.split("\\.")[1];
        return OWNER + " " + bucket + " [" + when + "] 192.0.2.3 " + requester + " 3E57427F3EXAMPLE " + operation + " "
                + key + " \"" + verb + " /" + bucket + "/" + key + " HTTP/1.1\" " + status + " "
                + (status == 200 || status == 206 ? "-" : "NoSuchKey") + " 4096 8192 12 10 \"-\" \"Hadoop 3.4.1\" -"
                + " s9lzHYrFp76ZVxRcpX9= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader " + bucket
                + ".s3.us-east-1.amazonaws.com TLSv1.3 - -";
    }

    private static UsageTarget target(String data, String table, String logs) {
        Server server = new Server(
                "team-s3",
                "s3",
                null,
                null,
                Map.of(
                        "location",
                        "s3://" + data + "/sales",
                        "endpointUrl",
                        S3ProxyServer.endpoint().toString(),
                        "region",
                        "us-east-1"),
                List.of(
                        new CustomProperty("credentialsId", TestS3Proxy.CREDENTIALS_ID, null),
                        new CustomProperty(S3AccessLogCollector.SERVER_PROPERTY, logs, null)),
                Map.of());
        return new UsageTarget(
                "shop",
                "orders",
                1,
                "orders",
                "s3://" + data + "/" + table,
                Fixtures.binding(Fixtures.ordersContract(server), server));
    }

    private UsageBatch collect(UsageTarget target, Instant at) {
        AdapterContext context = new AdapterContext(
                "dev",
                dir,
                Map.of(S3AccessLogCollector.EXCLUDE_KEY, SDK),
                TestS3Proxy.secrets(),
                null,
                Clock.fixed(at, ZoneOffset.UTC));
        try (S3AccessLogCollector collector = new S3AccessLogCollector(context)) {
            assertThat(collector.supports(target.binding())).isTrue();
            return collector.collect(List.of(target));
        }
    }

    private static UsageRollup.Result record(Registry registry, UsageTarget target, UsageBatch batch, Instant at) {
        return registry.usage()
                .record(new UsageUpdate(
                        "dev",
                        "shop",
                        at,
                        Map.of(target.address(), "orders"),
                        Set.of("orders"),
                        Set.of(S3AccessLogCollector.SOURCE),
                        batch.observations()));
    }
}

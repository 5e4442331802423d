package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.UsageUpdate;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageTarget;
import dev.meshsdk.storage.local.FileRegistryFactory;
import dev.meshsdk.testkit.CephRgw;
import dev.meshsdk.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Real reads through a Ceph RADOS Gateway ({@link CephRgw}, with {@code rgw_enable_ops_log} writing one JSON line per
 * request to {@code rgw_ops_log_file_path}): two users read a port's table a known number of times (one ranged
 * GET), the team (the SDK's credentials) reads it too, a stranger is denied; the gateway's operations log, copied
 * into a log bucket as a platform team would ship it, is collected, and the usage the file registry keeps shows
 * exactly those reads. Collecting again adds nothing.
 */
@ExtendWith(CephRgw.class)
class CephRgwOpsLogUsageIT {
    @TempDir
    Path dir;

    @Test
    void readsThroughTheGatewayAreCountedPerUserFromItsOperationsLog() throws Exception {
        S3Client team = CephRgw.client("team");
        String data = "ops-data-" + ProcessHandle.current().pid();
        String logs = "ops-logs-" + ProcessHandle.current().pid();
        team.createBucket(b -> b.bucket(data));
        team.createBucket(b -> b.bucket(logs));
        String table = "sales/orders_v1";
        for (String part : List.of("part-0.parquet", "part-1.parquet")) {
            team.putObject(
                    b -> b.bucket(data).key(table + "/" + part).acl(ObjectCannedACL.AUTHENTICATED_READ),
                    RequestBody.fromString("parquet bytes of " + part));
        }
        team.putObject(b -> b.bucket(data).key(table + "/private.parquet"), RequestBody.fromString("private"));

        S3Client consumer = CephRgw.client("consumer");
        S3Client reader = CephRgw.client("mesh_reader");
        consumer.getObjectAsBytes(b -> b.bucket(data).key(table + "/part-0.parquet"));
        consumer.getObjectAsBytes(b -> b.bucket(data).key(table + "/part-1.parquet"));
        consumer.getObjectAsBytes(
                b -> b.bucket(data).key(table + "/part-0.parquet").range("bytes=0-3"));
        reader.getObjectAsBytes(b -> b.bucket(data).key(table + "/part-0.parquet"));
        reader.getObjectAsBytes(b -> b.bucket(data).key(table + "/part-1.parquet"));
        reader.headObject(b -> b.bucket(data).key(table + "/part-0.parquet"));
        team.getObjectAsBytes(b -> b.bucket(data).key(table + "/part-0.parquet"));
        try {
            CephRgw.client("stranger").getObjectAsBytes(b -> b.bucket(data).key(table + "/private.parquet"));
            throw new AssertionError("the stranger read a private object");
        } catch (S3Exception denied) {
            assertThat(denied.statusCode()).isEqualTo(403);
        }

        String ops = awaitOpsLog(data, 12); // the bucket, 3 uploads, 8 reads (the stranger's denied one too)
        team.putObject(b -> b.bucket(logs).key("rgw/2026-12-06-00-00-00-rgw1"), RequestBody.fromString(ops));

        Instant later = Instant.now().plusSeconds(2 * 3600); // past the collector's settling hour
        Server server = new Server(
                "ceph",
                "s3",
                null,
                null,
                Map.of(
                        "location",
                        "s3://" + data + "/sales",
                        "endpointUrl",
                        CephRgw.endpoint().toString(),
                        "region",
                        "us-east-1"),
                List.of(
                        new CustomProperty("credentialsId", "ceph-team", null),
                        new CustomProperty(S3AccessLogCollector.SERVER_PROPERTY, "s3://" + logs + "/rgw", null)),
                Map.of());
        UsageTarget target = new UsageTarget(
                "shop",
                "orders",
                1,
                "orders",
                "s3://" + data + "/" + table,
                Fixtures.binding(Fixtures.ordersContract(server), server));
        AdapterContext context = new AdapterContext(
                "dev",
                dir,
                Map.of(S3AccessLogCollector.EXCLUDE_KEY, "team"),
                CephStorageAdapterContractIT.teamSecrets(),
                null,
                Clock.fixed(later, ZoneOffset.UTC));
        try (Registry registry =
                        new FileRegistryFactory().create(new AdapterContext("dev", dir, Map.of(), null, null, null));
                S3AccessLogCollector collector = new S3AccessLogCollector(context)) {
            UsageBatch first = collector.collect(List.of(target));
            assertThat(first.warnings()).isEmpty();
            assertThat(first.uncollected()).isEmpty();
            UsageUpdate update = new UsageUpdate(
                    "dev",
                    "shop",
                    later,
                    Map.of(target.address(), "orders"),
                    Set.of("orders"),
                    Set.of(S3AccessLogCollector.SOURCE),
                    first.observations());
            assertThat(registry.usage().record(update).reads()).isEqualTo(5);
            UsageBatch second = collector.collect(List.of(target));
            assertThat(registry.usage()
                            .record(new UsageUpdate(
                                    "dev",
                                    "shop",
                                    later,
                                    Map.of(target.address(), "orders"),
                                    Set.of("orders"),
                                    Set.of(S3AccessLogCollector.SOURCE),
                                    second.observations()))
                            .reads())
                    .as("collecting twice counts nothing twice")
                    .isZero();
            var today = dev.meshsdk.spi.registry.UsageRollup.day(Instant.now());
            assertThat(registry.usage().days("dev", "shop", today.minusDays(1), today.plusDays(1)))
                    .filteredOn(d -> d.reads() > 0)
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.reads()).isEqualTo(5);
                        assertThat(d.readers())
                                .containsExactly(Map.entry("consumer", 3L), Map.entry("mesh_reader", 2L));
                    });
        }
    }

    /** The gateway's operations log once it holds at least {@code requests} lines about {@code bucket}. */
    private static String awaitOpsLog(String bucket, int requests) throws IOException, InterruptedException {
        Path log = CephRgw.opsLog();
        long deadline = System.currentTimeMillis() + 30_000;
        String text = "";
        while (System.currentTimeMillis() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            long lines = text.lines()
                    .filter(l -> l.contains("\"bucket\":\"" + bucket + "\""))
                    .count();
            if (lines >= requests) return text;
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway's operations log " + log + " did not get the test's " + requests
                + " requests within 30 s; it has " + text.lines().count() + " line(s)");
    }
}

package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.testkit.CephRgw;
import dev.meshsdk.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Bucket governance on a real Ceph RADOS Gateway, which enforces bucket policies: the consumer a contract
 * grants reads inside the port's prefix and is denied outside it, a stranger is denied, a removed grant
 * revokes; other parties' statements, tags and lifecycle rules survive every deploy; a second deploy writes
 * nothing; a foreign or unreachable bucket is a clear error; erasure from a Parquet prefix removes every
 * version.
 */
@ExtendWith(CephRgw.class)
class CephBucketGovernanceIT {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String OTHERS_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OthersRead\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam:::user/otherteam\"]},\"Action\":[\"s3:GetObject\"],"
            + "\"Resource\":[\"arn:aws:s3:::%s/others/*\"]}]}";

    private final MetricRegistry metrics = new MetricRegistry();
    private final S3Client team = CephRgw.client("team");
    private S3StorageAdapter adapter;
    private String bucket;

    @BeforeEach
    void setUp() {
        bucket = "gov-" + BUCKETS.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        team.createBucket(b -> b.bucket(bucket));
        adapter = new S3StorageAdapter(
                new AdapterContext(
                        "dev", Path.of("."), Map.of(), CephStorageAdapterContractIT.teamSecrets(), metrics, null),
                Optional::empty);
    }

    @AfterEach
    void tearDown() {
        adapter.close();
    }

    private PortBinding binding(DataContract contract, List<AccessGrant> access) {
        PortBinding b = Contracts.binding(
                contract,
                Contracts.server(
                        "ceph",
                        Map.of(
                                "location",
                                "s3://" + bucket + "/sales/orders",
                                "endpointUrl",
                                CephRgw.endpoint().toString(),
                                "region",
                                "us-east-1"),
                        "ceph-team"));
        return Fixtures.withAccess(b, access);
    }

    private List<Change> deploy(PortBinding b) {
        List<Change> changes = adapter.plan(b, adapter.inspect(b));
        assertThat(changes).noneMatch(c -> c instanceof Change.Refused);
        for (Change c : changes) adapter.apply(b, c);
        return changes;
    }

    private static int status(Runnable request) {
        try {
            request.run();
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    private int read(String user, String key) {
        S3Client s3 = CephRgw.client(user);
        return status(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)));
    }

    private int list(String user, String prefix) {
        S3Client s3 = CephRgw.client(user);
        return status(() -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)));
    }

    @Test
    void grantedConsumerReadsInsideThePrefixOnlyStrangerIsDeniedAndARemovedGrantRevokes() {
        team.putBucketPolicy(b -> b.bucket(bucket).policy(OTHERS_POLICY.formatted(bucket)));
        team.putObject(b -> b.bucket(bucket).key("sales/orders/orders/part-0.parquet"), RequestBody.fromString("in"));
        team.putObject(b -> b.bucket(bucket).key("finance/ledger.parquet"), RequestBody.fromString("out"));
        assertThat(read("consumer", "sales/orders/orders/part-0.parquet"))
                .as("before any grant")
                .isEqualTo(403);

        List<Change> granted = deploy(binding(Contracts.orders(), List.of(new AccessGrant("consumer", "read"))));

        assertThat(granted).filteredOn(c -> c instanceof Change.Grant).hasSize(1);
        assertThat(read("consumer", "sales/orders/orders/part-0.parquet"))
                .as("consumer inside")
                .isEqualTo(200);
        assertThat(list("consumer", "sales/orders/orders/"))
                .as("consumer lists inside")
                .isEqualTo(200);
        assertThat(read("consumer", "finance/ledger.parquet"))
                .as("consumer outside")
                .isEqualTo(403);
        assertThat(list("consumer", "finance/")).as("consumer lists outside").isEqualTo(403);
        assertThat(read("stranger", "sales/orders/orders/part-0.parquet"))
                .as("stranger")
                .isEqualTo(403);
        String policy = team.getBucketPolicy(b -> b.bucket(bucket)).policy();
        assertThat(policy).contains("OthersRead", BucketPolicy.SID_PREFIX);

        // Someone puts the old policy back by hand: the next plan grants again, and the deploy restores it.
        team.putBucketPolicy(b -> b.bucket(bucket).policy(OTHERS_POLICY.formatted(bucket)));
        PortBinding granting = binding(Contracts.orders(), List.of(new AccessGrant("consumer", "read")));
        assertThat(adapter.plan(granting, adapter.inspect(granting)))
                .extracting(Change::summary)
                .containsExactly("grant read on orders to consumer");
        deploy(granting);
        assertThat(read("consumer", "sales/orders/orders/part-0.parquet"))
                .as("consumer after repair")
                .isEqualTo(200);

        List<Change> revoked = deploy(binding(Contracts.orders(), List.of()));

        assertThat(revoked)
                .filteredOn(c -> c instanceof Change.Revoke)
                .extracting(Change::summary)
                .containsExactly("revoke read on orders from consumer");
        assertThat(read("consumer", "sales/orders/orders/part-0.parquet"))
                .as("consumer after revoke")
                .isEqualTo(403);
        assertThat(team.getBucketPolicy(b -> b.bucket(bucket)).policy())
                .contains("OthersRead")
                .doesNotContain(BucketPolicy.SID_PREFIX);
    }

    @Test
    void tagsLifecycleAndOwnerMarkerAreMergedAndASecondDeployWritesNothing() {
        team.putBucketTagging(b -> b.bucket(bucket)
                .tagging(t ->
                        t.tagSet(Tag.builder().key("cost-center").value("42").build())));
        team.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder()
                        .rules(LifecycleRule.builder()
                                .id("others-tmp")
                                .filter(f -> f.prefix("tmp/"))
                                .status(ExpirationStatus.ENABLED)
                                .expiration(e -> e.days(1))
                                .build())
                        .build()));
        PortBinding b = binding(Contracts.orders(), List.of(new AccessGrant("consumer", "read")));

        deploy(b);
        long writes = metrics.counter("mesh.storage.s3.writes").getCount();
        List<Change> again = deploy(b);

        assertThat(again).isEmpty();
        assertThat(metrics.counter("mesh.storage.s3.writes").getCount())
                .as("writes by the second deploy")
                .isEqualTo(writes);
        Map<String, String> tags = new java.util.TreeMap<>();
        team.getBucketTagging(r -> r.bucket(bucket)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        assertThat(tags)
                .containsEntry("cost-center", "42")
                .containsEntry("mesh:team", "orders-team")
                .containsEntry("mesh:domain", "sales")
                .containsEntry("mesh:product:orders", "true");
        List<LifecycleRule> rules =
                team.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules();
        assertThat(rules).extracting(LifecycleRule::id).contains("others-tmp");
        assertThat(rules)
                .filteredOn(r -> r.id().startsWith(Bucket.RULE_PREFIX))
                .extracting(r -> r.filter().prefix() + "=" + r.expiration().days())
                .containsExactlyInAnyOrder("sales/orders/_raw/=90", "sales/orders/_staging/=90");
        Map<String, String> owner = new java.util.TreeMap<>();
        team.getObjectTagging(r -> r.bucket(bucket).key("sales/orders/_mesh/owner.json"))
                .tagSet()
                .forEach(t -> owner.put(t.key(), t.value()));
        assertThat(owner).containsEntry("mesh:product", "orders").containsEntry("mesh:team", "orders-team");

        // Retention removed from the contract: the SDK's rules go, the others' stay.
        DataContract noRetention = Fixtures.withVersion(
                Fixtures.withProperty(Fixtures.ordersContract(), Fixtures.OBJECT_NAME, Contracts.status()), "1.1.0");
        deploy(binding(noRetention, List.of(new AccessGrant("consumer", "read"))));
        assertThat(team.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules())
                .extracting(LifecycleRule::id)
                .containsExactly("others-tmp");
    }

    @Test
    void aBucketTaggedForAnotherTeamIsRefusedBeforeAnyWrite() {
        team.putBucketTagging(b -> b.bucket(bucket)
                .tagging(t ->
                        t.tagSet(Tag.builder().key("mesh:team").value("billing").build())));
        PortBinding b = binding(Contracts.orders(), List.of());

        assertThatThrownBy(() -> adapter.inspect(b))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("belongs to team 'billing'")
                .hasMessageContaining("use your team's own bucket");
        assertThat(metrics.counter("mesh.storage.s3.writes").getCount()).isZero();
        assertThat(team.listObjectsV2(r -> r.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void aBucketOfAnotherAccountIsNotReachableAndSaysSo() {
        String foreign = "foreign-" + bucket;
        CephRgw.client("otherteam").createBucket(r -> r.bucket(foreign));
        PortBinding b = Contracts.binding(
                Contracts.orders(),
                Contracts.server(
                        "ceph",
                        Map.of(
                                "location",
                                "s3://" + foreign + "/sales/orders",
                                "endpointUrl",
                                CephRgw.endpoint().toString(),
                                "region",
                                "us-east-1"),
                        "ceph-team"));

        assertThatThrownBy(() -> adapter.inspect(b))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("is not reachable with")
                .hasMessageContaining("secret 'ceph-team'")
                .hasMessageNotContaining(CephRgw.secretKey("team"))
                .extracting(e -> ((MeshException) e).code())
                .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
    }

    @Test
    void erasingFromAParquetPrefixDeletesEveryVersionOfTheSubjectsObjects() {
        team.putBucketVersioning(
                r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        DataContract c =
                Fixtures.withProperty(Contracts.orders(), Fixtures.OBJECT_NAME, partitioned(Fixtures.idProperty()));
        PortBinding b = Contracts.binding(
                c,
                Contracts.server(
                        "ceph",
                        Map.of(
                                "location",
                                "s3://" + bucket + "/sales/orders",
                                "endpointUrl",
                                CephRgw.endpoint().toString(),
                                "region",
                                "us-east-1",
                                "format",
                                "parquet"),
                        "ceph-team"));
        deploy(b);
        String subject = "sales/orders/orders/id=42/part-0.parquet";
        team.putObject(r -> r.bucket(bucket).key(subject), RequestBody.fromString("v1"));
        team.putObject(r -> r.bucket(bucket).key(subject), RequestBody.fromString("v2"));
        team.putObject(
                r -> r.bucket(bucket).key("sales/orders/orders/id=43/part-0.parquet"), RequestBody.fromString("keep"));

        var result = adapter.erase(b, new ErasureRequest("req-1", "42", "dpo"));

        assertThat(result.rowsDeleted()).as("object versions deleted").isEqualTo(2);
        assertThat(team.listObjectVersions(r -> r.bucket(bucket).prefix("sales/orders/orders/id=42/"))
                        .versions())
                .isEmpty();
        assertThat(team.listObjectVersions(r -> r.bucket(bucket).prefix("sales/orders/orders/id=43/"))
                        .versions())
                .hasSize(1);
    }

    private static dev.meshsdk.model.SchemaProperty partitioned(dev.meshsdk.model.SchemaProperty p) {
        return new dev.meshsdk.model.SchemaProperty(
                p.id(),
                p.name(),
                p.physicalName(),
                p.logicalType(),
                p.physicalType(),
                p.logicalTypeOptions(),
                p.description(),
                p.businessName(),
                p.required(),
                p.unique(),
                p.primaryKey(),
                p.primaryKeyPosition(),
                true,
                1,
                p.classification(),
                p.tags(),
                p.quality(),
                p.properties(),
                p.items(),
                p.customProperties(),
                p.extensions());
    }
}

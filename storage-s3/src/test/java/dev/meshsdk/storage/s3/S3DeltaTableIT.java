package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.storage.delta.DeltaTypes;
import dev.meshsdk.testkit.Fixtures;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Delta tables in a bucket on the in-process S3Proxy: what the first commit holds, planning against the
 * real Delta log, additive and breaking changes, drift, bad locations, and erasure's hand-over to a
 * {@link DeltaEraser}.
 */
class S3DeltaTableIT {
    private static final String BUCKET = TestS3Proxy.newBucket();
    private final ObjectMapper json = new ObjectMapper();
    private final MetricRegistry metrics = new MetricRegistry();
    private final S3Client s3 = TestS3Proxy.client();
    private S3StorageAdapter adapter;
    private String prefix;

    @BeforeEach
    void open() {
        prefix = "sales/" + UUID.randomUUID();
        adapter = adapter(Map.of(), Optional.empty());
    }

    @AfterEach
    void close() {
        adapter.close();
        s3.close();
    }

    private S3StorageAdapter adapter(Map<String, String> extra, Optional<DeltaEraser> eraser) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("mesh.s3.bucketGovernance", "false");
        return new S3StorageAdapter(
                new AdapterContext("dev", Path.of("."), config, TestS3Proxy.secrets(), metrics, null), () -> eraser);
    }

    private PortBinding binding(DataContract contract) {
        return binding(contract, "s3://" + BUCKET + "/" + prefix, Map.of());
    }

    private PortBinding binding(DataContract contract, String location, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(TestS3Proxy.settings(location));
        settings.putAll(extra);
        return Contracts.binding(contract, Contracts.server("proxy", settings, TestS3Proxy.CREDENTIALS_ID));
    }

    private List<Change> deploy(S3StorageAdapter a, PortBinding b) {
        List<Change> changes = a.plan(b, a.inspect(b));
        assertThat(changes).noneMatch(c -> c instanceof Change.Refused);
        for (Change c : changes) a.apply(b, c);
        return changes;
    }

    private JsonNode commit(String table, long version) throws Exception {
        String key = prefix + "/" + table + "/_delta_log/" + String.format("%020d", version) + ".json";
        Map<String, JsonNode> actions = new HashMap<>();
        for (String line : s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key))
                .asUtf8String()
                .split("\n")) {
            JsonNode n = json.readTree(line);
            actions.put(n.fieldNames().next(), n.elements().next());
        }
        return json.valueToTree(actions);
    }

    @Test
    void createsTheDeltaTableWithSchemaCommentsNotNullConstraintsAndProperties() throws Exception {
        deploy(adapter, binding(Contracts.orders()));

        JsonNode v0 = commit("orders", 0);
        assertThat(v0.at("/protocol/minReaderVersion").asInt()).isEqualTo(3);
        assertThat(v0.at("/protocol/writerFeatures").toString()).contains("deletionVectors", "checkConstraints");
        JsonNode schema = json.readTree(v0.at("/metaData/schemaString").asText());
        assertThat(schema.at("/fields/0/name").asText()).isEqualTo("id");
        assertThat(schema.at("/fields/0/type").asText()).isEqualTo("long");
        assertThat(schema.at("/fields/0/nullable").asBoolean()).isFalse();
        assertThat(schema.at("/fields/0/metadata/comment").asText()).isEqualTo("Order identifier");
        assertThat(schema.at("/fields/2/type").asText()).isEqualTo("decimal(12,2)");
        JsonNode conf = v0.at("/metaData/configuration");
        assertThat(conf.path("delta.enableDeletionVectors").asText()).isEqualTo("true");
        assertThat(conf.path("delta.logRetentionDuration").asText()).isEqualTo("interval 90 days");
        assertThat(conf.path("delta.deletedFileRetentionDuration").asText()).isEqualTo("interval 90 days");
        assertThat(conf.path("delta.constraints.mesh_status_invalidvalues").asText())
                .isEqualTo("`status` IS NULL OR `status` IN ('new', 'paid')");
        assertThat(conf.path("delta.constraints.mesh_status_nullvalues").asText())
                .isEqualTo("`status` IS NOT NULL");
        assertThat(conf.path("mesh.team").asText()).isEqualTo("orders-team");

        // Read back through Delta Kernel over S3A, as inspect does.
        PortState state = adapter.inspect(binding(Contracts.orders()));
        assertThat(state.facts().get("orders.table"))
                .contains("\"name\":\"status\"")
                .contains("mesh_status_nullvalues");
        assertThat(state.facts().get("orders.version")).isEqualTo("0");
    }

    @Test
    void secondDeployPlansNothingAndWritesNothing() {
        PortBinding b = binding(Contracts.orders());
        deploy(adapter, b);
        long writes = metrics.counter("mesh.storage.s3.writes").getCount();

        List<Change> again = deploy(adapter, b);

        assertThat(again).isEmpty();
        assertThat(metrics.counter("mesh.storage.s3.writes").getCount()).isEqualTo(writes);
        assertThat(writes).isPositive();
    }

    @Test
    void additiveChangesCommitANewVersionOfTheLog() throws Exception {
        PortBinding b = binding(Contracts.orders());
        deploy(adapter, b);
        DataContract c = Fixtures.withVersion(
                Fixtures.withProperty(
                        Contracts.orders(),
                        Fixtures.OBJECT_NAME,
                        Fixtures.withDescription(Fixtures.property("note", "string"), "A note")),
                "1.1.0");
        c = Fixtures.withProperty(
                c, Fixtures.OBJECT_NAME, Fixtures.withDescription(Fixtures.nameProperty(), "Who ordered"));
        c = Fixtures.withProperty(
                c, Fixtures.OBJECT_NAME, Fixtures.withType(Fixtures.amountProperty(), "number", "decimal(14,2)"));

        List<Change> changes = deploy(adapter, Fixtures.withContract(b, c));

        assertThat(changes)
                .extracting(Change::summary)
                .anyMatch(s -> s.startsWith("add column orders.note"))
                .anyMatch(s -> s.startsWith("alter column orders.name comment"))
                .anyMatch(s -> s.startsWith("alter column orders.amount type decimal(12,2) -> decimal(14,2)"))
                .anyMatch(s -> s.contains("mesh.contract.version"));
        JsonNode latest = commit("orders", 4);
        assertThat(latest.at("/metaData/schemaString").asText())
                .contains("decimal(14,2)")
                .contains("delta.typeChanges");
        assertThat(latest.at("/metaData/configuration/mesh.contract.version").asText())
                .isEqualTo("1.1.0");
        assertThat(latest.at("/metaData/configuration/delta.constraints.mesh_status_nullvalues")
                        .isMissingNode())
                .isFalse();
        assertThat(adapter.plan(Fixtures.withContract(b, c), adapter.inspect(Fixtures.withContract(b, c))))
                .isEmpty();
    }

    @Test
    void aNewConstraintOnAnExistingTableIsRefusedAndARemovedOneIsDropped() {
        PortBinding b = binding(Contracts.orders());
        deploy(adapter, b);
        DataContract fewer = Fixtures.withVersion(
                Fixtures.withProperty(
                        Contracts.orders(),
                        Fixtures.OBJECT_NAME,
                        Fixtures.property("status", "string", null, false, "Order status", null)),
                "1.1.0");

        List<Change> relax = deploy(adapter, Fixtures.withContract(b, fewer));
        List<Change> tighten = adapter.plan(b, adapter.inspect(b));

        assertThat(relax)
                .filteredOn(c -> c instanceof Change.SetProperties)
                .flatExtracting(c -> ((Change.SetProperties) c).removed())
                .contains("delta.constraints.mesh_status_invalidvalues", "delta.constraints.mesh_status_nullvalues");
        assertThat(tighten)
                .filteredOn(c -> c instanceof Change.Refused)
                .extracting(Change::summary)
                .anyMatch(s -> s.contains("CHECK constraint 'mesh_status_invalidvalues'") && s.contains("2.0.0"));
    }

    @Test
    void aBreakingChangeIsRefusedUntilTheMajorVersionThenProvisionedBesideTheOldTable() throws Exception {
        PortBinding b = binding(Contracts.orders());
        deploy(adapter, b);
        DataContract minor = Fixtures.withVersion(
                Fixtures.withoutProperty(Contracts.orders(), Fixtures.OBJECT_NAME, "name"), "1.1.0");
        DataContract major = Fixtures.withVersion(minor, "2.0.0");

        List<Change> refused =
                adapter.plan(Fixtures.withContract(b, minor), adapter.inspect(Fixtures.withContract(b, minor)));
        List<Change> v2 = deploy(adapter, Fixtures.withContract(b, major));

        assertThat(refused)
                .filteredOn(c -> c instanceof Change.Refused)
                .singleElement()
                .satisfies(c -> assertThat(((Change.Refused) c).hint()).contains("orders_v2"));
        assertThat(v2)
                .filteredOn(c -> c instanceof Change.CreateTable)
                .extracting(Change::target)
                .containsExactly("orders_v2");
        assertThat(commit("orders_v2", 0).at("/metaData/schemaString").asText()).doesNotContain("\"name\":\"name\"");
        assertThat(commit("orders", 0).at("/metaData/schemaString").asText()).contains("\"name\":\"name\"");
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix + "/orders/_delta_log/"))
                        .keyCount())
                .as("the old table is untouched")
                .isEqualTo(1);
    }

    @Test
    void driftInTheLogShowsInThePlan() {
        PortBinding b = binding(Contracts.orders());
        deploy(adapter, b);
        // Someone adds a column and changes the retention by hand, committing to the log directly.
        S3Connection conn = S3Connection.open(
                new AdapterContext("dev", Path.of("."), Map.of(), TestS3Proxy.secrets(), null, null), b.server());
        DeltaLog log = new DeltaLog(conn);
        S3Location table = S3Location.parse("s3://" + BUCKET + "/" + prefix + "/orders");
        Snapshot s = log.snapshot(table).orElseThrow();
        List<io.delta.kernel.types.StructField> fields =
                new ArrayList<>(s.getSchema().fields());
        fields.add(DeltaTypes.field(new Column("by_hand", "int", null, true, null, null)));
        log.update(
                table,
                s,
                new StructType(fields),
                Map.of("delta.logRetentionDuration", "interval 7 days"),
                Set.of(),
                "MANUAL");
        conn.close();

        List<Change> plan = adapter.plan(b, adapter.inspect(b));

        assertThat(plan)
                .extracting(Change::summary)
                .anyMatch(x -> x.startsWith("refused on orders: column 'by_hand'"))
                .anyMatch(x -> x.contains("set properties on orders [delta.logRetentionDuration]"));
    }

    @Test
    void grantsWithoutBucketGovernanceAreRefusedNotDropped() {
        PortBinding b = Fixtures.withAccess(
                binding(Contracts.orders()), List.of(new dev.meshsdk.spi.AccessGrant("analyst", "read")));

        List<Change> plan = adapter.plan(b, adapter.inspect(b));

        assertThat(plan)
                .filteredOn(c -> c instanceof Change.Refused)
                .singleElement()
                .satisfies(c -> assertThat(c.summary()).contains("[analyst]", "mesh.s3.bucketGovernance=false"));
        assertThat(plan).noneMatch(c -> c instanceof Change.Grant);
    }

    @Test
    void aMissingBucketIsAClearErrorAndNothingIsCreated() {
        PortBinding b = binding(Contracts.orders(), "s3://no-such-team-bucket/sales/orders", Map.of());

        assertThatThrownBy(() -> adapter.inspect(b))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("bucket 'no-such-team-bucket': the bucket does not exist")
                .hasMessageContaining("never creates buckets");
        assertThat(s3.listBuckets().buckets()).noneMatch(x -> x.name().equals("no-such-team-bucket"));
    }

    @Test
    void aLocationOutsideTheTeamsBucketsIsRefused() {
        S3StorageAdapter strict =
                adapter(Map.of("mesh.s3.teams.orders-team.buckets", "orders-team-data"), Optional.empty());
        PortBinding b = binding(Contracts.orders());

        assertThatThrownBy(() -> strict.inspect(b))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("outside team 'orders-team''s buckets [orders-team-data]")
                .extracting(e -> ((MeshException) e).code())
                .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
        strict.close();
    }

    @Test
    void erasingFromADeltaPortWithoutMeshSparkSaysWhatToAdd() {
        PortBinding b = binding(Contracts.orders());
        deploy(adapter, b);

        assertThatThrownBy(() -> adapter.erase(b, new ErasureRequest("req-1", "42", "dpo@example.com")))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("mesh-spark")
                .hasMessageNotContaining("42")
                .extracting(e -> ((MeshException) e).code())
                .isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @Test
    void erasingFromADeltaPortHandsTheTableToTheEraserAndAuditsWithoutTheValue() throws Exception {
        RecordingDeltaEraser eraser = new RecordingDeltaEraser();
        S3StorageAdapter withSpark = adapter(Map.of(), Optional.of(eraser));
        PortBinding b = binding(Contracts.orders());
        deploy(withSpark, b);

        ErasureResult result = withSpark.erase(b, new ErasureRequest("req-7", "-4711", "dpo@example.com"));

        assertThat(result.rowsDeleted()).isEqualTo(3);
        assertThat(result.tables()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("s3://" + BUCKET + "/" + prefix + "/orders");
            assertThat(t.version()).as("the table's Delta version").isEqualTo("0");
            assertThat(t.physicallyGone()).as("not purged").isFalse();
        });
        assertThat(eraser.calls).singleElement().satisfies(call -> {
            assertThat(call.tableUri()).isEqualTo("s3a://" + BUCKET + "/" + prefix + "/orders");
            assertThat(call.column()).isEqualTo("id");
            assertThat(call.value()).isEqualTo("-4711");
            assertThat(call.hadoopConf())
                    .containsEntry("fs.s3a.endpoint", TestS3Proxy.endpoint().toString())
                    .containsEntry("fs.s3a.path.style.access", "true");
        });
        var audits = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix + "/_mesh/erasures/"))
                .contents();
        assertThat(audits).hasSize(1);
        String audit = s3.getObjectAsBytes(
                        r -> r.bucket(BUCKET).key(audits.get(0).key()))
                .asUtf8String();
        assertThat(json.readTree(audit).path("requestId").asText()).isEqualTo("req-7");
        assertThat(audit)
                .contains("\"count\":3", "dpo@example.com", "\"port\":\"orders\"")
                .doesNotContain("-4711");
        assertThat(withSpark
                        .erase(b, new ErasureRequest("req-8", "not-a-number", "dpo"))
                        .rowsDeleted())
                .as("a value that cannot be an id: no table is handed over")
                .isZero();
        assertThat(eraser.calls).hasSize(1);
        withSpark.close();
    }

    @Test
    void aParquetPortKeepsItsSchemaInAManifestAndErasesTheSubjectsPartition() throws Exception {
        DataContract c =
                Fixtures.withProperty(Contracts.orders(), Fixtures.OBJECT_NAME, partitioned(Fixtures.idProperty()));
        PortBinding b = binding(c, "s3://" + BUCKET + "/" + prefix, Map.of("format", "parquet"));
        deploy(adapter, b);
        for (String key :
                List.of("orders/id=42/part-0.parquet", "orders/id=42/part-1.parquet", "orders/id=43/part-0.parquet")) {
            s3.putObject(
                    r -> r.bucket(BUCKET).key(prefix + "/" + key), RequestBody.fromString("x", StandardCharsets.UTF_8));
        }

        ErasureResult result = adapter.erase(b, new ErasureRequest("req-9", "42", "dpo"));

        assertThat(result.rowsDeleted()).isEqualTo(2);
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix + "/orders/id="))
                        .contents())
                .extracting(o -> o.key())
                .containsExactly(prefix + "/orders/id=43/part-0.parquet");
        assertThat(adapter.plan(b, adapter.inspect(b)))
                .as("plan against the manifest")
                .isEmpty();
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + "/orders/_mesh/schema.json"))
                        .asUtf8String())
                .contains("\"partitionColumns\":[\"id\"]");
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

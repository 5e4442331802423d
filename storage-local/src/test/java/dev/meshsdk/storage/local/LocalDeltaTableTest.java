package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.PortAddresses;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.testkit.Fixtures;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local adapter leaves on disk, read back with Delta Kernel. */
class LocalDeltaTableTest {
    @TempDir
    Path base;

    private final MetricRegistry metrics = new MetricRegistry();
    private StorageAdapter adapter;
    private PortBinding binding;
    private final DeltaTableStore kernel = new DeltaTableStore();

    @BeforeEach
    void setUp() {
        adapter =
                new LocalStorageAdapterFactory().create(new AdapterContext("dev", base, Map.of(), null, metrics, null));
        DataContract contract = Fixtures.withSla(
                Fixtures.withProperty(Fixtures.ordersContract(), Fixtures.OBJECT_NAME, partitionedDay()),
                "retention",
                3,
                "y");
        binding = Fixtures.binding(contract, Fixtures.server("local-dev", "local", Map.of("path", "data")));
    }

    @AfterEach
    void tearDown() {
        adapter.close();
    }

    private static SchemaProperty partitionedDay() {
        SchemaProperty p = Fixtures.property("day", "date", null, true, "Order day", null);
        return new SchemaProperty(
                null,
                p.name(),
                null,
                p.logicalType(),
                null,
                Map.of(),
                p.description(),
                null,
                true,
                false,
                false,
                null,
                true,
                1,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(),
                Map.of());
    }

    private void deploy(PortBinding b) {
        List<Change> changes = adapter.plan(b, adapter.inspect(b));
        assertThat(changes).noneMatch(c -> c instanceof Change.Refused);
        changes.forEach(c -> adapter.apply(b, c));
    }

    private Snapshot snapshot(String table) {
        return kernel.snapshot(base.resolve("data").resolve(table)).orElseThrow();
    }

    @Test
    void createdTableIsADeltaTableWithSchemaCommentsAndProperties() {
        deploy(binding);

        Path dir = base.resolve("data/orders");
        assertThat(dir.resolve("_delta_log/00000000000000000000.json")).isRegularFile();
        Snapshot s = snapshot("orders");
        StructField id = s.getSchema().get("id");
        assertThat(id.getDataType()).isEqualTo(LongType.LONG);
        assertThat(id.isNullable()).as("id nullable").isFalse();
        assertThat(id.getMetadata().getString("comment")).isEqualTo("Order identifier");
        assertThat(id.getMetadata().getString("mesh.classification")).isEqualTo("internal");
        assertThat(s.getSchema().get("name").getDataType()).isEqualTo(StringType.STRING);
        assertThat(s.getSchema().get("name").isNullable()).isTrue();
        assertThat(s.getSchema().get("name").getMetadata().getString("mesh.classification"))
                .isEqualTo("restricted");
        assertThat(s.getSchema().get("amount").getDataType()).isEqualTo(new DecimalType(12, 2));
        assertThat(s.getPartitionColumnNames()).containsExactly("day");
        assertThat(s.getTableProperties())
                .contains(
                        Map.entry("mesh.domain", "sales"),
                        Map.entry("mesh.team", "orders-team"),
                        Map.entry("mesh.product", "orders"),
                        Map.entry("mesh.contract.id", "orders-contract"),
                        Map.entry("mesh.contract.version", "1.0.0"),
                        Map.entry("mesh.primaryKey", "id"),
                        Map.entry("delta.logRetentionDuration", "interval 1095 days"),
                        Map.entry("delta.enableDeletionVectors", "true"),
                        Map.entry("delta.columnMapping.mode", "name"));
    }

    @Test
    void addedColumnReadsBackWithTheKernel() {
        deploy(binding);
        deploy(Fixtures.withContract(
                binding,
                Fixtures.withVersion(
                        Fixtures.withProperty(
                                binding.contract(),
                                Fixtures.OBJECT_NAME,
                                Fixtures.property("note", "string", null, false, "A note", "public")),
                        "1.1.0")));

        Snapshot s = snapshot("orders");
        assertThat(s.getSchema().fieldNames()).containsExactly("id", "name", "amount", "day", "note");
        assertThat(s.getSchema().get("note").getMetadata().getString("comment")).isEqualTo("A note");
        assertThat(s.getTableProperties()).containsEntry("mesh.contract.version", "1.1.0");
    }

    @Test
    void wideningCommentAndNullabilityChangesAreAlteredInPlace() {
        deploy(binding);
        DataContract c = binding.contract();
        c = Fixtures.withProperty(
                c,
                Fixtures.OBJECT_NAME,
                Fixtures.withType(Fixtures.propertyOf(c, Fixtures.OBJECT_NAME, "amount"), "number", "decimal(14,2)"));
        c = Fixtures.withProperty(
                c,
                Fixtures.OBJECT_NAME,
                Fixtures.withDescription(Fixtures.propertyOf(c, Fixtures.OBJECT_NAME, "name"), "Full customer name"));
        c = Fixtures.withProperty(
                c,
                Fixtures.OBJECT_NAME,
                Fixtures.withRequired(Fixtures.propertyOf(c, Fixtures.OBJECT_NAME, "id"), false));
        PortBinding next = Fixtures.withContract(binding, c);

        List<Change> changes = adapter.plan(next, adapter.inspect(next));

        assertThat(changes)
                .filteredOn(ch -> ch instanceof Change.AlterColumn)
                .extracting(ch -> ((Change.AlterColumn) ch).to().name())
                .containsExactlyInAnyOrder("id", "name", "amount");
        deploy(next);
        Snapshot s = snapshot("orders");
        assertThat(s.getSchema().get("amount").getDataType()).isEqualTo(new DecimalType(14, 2));
        assertThat(s.getSchema().get("name").getMetadata().getString("comment")).isEqualTo("Full customer name");
        assertThat(s.getSchema().get("id").isNullable()).isTrue();
        assertThat(adapter.plan(next, adapter.inspect(next))).isEmpty();
    }

    @Test
    void newRequiredColumnIsRefused() {
        deploy(binding);
        PortBinding next = Fixtures.withContract(
                binding,
                Fixtures.withProperty(
                        binding.contract(),
                        Fixtures.OBJECT_NAME,
                        Fixtures.property("tax", "number", null, true, null, null)));

        List<Change> changes = adapter.plan(next, adapter.inspect(next));

        assertThat(changes)
                .filteredOn(ch -> ch instanceof Change.Refused)
                .singleElement()
                .satisfies(
                        ch -> assertThat(((Change.Refused) ch).hint())
                                .isEqualTo(
                                        "make it optional, or bump the contract's major version to 2 to provision orders_v2 beside it"));
    }

    @Test
    void majorVersionIsProvisionedBesideTheOldTable() {
        deploy(binding);
        DataContract v2 = Fixtures.withVersion(
                Fixtures.withoutProperty(binding.contract(), Fixtures.OBJECT_NAME, "name"), "2.0.0");
        PortBinding next = Fixtures.withContract(binding, v2);

        List<Change> changes = adapter.plan(next, adapter.inspect(next));

        assertThat(changes).singleElement().isInstanceOfSatisfying(Change.CreateTable.class, c -> assertThat(c.target())
                .isEqualTo("orders_v2"));
        deploy(next);
        assertThat(snapshot("orders_v2").getSchema().fieldNames()).containsExactly("id", "amount", "day");
        assertThat(snapshot("orders").getSchema().fieldNames()).contains("name");
    }

    @Test
    void addressesAreTheTableFoldersAsFileUrisWithTheMajorVersionSuffix() {
        String data = "file://" + base.toAbsolutePath().normalize() + "/data/";
        PortAddresses addresses = (PortAddresses) adapter;
        Map<String, String> before = addresses.addresses(binding);

        deploy(binding);

        assertThat(before).containsExactly(Map.entry("orders", data + "orders"));
        assertThat(addresses.addresses(binding)).as("once the folder exists").isEqualTo(before);
        PortBinding v2 = Fixtures.withContract(binding, Fixtures.withVersion(binding.contract(), "2.1.0"));
        assertThat(addresses.addresses(v2)).containsExactly(Map.entry("orders", data + "orders_v2"));
    }

    @Test
    void removedRetentionFallsBackToTheDeltaDefault() {
        deploy(binding);
        DataContract noSla = new DataContract(
                binding.contract().apiVersion(),
                binding.contract().kind(),
                binding.contract().id(),
                binding.contract().name(),
                binding.contract().version(),
                binding.contract().status(),
                binding.contract().domain(),
                binding.contract().dataProduct(),
                null,
                null,
                binding.contract().servers(),
                binding.contract().schema(),
                List.of(),
                List.of(),
                binding.contract().team(),
                List.of(),
                List.of(),
                Map.of());

        deploy(Fixtures.withContract(binding, noSla));

        assertThat(snapshot("orders").getTableProperties())
                .containsEntry("delta.logRetentionDuration", "interval 30 days");
        PortBinding now = Fixtures.withContract(binding, noSla);
        assertThat(adapter.plan(now, adapter.inspect(now))).isEmpty();
    }

    @Test
    void grantsAreRecordedBesideTheTable() throws Exception {
        deploy(Fixtures.withAccess(binding, List.of(new dev.meshsdk.spi.AccessGrant("analysts", "read"))));

        assertThat(Files.readString(base.resolve("data/orders/_mesh_grants.json")))
                .contains("analysts", "read");
    }

    @Test
    void serverWithoutPathIsAConfigurationError() {
        PortBinding noPath = Fixtures.binding(binding.contract(), Fixtures.server("local-dev", "local", Map.of()));

        MeshException e = catchThrowableOfType(MeshException.class, () -> adapter.inspect(noPath));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(e.getMessage()).contains("local-dev", "'path'");
    }

    @Test
    void objectNameThatLeavesTheFolderIsRejected() {
        DataContract hostile = Fixtures.withSchema(
                binding.contract(), List.of(Fixtures.object("../escape", List.of(Fixtures.idProperty()))));

        MeshException e = catchThrowableOfType(
                MeshException.class, () -> adapter.inspect(Fixtures.withContract(binding, hostile)));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
    }

    @Test
    void erasureIsUnsupportedAndSaysWhy() {
        deploy(binding);

        MeshException e = catchThrowableOfType(
                MeshException.class, () -> adapter.erase(binding, new ErasureRequest("req-1", "subject-0042", "dpo")));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.getMessage()).contains("Spark").doesNotContain("subject-0042");
    }

    @Test
    void everyCallIsTimed() {
        deploy(binding);

        assertThat(metrics.timer("mesh.storage.local.inspect").getCount()).isEqualTo(1);
        assertThat(metrics.timer("mesh.storage.local.plan").getCount()).isEqualTo(1);
        assertThat(metrics.timer("mesh.storage.local.apply").getCount()).isEqualTo(1);
    }
}

package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.ForgetResult;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.ErasureReceipt.Status;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Mesh#forget} over the engine's test doubles (the in-memory store and registry; the real stores and
 * registries are exercised in mesh-spark's {@code ForgetIT}): which ports are searched, the receipts and their
 * order, warnings for unmarked downstream columns, failures part-way and the re-run, unknown types, and that
 * the subject's value reaches the stores only.
 */
class ForgetTest {
    static final String SUBJECT = "c-417'x";

    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    final InMemoryRegistry registry = new InMemoryRegistry();
    final List<MeshEvent> events = new ArrayList<>();
    Secrets secrets = Secrets.none();

    static String contract(String id, String version, String path, String table, String... columns) {
        StringBuilder props = new StringBuilder();
        for (String c : columns) {
            String[] parts = c.split(":");
            props.append("          - name: ").append(parts[0]).append("\n            logicalType: string\n");
            if (parts.length > 1) {
                props.append(
                                "            customProperties:\n              - property: subjectKey\n                value: ")
                        .append(parts[1])
                        .append('\n');
            }
        }
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %s
                version: %s
                status: active
                servers:
                  - server: local-dev
                    type: local
                    environment: dev
                    path: %s
                    format: delta
                schema:
                  - name: %s
                    physicalType: table
                    properties:
                %s""".formatted(id, version, path, table, props);
    }

    static String product(String id, String contractId, String input) {
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %s
                version: 1.0.0
                status: active
                team:
                  name: team-%s
                outputPorts:
                  - name: %s
                    version: 1.0.0
                    contractId: %s
                """.formatted(id, id, id, contractId) + (input == null ? "" : """
                inputPorts:
                  - name: upstream
                    version: 1.0.0
                    contractId: %s
                """.formatted(input));
    }

    Path write(String id, String contractId, String input, String contract) {
        Path p = dir.resolve("products").resolve(id);
        Workspace.write(p.resolve("product.yaml"), product(id, contractId, input));
        Workspace.write(p.resolve("contracts/" + contractId + ".yaml"), contract);
        return p;
    }

    Mesh mesh() {
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
            }

            @Override
            public List<RegistryFactory> registries() {
                return List.of(registry);
            }
        };
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .secrets(secrets)
                .listener(events::add)
                .user("dpo")
                .build();
    }

    void rows(String table, String column, String... values) {
        List<Map<String, String>> t = storage.rows.computeIfAbsent(table, k -> new ArrayList<>());
        for (String v : values) t.add(new java.util.HashMap<>(Map.of(column, v)));
    }

    @BeforeEach
    void deploy() {
        Path customers = write(
                "customers",
                "customers-c",
                null,
                contract("customers-c", "1.0.0", "data/customers", "customers", "customer_id:customer", "email"));
        Path orders = write(
                "orders",
                "orders-c",
                null,
                contract("orders-c", "1.0.0", "data/orders", "orders", "order_id", "customer_id:customer", "note"));
        Path revenue = write(
                "revenue",
                "revenue-c",
                "orders-c",
                contract("revenue-c", "1.0.0", "data/revenue", "revenue", "day", "customer_id"));
        Path crm = write("crm", "crm-c", null, contract("crm-c", "1.0.0", "data/crm", "contacts", "contact_id:true"));
        try (Mesh m = mesh()) {
            m.deploy(List.of(customers, orders, revenue, crm));
            // a breaking change under a new major version: v1 stays beside v2
            Workspace.write(
                    orders.resolve("contracts/orders-c.yaml"),
                    contract("orders-c", "2.0.0", "data/orders", "orders", "order_id", "customer_id:customer"));
            m.deploy(List.of(orders));
        }
        rows("data/customers/customers", "customer_id", SUBJECT, "c-2");
        rows("data/orders/orders", "customer_id", SUBJECT, SUBJECT, "c-2");
        rows("data/orders/orders_v2", "customer_id", SUBJECT);
        rows("data/revenue/revenue", "customer_id", SUBJECT);
        rows("data/crm/contacts", "contact_id", SUBJECT);
        events.clear();
    }

    @Test
    void erasesEveryPortVersionMarkingTheTypeAndKeepsReceiptsWithoutTheValue() {
        ForgetResult result;
        try (Mesh m = mesh()) {
            result = m.forget(SUBJECT, "Customer");
        }

        assertThat(result.complete()).isTrue();
        assertThat(result.subjectType()).isEqualTo("customer");
        assertThat(result.receipts())
                .extracting(r -> r.productId() + "/" + r.port() + " v" + r.majorVersion())
                .containsExactly("customers/customers v1", "orders/orders v2", "orders/orders v1");
        assertThat(result.receipts()).extracting(ErasureReceipt::rowsDeleted).containsExactly(1L, 1L, 2L);
        assertThat(result.rowsDeleted()).isEqualTo(4);
        assertThat(storage.rows.get("data/orders/orders")).hasSize(1);
        assertThat(storage.rows.get("data/revenue/revenue"))
                .as("not a subject key: untouched")
                .hasSize(1);
        assertThat(storage.rows.get("data/crm/contacts"))
                .as("another subject type: untouched")
                .hasSize(1);
        assertThat(storage.erasures).allSatisfy(r -> {
            assertThat(r.subjectType()).isEqualTo("customer");
            assertThat(r.purge()).isTrue();
            assertThat(r.requestId()).isEqualTo(result.requestId());
        });
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.message())
                    .isEqualTo("Column 'revenue.customer_id' of port 'revenue' v1 of product 'revenue'"
                            + " may hold the subject's data: it is named like subject key 'customer_id' of upstream product"
                            + " 'orders' but is not a subject key of type 'customer', so it was not searched");
            assertThat(w.hint())
                    .isEqualTo("mark it as subjectKey: customer in the contract if it identifies the"
                            + " subject, then forget again");
        });

        List<ErasureReceipt> log = registry.erasures;
        assertThat(log)
                .extracting(ErasureReceipt::status)
                .as("every port pending before any is erased")
                .containsExactly(Status.PENDING, Status.PENDING, Status.PENDING, Status.DONE, Status.DONE, Status.DONE);
        assertThat(log).allSatisfy(r -> {
            assertThat(r.subjectHash()).isEqualTo(result.subjectHash()).hasSize(64);
            assertThat(r.requestedBy()).isEqualTo("dpo");
        });
        assertThat(log.toString() + result + result.summary() + events)
                .doesNotContain(SUBJECT)
                .doesNotContain("c-417");
        assertThat(events).filteredOn(e -> e instanceof MeshEvent.PortErased).hasSize(3);
        assertThat(events).filteredOn(e -> e instanceof MeshEvent.Warning).hasSize(1);
        assertThat(result.summary())
                .isEqualTo("Erased subject " + result.subjectHash().substring(0, 12)
                        + "... of type 'customer' from 3 port(s) of 'dev': 4 row(s) deleted; 1 warning(s)");
    }

    @Test
    void aSecondRunDeletesNothingAndSaysSo() {
        try (Mesh m = mesh()) {
            ForgetResult first = m.forget(SUBJECT, "customer");
            ForgetResult second = m.forget(SUBJECT, "customer");

            assertThat(second.rowsDeleted()).isZero();
            assertThat(second.complete()).isTrue();
            assertThat(second.subjectHash()).isEqualTo(first.subjectHash());
            assertThat(second.earlier()).hasSize(6).allMatch(r -> r.requestId().equals(first.requestId()));
            assertThat(second.summary())
                    .startsWith(
                            "Nothing to erase: subject " + first.subjectHash().substring(0, 12)
                                    + "... of type 'customer' has no rows in the 3 port(s) searched in 'dev'; it was erased by request "
                                    + first.requestId() + " at ");
        }
    }

    @Test
    void aSecondRunMakesNothingNewUnrecoverableAndRepeatsTheEarlierState() {
        try (Mesh m = mesh()) {
            ForgetResult first = m.forget(SUBJECT, "customer");
            ForgetResult second = m.forget(SUBJECT, "customer");

            assertThat(second.receipts()).flatExtracting(ErasureReceipt::tables).allSatisfy(t -> {
                assertThat(t.rowsDeleted()).isZero();
                // the store purged again and would say "from now"; the rows went with the first request
                assertThat(t.unrecoverableFrom()).isEqualTo(java.time.Instant.EPOCH);
                assertThat(t.note()).contains("request " + first.requestId() + " deleted them");
            });
        }
    }

    @Test
    void aSubjectNeverThereHasNoUnrecoverableDate() {
        try (Mesh m = mesh()) {
            ForgetResult result = m.forget("c-never", "customer");

            assertThat(result.rowsDeleted()).isZero();
            assertThat(result.receipts()).flatExtracting(ErasureReceipt::tables).allSatisfy(t -> {
                assertThat(t.unrecoverableFrom()).isNull();
                assertThat(t.physicallyGone()).isFalse();
                assertThat(t.note()).contains("nothing new becomes unrecoverable");
            });
            assertThat(registry.erasures)
                    .filteredOn(r -> r.status() == Status.DONE)
                    .flatExtracting(ErasureReceipt::tables)
                    .allSatisfy(t -> assertThat(t.unrecoverableFrom()).isNull());
        }
    }

    @Test
    void aFailurePartWayIsRecordedAndARerunFinishes() {
        storage.unreachable.add("data/orders");
        ForgetResult failed;
        try (Mesh m = mesh()) {
            failed = m.forget(SUBJECT, "customer");
        }

        assertThat(failed.complete()).isFalse();
        assertThat(failed.receipts())
                .extracting(ErasureReceipt::status)
                .containsExactly(Status.DONE, Status.FAILED, Status.FAILED);
        assertThat(failed.failed()).allSatisfy(r -> assertThat(r.message())
                .isEqualTo("Cannot erase from data/orders: connection refused while deleting \"<subject>\""));
        assertThat(failed.summary())
                .contains("1 of 3 port(s) done (1 row(s) deleted), 2 failed: orders/orders v2 (")
                .endsWith("run forget again to finish (a re-run is safe); 1 warning(s)");
        assertThat(registry.erasures.toString()).doesNotContain("c-417");
        assertThat(storage.rows.get("data/orders/orders")).hasSize(3);

        storage.unreachable.clear();
        ForgetResult rerun;
        try (Mesh m = mesh()) {
            rerun = m.forget(SUBJECT, "customer");
        }
        assertThat(rerun.complete()).isTrue();
        assertThat(rerun.receipts()).extracting(ErasureReceipt::rowsDeleted).containsExactly(0L, 1L, 2L);
        assertThat(rerun.earlier()).extracting(ErasureReceipt::status).contains(Status.FAILED);
        assertThat(storage.rows.get("data/orders/orders")).hasSize(1);
    }

    @Test
    void anAdapterThatSupportsItHasItsPortsErasedAtOnceWithOneReceiptEachInOrder() {
        storage.erasureConcurrency = 3;
        storage.eraseTogether = new java.util.concurrent.CyclicBarrier(3); // one at a time, each would wait in vain
        ForgetResult result;
        try (Mesh m = mesh()) {
            result = m.forget(SUBJECT, "customer");
        }

        assertThat(result.complete()).as(result.summary()).isTrue();
        assertThat(result.receipts())
                .extracting(r -> r.productId() + "/" + r.port() + " v" + r.majorVersion())
                .containsExactly("customers/customers v1", "orders/orders v2", "orders/orders v1");
        assertThat(result.receipts()).extracting(ErasureReceipt::rowsDeleted).containsExactly(1L, 1L, 2L);
        assertThat(registry.erasures)
                .extracting(ErasureReceipt::status)
                .containsExactly(Status.PENDING, Status.PENDING, Status.PENDING, Status.DONE, Status.DONE, Status.DONE);
        assertThat(events).filteredOn(e -> e instanceof MeshEvent.PortErased).hasSize(3);
        assertThat(storage.rows.get("data/orders/orders")).hasSize(1);
    }

    @Test
    void aPortFailingWhileOthersAreErasedBesideItStopsNoneOfThem() {
        storage.erasureConcurrency = 3;
        storage.eraseTogether = new java.util.concurrent.CyclicBarrier(3);
        storage.unreachable.add("data/orders");
        ForgetResult result;
        try (Mesh m = mesh()) {
            result = m.forget(SUBJECT, "customer");
        }

        assertThat(result.receipts())
                .extracting(ErasureReceipt::status)
                .containsExactly(Status.DONE, Status.FAILED, Status.FAILED);
        assertThat(result.failed()).allSatisfy(r -> assertThat(r.message())
                .isEqualTo("Cannot erase from data/orders: connection refused while deleting \"<subject>\""));
        assertThat(storage.rows.get("data/customers/customers")).hasSize(1);
        assertThat(registry.erasures)
                .filteredOn(r -> r.status() != Status.PENDING)
                .hasSize(3);
    }

    @Test
    void anUnknownTypeListsTheTypesTheMeshKnows() {
        try (Mesh m = mesh()) {
            MeshException e = catchThrowableOfType(MeshException.class, () -> m.forget(SUBJECT, "employee"));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage())
                    .isEqualTo("Cannot forget a subject of type 'employee': no product in 'dev' marks"
                            + " a subject key of that type; the types the mesh knows: [customer, default]");

            ForgetResult byDefault = m.forget(SUBJECT, null);
            assertThat(byDefault.receipts())
                    .extracting(ErasureReceipt::productId)
                    .containsExactly("crm");
            assertThat(storage.rows.get("data/crm/contacts")).isEmpty();
        }
        assertThat(storage.erasures).hasSize(1);
    }

    @Test
    void aRegistryThatCannotKeepReceiptsStopsBeforeAnythingIsErased() {
        registry.erasureLogDown = true;
        try (Mesh m = mesh()) {
            MeshException e = catchThrowableOfType(MeshException.class, () -> m.forget(SUBJECT, "customer"));
            assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_FAILURE);
            assertThat(e.getMessage())
                    .contains("erased so far: nothing of 3 port(s); run forget again once the" + " registry is back")
                    .doesNotContain("c-417");
        }
        assertThat(storage.erasures).isEmpty();
    }

    @Test
    void theConfiguredSecretKeysTheHash() throws Exception {
        String key = "0123456789abcdef0123456789abcdef";
        secrets =
                id -> id.equals("mesh-erasure-key") ? Optional.of(new Secrets.Credential(null, key)) : Optional.empty();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("customer\0".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(mac.doFinal(SUBJECT.getBytes(StandardCharsets.UTF_8)));
        try (Mesh m = mesh()) {
            assertThat(m.forget(SUBJECT, "customer").subjectHash()).isEqualTo(expected);
        }

        secrets = id -> Optional.of(new Secrets.Credential(null, "short"));
        try (Mesh m = mesh()) {
            MeshException e = catchThrowableOfType(MeshException.class, () -> m.forget(SUBJECT, "customer"));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
            assertThat(e.getMessage())
                    .isEqualTo("Cannot hash data subjects for the erasure log: the key under secret"
                            + " 'mesh-erasure-key' has 5 characters; use at least 32 random characters (for example the output"
                            + " of 'openssl rand -base64 32')");
        }
    }
}

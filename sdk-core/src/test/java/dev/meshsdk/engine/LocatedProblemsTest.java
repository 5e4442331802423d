package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.PlanRefusedException;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.PortProblems;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.spi.storage.SupportsPortCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a storage adapter refuses in a contract reaches the user at its place in the contract, every port's problems in
 * one report. The store is a test double ({@link InMemoryStorage}) standing in for the real adapters, which need a
 * store: it checks the server's format without connecting (as the local and s3 adapters do) and refuses
 * {@code physicalType: blob} only when planning, with a plain {@code INVALID_DESCRIPTOR} naming no field. The policy
 * engine is a double too; the governance pack's own breaking-change rule is tested in the policy module.
 */
class LocatedProblemsTest {
    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    /** When set, the policies deny every column added to a deployed port, naming it as the breaking rule does. */
    boolean denyAddedColumns;

    final Location policyFile = new Location(Path.of("policies/breaking.rego"), 80, 1, "");

    /** The double of a real adapter: {@link InMemoryStorage} with the checks of one. */
    final class CheckedStore implements StorageAdapter, SupportsPortCheck {
        private final StorageAdapter store;

        CheckedStore(StorageAdapter store) {
            this.store = store;
        }

        @Override
        public List<PortProblems.Problem> check(PortBinding port) {
            String format = port.server().setting("format").orElse("delta");
            if (format.equals("delta")) return List.of();
            return List.of(new PortProblems.Problem(
                    port.serverPointer() + "/format",
                    "Cannot deploy output port '"
                            + port.port().name() + "': server '" + port.server().server() + "' has format '" + format
                            + "', which this store does not write",
                    PortProblems.closest(format, List.of("delta"))
                            .map(f -> "perhaps you meant '" + f + "'")
                            .orElse("use delta")));
        }

        @Override
        public PortState inspect(PortBinding port) {
            return store.inspect(port);
        }

        @Override
        public List<Change> plan(PortBinding port, PortState actual) {
            for (SchemaProperty p : port.contract().schema().get(0).properties()) {
                if ("blob".equals(p.physicalType())) {
                    throw new MeshException(
                            ErrorCode.INVALID_DESCRIPTOR,
                            "Cannot map column '" + p.name()
                                    + "': physicalType 'blob' is not a type of this store; use bytea");
                }
            }
            return store.plan(port, actual);
        }

        @Override
        public void apply(PortBinding port, Change change) {
            store.apply(port, change);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    Mesh mesh() {
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(new StorageAdapterFactory() {
                    @Override
                    public String name() {
                        return "checked";
                    }

                    @Override
                    public Set<String> serverTypes() {
                        return Set.of("local");
                    }

                    @Override
                    public StorageAdapter create(AdapterContext context) {
                        return new CheckedStore(storage.create(context));
                    }
                });
            }

            @Override
            public List<RegistryFactory> registries() {
                return List.of(new InMemoryRegistry());
            }

            @Override
            public List<PolicyEngineFactory> policyEngines() {
                return List.of(new PolicyEngineFactory() {
                    @Override
                    public String name() {
                        return "test-policies";
                    }

                    @Override
                    public PolicyEngine create(AdapterContext context) {
                        return policies();
                    }
                });
            }
        };
        return Mesh.builder()
                .baseDirectory(dir)
                .plugins(List.of(plugin))
                .registry("memory")
                .build();
    }

    /** Denies, on the plan, each added column of a port already deployed, with the details the pack's rule gives. */
    PolicyEngine policies() {
        return new PolicyEngine() {
            @Override
            @SuppressWarnings("unchecked")
            public PolicyDecision evaluate(PolicyInput input) {
                List<PolicyFinding> findings = new ArrayList<>();
                Map<String, Object> plan =
                        (Map<String, Object>) input.document().get("plan");
                if (!denyAddedColumns || plan == null) return new PolicyDecision(findings, null);
                for (Map<String, Object> port : (List<Map<String, Object>>) plan.get("ports")) {
                    for (Map<String, Object> c : (List<Map<String, Object>>) port.get("changes")) {
                        if (!"add_column".equals(c.get("kind"))) continue;
                        String column = (String) ((Map<String, Object>) c.get("column")).get("name");
                        findings.add(new PolicyFinding(
                                Severity.ERROR,
                                "mesh.governance.breaking.deny",
                                "output port '" + port.get("port") + "' would break its consumers (column '" + column
                                        + "' is added)",
                                Map.of(
                                        "port",
                                        port.get("port"),
                                        "contractId",
                                        port.get("contractId"),
                                        "target",
                                        c.get("target"),
                                        "column",
                                        column),
                                policyFile));
                    }
                }
                return new PolicyDecision(findings, null);
            }

            @Override
            public void close() {}
        };
    }

    private List<String> where(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> dir.relativize(d.location().file()).toString().replace('\\', '/') + ":"
                        + d.location().line() + ":" + d.location().column() + " " + d.severity() + " " + d.code())
                .toList();
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void twoPortsWithBadFormatsInTwoFilesAreTwoLocatedErrorsInOneReport() throws IOException {
        Workspace ws = new Workspace(dir);
        Path orders = ws.product("orders", "orders-v1", null, "order_id");
        Path refunds = ws.product("refunds", "refunds-v1", null, "refund_id");
        edit(orders.resolve("contracts/orders-v1.yaml"), "format: delta", "format: detla");
        edit(refunds.resolve("contracts/refunds-v1.yaml"), "format: delta", "format: csv");
        try (Mesh mesh = mesh()) {
            ValidationReport report = mesh.validate(List.of(orders, refunds));
            assertThat(where(report.diagnostics()))
                    .containsExactly(
                            "orders/contracts/orders-v1.yaml:11:13 ERROR MESH-STORE",
                            "refunds/contracts/refunds-v1.yaml:11:13 ERROR MESH-STORE");
            assertThat(report.errors().get(0).message())
                    .isEqualTo(
                            "Cannot deploy output port 'orders': server 'local-dev' has format 'detla', which this store does not write");
            assertThat(report.errors())
                    .extracting(Diagnostic::hint)
                    .containsExactly("perhaps you meant 'delta'", "use delta");

            ValidationException e =
                    catchThrowableOfType(() -> mesh.plan(List.of(orders, refunds)), ValidationException.class);
            assertThat(e.report().errors()).isEqualTo(report.errors());
            assertThat(storage.planned)
                    .as("a port the adapter refuses is not planned")
                    .isEmpty();
        }
    }

    @Test
    void whatAnAdapterRefusesWhenPlanningIsLocatedAtTheServerForEveryPort() throws IOException {
        Workspace ws = new Workspace(dir);
        Path orders = ws.product("orders", "orders-v1", null, "order_id", "payload");
        Path refunds = ws.product("refunds", "refunds-v1", null, "refund_id", "payload");
        String payload = "- name: payload\n            logicalType: string\n";
        edit(orders.resolve("contracts/orders-v1.yaml"), payload, payload + "            physicalType: blob\n");
        edit(refunds.resolve("contracts/refunds-v1.yaml"), payload, payload + "            physicalType: blob\n");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders, refunds)).diagnostics())
                    .as("this store tells a type it cannot map only when planning")
                    .isEmpty();
            ValidationException e =
                    catchThrowableOfType(() -> mesh.plan(List.of(orders, refunds)), ValidationException.class);
            assertThat(where(e.report().errors()))
                    .containsExactly(
                            "orders/contracts/orders-v1.yaml:7:5 ERROR MESH-STORE",
                            "refunds/contracts/refunds-v1.yaml:7:5 ERROR MESH-STORE");
            assertThat(e.report().errors().get(0)).satisfies(d -> {
                assertThat(d.message())
                        .isEqualTo("Cannot map column 'payload': physicalType 'blob' is not a type of this store");
                assertThat(d.hint()).isEqualTo("use bytea");
            });
        }
    }

    @Test
    void theBreakingChangeDenialIsLocatedAtTheContractsColumn() throws IOException {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        try (Mesh mesh = mesh()) {
            mesh.deploy(List.of(orders));
        }
        new Workspace(dir).product("orders", "orders-v1", null, "order_id", "note");
        denyAddedColumns = true;
        try (Mesh mesh = mesh()) {
            ValidationException e = catchThrowableOfType(() -> mesh.plan(List.of(orders)), ValidationException.class);
            assertThat(where(e.report().errors()))
                    .containsExactly("orders/contracts/orders-v1.yaml:21:13 ERROR MESH-POLICY");
            assertThat(e.report().errors().get(0)).satisfies(d -> {
                assertThat(d.location().pointer()).isEqualTo("/schema/0/properties/1");
                assertThat(d.message())
                        .isEqualTo("Cannot accept product 'orders': output port 'orders' would break its"
                                + " consumers (column 'note' is added)");
                assertThat(d.hint())
                        .isEqualTo("policy rule 'mesh.governance.breaking.deny' (policies/breaking.rego:80:1)");
            });
            // the refused plan comes with the report, so that mesh:plan can show what was refused
            assertThat(e).isInstanceOf(PlanRefusedException.class);
            assertThat(((PlanRefusedException) e).plan().summary()).contains("orders", "note");
        }
    }

    @Test
    void aMistypedComparisonInAQualityRuleIsOneError() throws IOException {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        edit(
                orders.resolve("contracts/orders-v1.yaml"),
                "            logicalType: string\n",
                "            logicalType: string\n            quality:\n              - metric: nullValues\n"
                        + "                mustbe: 0\n");
        try (Mesh mesh = mesh()) {
            ValidationReport report = mesh.validate(List.of(orders));
            assertThat(where(report.diagnostics()))
                    .containsExactly("orders/contracts/orders-v1.yaml:23:17 ERROR MESH-SCHEMA");
            assertThat(report.errors().get(0).hint()).isEqualTo("perhaps you meant 'mustBe'");
        }
    }

    @Test
    void aContractThatFailsToParseIsOnlyItsParseError() throws IOException {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        edit(orders.resolve("contracts/orders-v1.yaml"), "version: 1.0.0", "version: \"1.0.0");
        try (Mesh mesh = mesh()) {
            ValidationReport report = mesh.validate(List.of(orders));
            assertThat(report.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("MESH-YAML");
                assertThat(d.location().file()).isEqualTo(orders.resolve("contracts/orders-v1.yaml"));
            });
        }
    }
}

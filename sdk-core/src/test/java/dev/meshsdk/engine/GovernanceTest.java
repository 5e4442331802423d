package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.Mesh;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.policy.WithheldAccess;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How policy decisions reach validate and deploy. The policy engine here is a test double written in
 * Java; the Rego engine and its governance pack are tested in the policy module.
 */
class GovernanceTest {
    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    /** Products may be judged in parallel (ProductThreads): the engine may be called from several threads. */
    final List<PolicyInput> inputs = java.util.Collections.synchronizedList(new ArrayList<>());

    final Location policyFile = new Location(Path.of("policies/owner.rego"), 7, 5, "");
    /** Whether the engine warns of a key in its data files, as the Rego engine does of a dotted one. */
    boolean dataWarning;

    boolean failingPolicyTest;
    /** When set, the denial's details name this place in product.yaml, as the governance pack's ownership rule does. */
    String productPointer;
    /** When set, the denial's details, as the governance pack's personal-data rules name a contract's column. */
    Map<String, Object> denialDetails;

    final List<dev.meshsdk.event.MeshEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Denies products of domain 'sales' that have no 'tags', warns about status 'active'. */
    PolicyEngine engine() {
        return new PolicyEngine() {
            @Override
            @SuppressWarnings("unchecked")
            public PolicyDecision evaluate(PolicyInput input) {
                inputs.add(input);
                Map<String, Object> product =
                        (Map<String, Object>) input.document().get("product");
                List<PolicyFinding> findings = new ArrayList<>();
                if (!product.containsKey("tags")) {
                    findings.add(new PolicyFinding(
                            Severity.ERROR,
                            "deny",
                            "product " + product.get("id") + " must have tags",
                            denialDetails != null
                                    ? denialDetails
                                    : productPointer == null ? Map.of() : Map.of("pointer", productPointer),
                            policyFile));
                }
                if (dataWarning) {
                    findings.add(new PolicyFinding(
                            Severity.WARNING,
                            "policy-data",
                            "policy data key 'mesh.x.y' is one key; write it nested:\nmesh:\n  x:\n    y: true",
                            Map.of(),
                            new Location(Path.of("policies/settings.yaml"), 1, 1, "/mesh.x.y")));
                }
                if ("active".equals(product.get("status"))) {
                    findings.add(new PolicyFinding(
                            Severity.WARNING, "warn", "active products need an SLA", Map.of(), policyFile));
                }
                if (failingPolicyTest) {
                    // as the Rego engine reports a project's test_* rule that is not true: with every product's
                    // decision on validate
                    findings.add(new PolicyFinding(
                            Severity.ERROR,
                            "acme.naming.test_wrong_expectation",
                            "policy test 'test_wrong_expectation' failed (undefined)",
                            Map.of(),
                            new Location(Path.of("policies/naming.rego"), 12, 1, "")));
                }
                return new PolicyDecision(findings, null);
            }

            @Override
            public void close() {}
        };
    }

    Mesh mesh() {
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
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
                        return engine();
                    }
                });
            }
        };
        return Mesh.builder()
                .baseDirectory(dir)
                .plugins(List.of(plugin))
                .registry("memory")
                .listener(events::add)
                .build();
    }

    @Test
    void aWarningAboutAPolicyDataFileIsReportedOnceAsAWarningWithItsSuggestionOnLinesOfItsOwn() {
        Workspace ws = new Workspace(dir);
        Path orders = ws.product("orders", "orders-v1", null, "order_id");
        Path crm = ws.product("crm", "crm-v1", null, "contact_id");
        dataWarning = true;
        try (Mesh mesh = mesh()) {
            assertThatThrownBy(() -> mesh.deploy(List.of(orders, crm)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("error: Cannot accept product 'orders'")
                    .as("the failure lists the errors, not the warnings reported already")
                    .hasMessageNotContaining("mesh.x.y")
                    .hasMessageNotContaining("active products need an SLA");
            List<String> warnings = events.stream()
                    .filter(e -> e instanceof dev.meshsdk.event.MeshEvent.Warning)
                    .map(e -> ((dev.meshsdk.event.MeshEvent.Warning) e)
                            .diagnostic()
                            .format())
                    .filter(w -> w.contains("mesh.x.y"))
                    .toList();
            assertThat(warnings)
                    .as("once for the file, not once per product")
                    .containsExactly("policies/settings.yaml:1:1: warning: policy data key 'mesh.x.y' is one key;"
                            + " write it nested: [MESH-POLICY]\nmesh:\n  x:\n    y: true");
        }
    }

    @Test
    void aFailingPolicyTestIsOneErrorAboutThePoliciesNotOnePerProduct() {
        Workspace ws = new Workspace(dir);
        Path orders = ws.product("orders", "orders-v1", null, "order_id");
        Path crm = ws.product("crm", "crm-v1", null, "contact_id");
        failingPolicyTest = true;
        try (Mesh mesh = mesh()) {
            ValidationReport report = mesh.validate(List.of(orders, crm));
            assertThat(report.errors())
                    .filteredOn(d -> d.message().contains("test_wrong_expectation"))
                    .extracting(Diagnostic::format)
                    .containsExactly("policies/naming.rego:12:1: error: policy test 'test_wrong_expectation' failed"
                            + " (undefined); policy rule 'acme.naming.test_wrong_expectation': make the test true, or"
                            + " fix the policy it tests [MESH-POLICY]");
        }
    }

    @Test
    void findingsBecomeDiagnosticsAtThePolicysLine() {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        try (Mesh mesh = mesh()) {
            ValidationReport report = mesh.validate(List.of(orders));
            assertThat(report.errors()).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("MESH-POLICY");
                assertThat(d.location().toString()).isEqualTo("policies/owner.rego:7:5");
                assertThat(d.message()).isEqualTo("Cannot accept product 'orders': product orders must have tags");
            });
            assertThat(report.warnings())
                    .extracting(d -> d.message())
                    .containsExactly("Product 'orders': active products need an SLA");
            Map<String, Object> doc = inputs.get(0).document();
            assertThat(doc)
                    .containsEntry("event", "validate")
                    .containsEntry("environment", "dev")
                    .containsEntry("deployed", null);
            assertThat((List<?>) doc.get("contracts")).hasSize(1);
        }
    }

    @Test
    void aFindingWhoseDetailsNameAPlaceInTheProductIsLocatedThereWithThePolicyInTheHint() {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        productPointer = "/team";
        try (Mesh mesh = mesh()) {
            ValidationReport report = mesh.validate(List.of(orders));
            assertThat(report.errors()).singleElement().satisfies(d -> {
                assertThat(d.format())
                        .isEqualTo(orders.resolve("product.yaml") + ":8:1: error: Cannot accept product 'orders':"
                                + " product orders must have tags; policy rule 'deny' (policies/owner.rego:7:5)"
                                + " [MESH-POLICY]");
            });
        }
        productPointer = "/id";
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors()).singleElement().satisfies(d -> assertThat(
                            d.location().toString())
                    .isEqualTo(orders.resolve("product.yaml") + ":3:5"));
        }
    }

    @Test
    void aFindingWhoseDetailsNameAPlaceInAContractIsLocatedThereOnValidateWithThePolicyInTheHint() {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id", "email");
        Path contract = orders.resolve("contracts/orders-v1.yaml");
        denialDetails = Map.of("contractId", "orders-v1", "table", "orders", "column", "email");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors()).singleElement().satisfies(d -> {
                // the entry '- name: email' of the table's properties, not the policy's line
                assertThat(d.format())
                        .isEqualTo(contract + ":21:13: error: Cannot accept product 'orders': product orders must"
                                + " have tags; policy rule 'deny' (policies/owner.rego:7:5) [MESH-POLICY]");
                assertThat(d.location().pointer()).isEqualTo("/schema/0/properties/1");
            });
        }
        // a table's denial (no column) at the table's entry; a table the contract lacks, at its schema
        denialDetails = Map.of("contractId", "orders-v1", "table", "orders");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors())
                    .singleElement()
                    .satisfies(d -> assertThat(d.location().toString()).isEqualTo(contract + ":16:5"));
        }
        denialDetails = Map.of("contractId", "orders-v1", "table", "refunds", "column", "email");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors())
                    .singleElement()
                    .satisfies(d -> assertThat(d.location().pointer()).isEqualTo("/schema"));
        }
        // a server of the contract, at its entry; a pointer into the contract, there
        denialDetails = Map.of("contractId", "orders-v1", "server", "local-dev");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors())
                    .singleElement()
                    .satisfies(d -> assertThat(d.location().toString()).isEqualTo(contract + ":7:5"));
        }
        denialDetails = Map.of("contractId", "orders-v1", "pointer", "/roles/0/access");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors())
                    .singleElement()
                    .satisfies(d -> assertThat(d.location().toString()).isEqualTo(contract + ":14:13"));
        }
        // a column the named table lacks: at the table's entry
        denialDetails = Map.of("contractId", "orders-v1", "table", "orders", "column", "nosuch");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors())
                    .singleElement()
                    .satisfies(d -> assertThat(d.location().toString()).isEqualTo(contract + ":16:5"));
        }
        // a pointer to nothing the contract has: at the nearest place it has, and the hint says so
        denialDetails = Map.of("contractId", "orders-v1", "pointer", "/roles/7/access");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors()).singleElement().satisfies(d -> {
                assertThat(d.location().toString()).isEqualTo(contract + ":12:1");
                assertThat(d.hint())
                        .isEqualTo("policy rule 'deny' (policies/owner.rego:7:5); its details point at"
                                + " '/roles/7/access', which orders-v1.yaml does not have: reported at the nearest"
                                + " place it has");
            });
        }
        // a contract the product does not have: at the policy's line, the details in the hint
        denialDetails = Map.of("contractId", "refunds-v1", "column", "email");
        try (Mesh mesh = mesh()) {
            assertThat(mesh.validate(List.of(orders)).errors())
                    .singleElement()
                    .satisfies(d -> assertThat(d.location().toString()).isEqualTo("policies/owner.rego:7:5"));
        }
    }

    @Test
    void aDenialBlocksPlanAndDeployBeforeAnythingIsTouched() {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        try (Mesh mesh = mesh()) {
            assertThatThrownBy(() -> mesh.deploy(List.of(orders)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("policies/owner.rego:7:5: error: Cannot accept product 'orders'");
            assertThat(inputs.get(0).document()).containsEntry("event", "deploy");
            assertThat(storage.applied).isEmpty();
        }
    }

    @Test
    void policiesCanBeTurnedOff() {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        try (Mesh mesh = Mesh.builder()
                .baseDirectory(dir)
                .plugins(List.of(new MeshPlugin() {
                    @Override
                    public List<StorageAdapterFactory> storageAdapters() {
                        return List.of(storage);
                    }

                    @Override
                    public List<RegistryFactory> registries() {
                        return List.of(new InMemoryRegistry());
                    }
                }))
                .registry("memory")
                .policyEngine("none")
                .build()) {
            assertThat(mesh.validate(List.of(orders)).diagnostics()).isEmpty();
        }
    }

    @Test
    void accessThePoliciesWithholdIsNotGivenToTheStore() {
        Path orders = new Workspace(dir).product("orders", "orders-v1", null, "order_id");
        PolicyEngine withholding = new PolicyEngine() {
            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                return new PolicyDecision(
                        List.of(),
                        null,
                        List.of(new WithheldAccess("*", "analyst", "analysts may not read sales data")));
            }

            @Override
            public void close() {}
        };
        try (Mesh mesh = Mesh.builder()
                .baseDirectory(dir)
                .plugins(List.of(new MeshPlugin() {
                    @Override
                    public List<StorageAdapterFactory> storageAdapters() {
                        return List.of(storage);
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
                                return "withholding";
                            }

                            @Override
                            public PolicyEngine create(AdapterContext context) {
                                return withholding;
                            }
                        });
                    }
                }))
                .registry("memory")
                .build()) {
            assertThat(mesh.validate(List.of(orders)).warnings())
                    .extracting(d -> d.message())
                    .containsExactly(
                            "Withholding analyst's access to every port of product 'orders': analysts may not read sales data");
            mesh.plan(List.of(orders));
            assertThat(storage.planned).isNotEmpty().allSatisfy(b -> assertThat(b.access())
                    .isEmpty());
        }
        storage.planned.clear();
        try (Mesh mesh = Mesh.builder()
                .baseDirectory(dir)
                .plugins(List.of(new MeshPlugin() {
                    @Override
                    public List<StorageAdapterFactory> storageAdapters() {
                        return List.of(storage);
                    }

                    @Override
                    public List<RegistryFactory> registries() {
                        return List.of(new InMemoryRegistry());
                    }
                }))
                .registry("memory")
                .policyEngine("none")
                .build()) {
            mesh.plan(List.of(orders));
            assertThat(storage.planned).isNotEmpty().allSatisfy(b -> assertThat(b.access())
                    .extracting(g -> g.principal())
                    .containsExactly("analyst"));
        }
    }

    @Test
    void classificationFindingsReachThePoliciesAsDetected() {
        Path product = new Workspace(dir).product("orders", "orders-v1", null, "id", "contact");
        List<dev.meshsdk.ProductSource> products = new dev.meshsdk.internal.descriptor.DescriptorLoader(
                        java.util.Set.of("local"))
                .load(List.of(product))
                .products();
        var registry = new InMemoryRegistry().create(new AdapterContext("dev", dir, Map.of(), null, null, null));
        var governance = new dev.meshsdk.internal.engine.Governance(engine(), () -> registry, "dev");
        var finding = new dev.meshsdk.ClassifyResult.Finding(
                "orders", "orders", 1, "orders", "contact", "email", 0.97, 97, 100);
        var other =
                new dev.meshsdk.ClassifyResult.Finding("billing", "invoices", 1, "invoices", "iban", "iban", 1.0, 5, 5);

        governance.evaluate(products, "publish", dev.meshsdk.internal.data.DetectedSection.of(List.of(finding, other)));
        governance.evaluate(products, "deploy");

        assertThat(inputs.get(0).document().get("detected"))
                .as("this product's findings only")
                .isEqualTo(List.of(Map.of(
                        "port",
                        "orders",
                        "majorVersion",
                        1,
                        "table",
                        "orders",
                        "column",
                        "contact",
                        "detector",
                        "email",
                        "share",
                        0.97,
                        "matched",
                        97L,
                        "sampled",
                        100L)));
        assertThat(inputs.get(1).document())
                .as("not classified: no detected section")
                .doesNotContainKey("detected");
    }

    /**
     * Products are judged in parallel where ProductThreads spreads them; the findings still come in the products' order and a failure is the first
     * failing product's, however the threads finish (the first products take longest here).
     */
    @Test
    void productsJudgedInParallelKeepTheirOrderAndTheFirstFailure() {
        Workspace ws = new Workspace(dir);
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < 6; i++) dirs.add(ws.product("p" + i, "p" + i + "-v1", null, "id"));
        List<dev.meshsdk.ProductSource> products = new dev.meshsdk.internal.descriptor.DescriptorLoader(
                        java.util.Set.of("local"))
                .load(dirs)
                .products();
        var registry = new InMemoryRegistry().create(new AdapterContext("dev", dir, Map.of(), null, null, null));
        java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        PolicyEngine slowFirst = new PolicyEngine() {
            @Override
            @SuppressWarnings("unchecked")
            public PolicyDecision evaluate(PolicyInput input) {
                String id = (String) ((Map<String, Object>) input.document().get("product")).get("id");
                try {
                    Thread.sleep(60L * (6 - Integer.parseInt(id.substring(1))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (failing.contains(id)) throw new IllegalStateException("engine failed on " + id);
                return new PolicyDecision(
                        List.of(new PolicyFinding(Severity.ERROR, "deny", "no " + id, Map.of(), policyFile)), null);
            }

            @Override
            public void close() {}
        };
        var governance = new dev.meshsdk.internal.engine.Governance(slowFirst, () -> registry, "dev");

        assertThat(governance.evaluate(products, "validate"))
                .extracting(d -> d.message())
                .containsExactly(
                        "Cannot accept product 'p0': no p0", "Cannot accept product 'p1': no p1",
                        "Cannot accept product 'p2': no p2", "Cannot accept product 'p3': no p3",
                        "Cannot accept product 'p4': no p4", "Cannot accept product 'p5': no p5");
        failing.addAll(List.of("p2", "p5"));
        assertThatThrownBy(() -> governance.evaluate(products, "validate")).hasMessage("engine failed on p2");
    }
}

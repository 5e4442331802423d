package dev.meshsdk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.internal.descriptor.DescriptorLoader;
import dev.meshsdk.internal.descriptor.DescriptorWriter;
import dev.meshsdk.internal.descriptor.LoadResult;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default governance pack, the project's own policies and tests, on the embedded Rego engine. */
class GovernancePackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PolicyEngine engine(Map<String, String> files) throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        for (Map.Entry<String, String> f : files.entrySet())
            Files.writeString(policies.resolve(f.getKey()), f.getValue());
        return new RegoPolicyEngineFactory()
                .create(new AdapterContext("dev", dir, Map.of("mesh.policy.directory", "policies"), null, null, null));
    }

    /** The quickstart's products, as the SDK hands them to policies. */
    private static List<PolicyInput> quickstart(String event) {
        Path root = Path.of("").toAbsolutePath().getParent().resolve("examples/quickstart/src/main/mesh");
        LoadResult loaded = new DescriptorLoader(Set.of("local"))
                .load(List.of(root.resolve("orders"), root.resolve("daily-revenue")));
        assertThat(loaded.report().errors()).isEmpty();
        List<PolicyInput> out = new ArrayList<>();
        for (ProductSource p : loaded.products()) out.add(input(event, p));
        return out;
    }

    private static PolicyInput input(String event, ProductSource p) {
        DescriptorWriter w = new DescriptorWriter();
        TypeReference<Map<String, Object>> map = new TypeReference<>() {};
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", event);
        doc.put("environment", "dev");
        doc.put("product", JSON.convertValue(w.toTree(p.product()), map));
        doc.put(
                "contracts",
                p.contracts().stream()
                        .map(c -> JSON.convertValue(w.toTree(c.contract()), map))
                        .toList());
        doc.put("deployed", null);
        return new PolicyInput(doc);
    }

    private static PolicyInput input(String json) throws IOException {
        return new PolicyInput(JSON.readValue(json, new TypeReference<Map<String, Object>>() {}));
    }

    private static final String PERSONAL = """
            {"event": "deploy", "environment": "dev",
             "product": {"id": "crm", "status": "active", "team": {"name": "crm-team"}, "description": {"purpose": "CRM"}},
             "contracts": [{"id": "crm-customers", "version": "1.0.0",
                "servers": [{"server": "prod", "type": "s3", "location": "s3://other-team-bucket/crm"}],
                "roles": [{"role": "public", "access": "read"}],
                "schema": [{"name": "customers", "properties": [
                   {"name": "email", "classification": "confidential"},
                   {"name": "country", "classification": "public"}]}]}]}
            """;

    @Test
    void theQuickstartSatisfiesThePack() throws IOException {
        try (PolicyEngine engine = engine(Map.of())) {
            for (PolicyInput in : quickstart("validate")) {
                assertThat(engine.evaluate(in).findings())
                        .as("product %s", ((Map<?, ?>) in.document().get("product")).get("id"))
                        .isEmpty();
            }
        }
    }

    @Test
    void aProductWithoutOwnerOrDescriptionIsDenied() throws IOException {
        try (PolicyEngine engine = engine(Map.of())) {
            PolicyDecision d = engine.evaluate(input("""
                    {"event": "deploy", "environment": "dev", "product": {"id": "orphan", "status": "draft"},
                     "contracts": [], "deployed": null}"""));
            assertThat(d.allowed()).isFalse();
            assertThat(d.findings())
                    .extracting(PolicyFinding::message)
                    .containsExactlyInAnyOrder(
                            "product 'orphan' has no owning team; add team.name to product.yaml",
                            "product 'orphan' has no description; add description.purpose to product.yaml");
            assertThat(d.findings()).allSatisfy(f -> {
                assertThat(f.location().toString()).matches("governance-pack/ownership.rego:\\d+:1");
                assertThat(f.location().line()).isGreaterThan(0);
                assertThat(f.rule()).isEqualTo("mesh.governance.ownership.deny");
                // no team and no description: the SDK locates the denial at the product's id
                assertThat(f.details()).isEqualTo(Map.of("pointer", "/id"));
            });
        }
    }

    @Test
    void aV090ProductsTeamListIsPointedAtAndToldToUpgradeThenNameTheTeam() throws IOException {
        try (PolicyEngine engine = engine(Map.of())) {
            PolicyDecision d = engine.evaluate(input("""
                    {"event": "validate", "environment": "dev",
                     "product": {"apiVersion": "v0.9.0", "id": "orders", "status": "active",
                                 "team": {"members": [{"username": "asha.rao", "role": "owner"}]},
                                 "description": {"purpose": "Orders"}},
                     "contracts": [], "deployed": null}"""));
            assertThat(d.findings()).singleElement().satisfies(f -> {
                assertThat(f.message())
                        .isEqualTo("product 'orders' has no owning team; ODPS v0.9.0 has no team name: run"
                                + " mesh:upgrade to move product.yaml to v1.0.0, then add team.name");
                assertThat(f.details()).isEqualTo(Map.of("pointer", "/team"));
            });
        }
    }

    @Test
    void personalDataNeedsRestrictedAccessRetentionAndASubjectKey() throws IOException {
        try (PolicyEngine engine = engine(Map.of())) {
            List<String> messages = engine.evaluate(input(PERSONAL)).findings().stream()
                    .filter(PolicyFinding::denies)
                    .map(PolicyFinding::message)
                    .toList();
            assertThat(messages)
                    .contains(
                            "column 'customers.email' of contract 'crm-customers' holds personal data but the contract sets no retention limit; add a slaProperties entry with property 'retention'",
                            "table 'customers' of contract 'crm-customers' holds personal data but no column is its subject key; add customProperties 'subjectKey: true' to the column that identifies a person",
                            "column 'customers.email' of contract 'crm-customers' is confidential but role 'public' lets everyone read it; grant named consumer roles instead",
                            "product 'crm' is active but contract 'crm-customers' declares no SLA; add slaProperties (latency, frequency, retention)");
        }
    }

    @Test
    void contractDenialsNameTheContractAndThePlaceInItSoTheSdkLocatesThemThere() throws IOException {
        try (PolicyEngine engine = engine(Map.of())) {
            Map<String, Map<String, Object>> details = new LinkedHashMap<>();
            for (PolicyFinding f : engine.evaluate(input(PERSONAL)).findings()) {
                if (f.denies()) details.put(f.message().substring(0, f.message().indexOf(';')), f.details());
            }
            Map<String, Object> column = Map.of("contractId", "crm-customers", "table", "customers", "column", "email");
            assertThat(details)
                    .containsEntry(
                            "column 'customers.email' of contract 'crm-customers' holds personal data but the contract"
                                    + " sets no retention limit",
                            column)
                    .containsEntry(
                            "column 'customers.email' of contract 'crm-customers' is confidential but role 'public'"
                                    + " lets everyone read it",
                            column)
                    .containsEntry(
                            "table 'customers' of contract 'crm-customers' holds personal data but no column is its"
                                    + " subject key",
                            Map.of("contractId", "crm-customers", "table", "customers"));
            assertThat(details)
                    .as("a contract-level denial names the contract and where its SLA goes")
                    .containsEntry(
                            "product 'crm' is active but contract 'crm-customers' declares no SLA",
                            Map.of("contractId", "crm-customers", "pointer", "/slaProperties"));
            String noRoles = PERSONAL.replace("\"roles\": [{\"role\": \"public\", \"access\": \"read\"}],", "");
            assertThat(engine.evaluate(input(noRoles)).findings())
                    .filteredOn(f -> f.message().contains("declares no roles"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.details()).isEqualTo(column));
        }
    }

    @Test
    void locationsAreCheckedAgainstTheTeamsRegisteredBuckets() throws IOException {
        try (PolicyEngine unregistered = engine(Map.of())) {
            assertThat(unregistered.evaluate(input(PERSONAL)).findings())
                    .filteredOn(f -> f.severity() == Severity.WARNING)
                    .extracting(PolicyFinding::message)
                    .containsExactly(
                            "team 'crm-team' has no registered buckets or databases, so the location of server 'prod' is not checked; register them under mesh.teams in the policy data");
        }
        Map<String, Object> server = Map.of("contractId", "crm-customers", "server", "prod");
        try (PolicyEngine unregistered = engine(Map.of())) {
            assertThat(unregistered.evaluate(input(PERSONAL)).findings())
                    .filteredOn(f -> f.severity() == Severity.WARNING)
                    .extracting(PolicyFinding::details)
                    .as("the server's entry in the contract is where the SDK reports it")
                    .containsExactly(server);
        }
        try (PolicyEngine registered =
                engine(Map.of("teams.yaml", "mesh:\n  teams:\n    crm-team:\n      buckets: [crm-data]\n"))) {
            assertThat(registered.evaluate(input(PERSONAL)).findings())
                    .filteredOn(f -> f.message().startsWith("server 'prod' of contract 'crm-customers' is in bucket"))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.message())
                                .isEqualTo(
                                        "server 'prod' of contract 'crm-customers' is in bucket 'other-team-bucket', which team 'crm-team' does not own; use one of [\"crm-data\"]");
                        assertThat(f.details()).isEqualTo(server);
                    });
        }
    }

    @Test
    void eachFindingNamesTheLineOfTheRuleThatMadeIt() throws IOException {
        String policy = """
                package acme.naming

                deny contains msg if {
                \tnot startswith(input.product.id, "acme-")
                \tmsg := "product ids start with acme-"
                }

                deny contains msg if {
                \tcount(input.product.id) > 2
                \tmsg := "product ids have at most 2 characters"
                }
                """;
        try (PolicyEngine engine = engine(Map.of("naming.rego", policy))) {
            Map<String, String> where = new LinkedHashMap<>();
            for (PolicyFinding f : engine.evaluate(input(PERSONAL)).findings()) {
                if (f.rule().equals("acme.naming.deny"))
                    where.put(f.message(), f.location().toString());
            }
            assertThat(where).hasSize(2);
            assertThat(where.get("product ids start with acme-")).endsWith("policies/naming.rego:3:1");
            assertThat(where.get("product ids have at most 2 characters")).endsWith("policies/naming.rego:8:1");
        }
        // the pack's personal-data rules: three denials, three definitions of deny
        String pack = new String(
                GovernancePackTest.class
                        .getResourceAsStream("/dev/meshsdk/policy/pack/personal_data.rego")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = pack.lines().toList();
        int retention = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("not has_retention(c)")) retention = i;
        }
        while (retention > 0 && !lines.get(retention).startsWith("deny contains")) retention--;
        assertThat(retention).isGreaterThan(0);
        int head = retention + 1;
        try (PolicyEngine engine = engine(Map.of())) {
            assertThat(engine.evaluate(input(PERSONAL)).findings())
                    .filteredOn(f -> f.message().contains("sets no retention limit"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.location().toString()).endsWith("personal_data.rego:" + head + ":1"));
        }
    }

    @Test
    void aProjectPolicyOverridesThePackByPackage() throws IOException {
        String noSla =
                "package mesh.governance.sla\n\nwarn contains \"SLA checks are off for this project\" if { true }\n";
        try (PolicyEngine engine = engine(Map.of("sla.rego", noSla))) {
            List<PolicyFinding> findings = engine.evaluate(input(PERSONAL)).findings();
            assertThat(findings).noneMatch(f -> f.message().contains("declares no SLA"));
            assertThat(findings).anySatisfy(f -> {
                assertThat(f.message()).isEqualTo("SLA checks are off for this project");
                assertThat(f.location().toString()).endsWith("policies/sla.rego:3:1");
            });
        }
    }

    @Test
    void projectTestsRunOnValidateAndAFailingOneIsAnError() throws IOException {
        String policy = """
                package acme.naming

                deny contains msg if {
                \tnot startswith(input.product.id, "acme-")
                \tmsg := "product ids start with acme-"
                }

                test_denies_other_prefixes if {
                \tcount(deny) == 1 with input as {"product": {"id": "x"}}
                }

                test_wrong_expectation if {
                \tcount(deny) == 0 with input as {"product": {"id": "x"}}
                }
                """;
        try (PolicyEngine engine = engine(Map.of("naming.rego", policy))) {
            List<PolicyFinding> onValidate =
                    engine.evaluate(quickstart("validate").get(0)).findings();
            assertThat(onValidate)
                    .filteredOn(f -> f.rule().startsWith("acme.naming.test_"))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.message()).isEqualTo("policy test 'test_wrong_expectation' failed (undefined)");
                        assertThat(f.location().toString()).endsWith("policies/naming.rego:12:1");
                    });
            List<PolicyFinding> onDeploy =
                    engine.evaluate(quickstart("deploy").get(0)).findings();
            assertThat(onDeploy).noneMatch(f -> f.rule().contains("test_"));
            assertThat(onDeploy).extracting(PolicyFinding::message).contains("product ids start with acme-");
            // the tests read no product: run once, their findings are reported for every product validated
            List<PolicyFinding> secondProduct =
                    engine.evaluate(quickstart("validate").get(1)).findings();
            assertThat(secondProduct)
                    .filteredOn(f -> f.rule().startsWith("acme.naming.test_"))
                    .extracting(PolicyFinding::message)
                    .containsExactly("policy test 'test_wrong_expectation' failed (undefined)");
        }
    }

    @Test
    void aSyntaxErrorNamesTheFileLineAndColumn() {
        assertThatThrownBy(
                        () -> engine(Map.of("broken.rego", "package acme\n\ndeny contains msg if {\n\tmsg := \n}\n")))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR))
                .hasMessageContaining("broken.rego:5:");
    }

    @Test
    void aRunawayPolicyFailsInBoundedTimeAndBlocks() throws IOException {
        String loop =
                "package acme.loop\n\ndeny contains x if {\n\tsome x in numbers.range(1, 100000000)\n\tx < 0\n}\n";
        try (PolicyEngine engine = engine(Map.of("loop.rego", loop))) {
            PolicyInput in = quickstart("deploy").get(0);
            assertThatThrownBy(() -> engine.evaluate(in))
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED))
                    .hasMessageContaining("data.acme.loop.deny")
                    .hasMessageContaining("the deploy is blocked");
        }
    }

    private static PolicyInput planned(String contractVersion, String deployedVersion, String changes)
            throws IOException {
        return input("""
                {"event": "plan", "environment": "dev",
                 "product": {"id": "orders", "status": "active", "team": {"name": "sales"}, "description": {"purpose": "Orders"}},
                 "contracts": [], "deployed": null,
                 "plan": {"ports": [{"port": "orders", "contractId": "orders-contract", "contractVersion": "%s",
                    "deployedContractVersion": %s, "serverType": "local", "address": "/tmp/orders", "exists": true,
                    "changes": %s}]}}
                """.formatted(
                        contractVersion, deployedVersion == null ? "null" : "\"" + deployedVersion + "\"", changes));
    }

    private static List<String> breaking(PolicyEngine engine, PolicyInput in) {
        return engine.evaluate(in).findings().stream()
                .filter(f -> f.rule().equals("mesh.governance.breaking.deny"))
                .map(PolicyFinding::message)
                .toList();
    }

    @Test
    void aBreakingChangeNamesThePortsContractAndTheColumnSoTheDenialCanPointAtIt() throws IOException {
        String required = """
                [{"kind": "alter_column", "target": "orders",
                  "from": {"name": "note", "type": "varchar(20)", "nullable": true},
                  "to": {"name": "note", "type": "varchar(20)", "nullable": false}}]""";
        String refused =
                "[{\"kind\": \"refused\", \"target\": \"orders\", \"reason\": \"column 'amount' would be dropped\"}]";
        try (PolicyEngine engine = engine(Map.of())) {
            Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("port", "orders");
            expected.put("contractId", "orders-contract");
            expected.put("target", "orders");
            expected.put("column", "note");
            assertThat(engine.evaluate(planned("1.1.0", "1.0.0", required)).findings())
                    .filteredOn(f -> f.rule().equals("mesh.governance.breaking.deny"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.details()).isEqualTo(expected));
            expected.put("column", "amount");
            assertThat(engine.evaluate(planned("1.1.0", "1.0.0", refused)).findings())
                    .filteredOn(f -> f.rule().equals("mesh.governance.breaking.deny"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.details()).isEqualTo(expected));
            expected.put("column", null);
            assertThat(engine.evaluate(planned("1.1.0", "1.0.0", refused.replace("column 'amount'", "the table")))
                            .findings())
                    .filteredOn(f -> f.rule().equals("mesh.governance.breaking.deny"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.details()).isEqualTo(expected));
        }
    }

    @Test
    void aBreakingChangeUnderTheSameMajorVersionIsDenied() throws IOException {
        String refused =
                "[{\"kind\": \"refused\", \"target\": \"orders\", \"reason\": \"column 'amount' would be dropped\"}]";
        String required = """
                [{"kind": "alter_column", "target": "orders",
                  "from": {"name": "note", "type": "varchar(20)", "nullable": true},
                  "to": {"name": "note", "type": "varchar(40)", "nullable": false}}]""";
        String narrowed = """
                [{"kind": "alter_column", "target": "orders",
                  "from": {"name": "qty", "type": "bigint", "nullable": true},
                  "to": {"name": "qty", "type": "integer", "nullable": true}}]""";
        try (PolicyEngine engine = engine(Map.of())) {
            assertThat(breaking(engine, planned("1.1.0", "1.0.0", refused)))
                    .singleElement()
                    .asString()
                    .contains("output port 'orders' would break its consumers (column 'amount' would be dropped)")
                    .contains("deployed as 1.0.0")
                    .contains("raise the contract's major version (to 2.0.0)");
            assertThat(breaking(engine, planned("1.1.0", "1.0.0", required)))
                    .singleElement()
                    .asString()
                    .contains("column 'note' becomes required");
            assertThat(breaking(engine, planned("1.0.1", "1.0.0", narrowed)))
                    .singleElement()
                    .asString()
                    .contains("column 'qty' changes type from bigint to integer");
        }
    }

    @Test
    void additiveChangesANewMajorVersionAndFirstDeploysPass() throws IOException {
        String widened = """
                [{"kind": "alter_column", "target": "orders",
                  "from": {"name": "note", "type": "varchar(20)", "nullable": true},
                  "to": {"name": "note", "type": "varchar(100)", "nullable": true}},
                 {"kind": "add_column", "target": "orders", "column": {"name": "channel", "type": "text", "nullable": true}}]""";
        String refused =
                "[{\"kind\": \"refused\", \"target\": \"orders\", \"reason\": \"column 'amount' would be dropped\"}]";
        try (PolicyEngine engine = engine(Map.of())) {
            assertThat(breaking(engine, planned("1.1.0", "1.0.0", widened))).isEmpty();
            assertThat(breaking(engine, planned("2.0.0", "1.4.2", refused))).isEmpty();
            assertThat(breaking(engine, planned("1.0.0", null, refused))).isEmpty();
        }
    }

    @Test
    void aProjectPolicyCanWithholdAccessTheContractGrants() throws IOException {
        String policy = """
                package acme.access

                import rego.v1

                withhold_access contains {"port": p.name, "principal": "analyst", "msg": "analysts read no raw orders"} if {
                	some p in input.product.outputPorts
                	p.name == "orders"
                }
                """;
        try (PolicyEngine engine = engine(Map.of("access.rego", policy))) {
            PolicyDecision decision = engine.evaluate(quickstart("deploy").get(0));
            assertThat(decision.withheld()).singleElement().satisfies(w -> {
                assertThat(w.port()).isEqualTo("orders");
                assertThat(w.principal()).isEqualTo("analyst");
                assertThat(w.reason()).isEqualTo("analysts read no raw orders");
            });
            assertThat(decision.allowed()).isTrue();
        }
        try (PolicyEngine engine =
                engine(Map.of("access.rego", "package acme.access\n\nwithhold_access contains \"everyone\"\n"))) {
            assertThatThrownBy(() -> engine.evaluate(quickstart("deploy").get(0)))
                    .hasMessageContaining("items must be objects {port, principal, msg}");
        }
    }

    private static PolicyInput classified(String event, String classification, String subjectKey) throws IOException {
        return input("""
                {"event": "%s", "environment": "dev",
                 "product": {"id": "shop", "status": "draft", "team": {"name": "shop-team"}, "description": {"purpose": "Shop"},
                    "outputPorts": [{"name": "orders", "version": "1.0.0", "contractId": "shop-orders"}]},
                 "contracts": [{"id": "shop-orders", "version": "1.0.0", "roles": [{"role": "analyst", "access": "read"}],
                    "slaProperties": [{"property": "retention", "value": 365, "unit": "d"}],
                    "schema": [{"name": "orders", "physicalName": "orders_tbl", "properties": [
                       {"name": "customer_id", "customProperties": [{"property": "subjectKey", "value": %s}]},
                       {"name": "contact"%s}]}]}],
                 "deployed": null,
                 "detected": [{"port": "orders", "majorVersion": 1, "table": "orders_tbl", "column": "contact",
                    "detector": "email", "share": 0.9731, "matched": 9731, "sampled": 10000}]}
                """.formatted(
                event, subjectKey, classification == null ? "" : ", \"classification\": \"" + classification + "\""));
    }

    private static List<String> denials(PolicyEngine engine, PolicyInput in, String rule) {
        return engine.evaluate(in).findings().stream()
                .filter(f -> f.rule().equals(rule))
                .map(PolicyFinding::message)
                .toList();
    }

    @Test
    void personalDataDetectedInAnUnclassifiedColumnBlocksPublishAndCheck() throws IOException {
        try (PolicyEngine engine = engine(Map.of())) {
            for (String event : List.of("publish", "check")) {
                assertThat(denials(engine, classified(event, null, "\"customer\""), "mesh.governance.detected.deny"))
                        .as("event %s", event)
                        .containsExactly("column 'orders_tbl.contact' of output port 'orders'"
                                + " holds what looks like e-mail addresses (97% of 10000 sampled values) but its contract"
                                + " does not classify it as personal data; classify it (classification: pii) or keep"
                                + " that data out of the port");
            }
            // the port's contract, the table and the column, for the SDK to point at the column's entry
            assertThat(engine.evaluate(classified("check", null, "true")).findings())
                    .filteredOn(f -> f.rule().equals("mesh.governance.detected.deny"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.details())
                            .isEqualTo(Map.of(
                                    "port", "orders",
                                    "contractId", "shop-orders",
                                    "table", "orders_tbl",
                                    "column", "contact")));
            assertThat(denials(engine, classified("publish", "pii", "\"customer\""), "mesh.governance.detected.deny"))
                    .as("classified as personal")
                    .isEmpty();
            assertThat(denials(engine, classified("publish", "Restricted", "true"), "mesh.governance.detected.deny"))
                    .as("classified, any case")
                    .isEmpty();
            assertThat(denials(engine, classified("deploy", null, "true"), "mesh.governance.detected.deny"))
                    .as("deploys are not judged on data")
                    .isEmpty();
        }
    }

    @Test
    void aTypedSubjectKeyIsASubjectKey() throws IOException {
        try (PolicyEngine engine = engine(Map.of())) {
            assertThat(denials(
                            engine, classified("deploy", "pii", "\"customer\""), "mesh.governance.personal_data.deny"))
                    .isEmpty();
            assertThat(denials(engine, classified("deploy", "pii", "false"), "mesh.governance.personal_data.deny"))
                    .containsExactly(
                            "table 'orders' of contract 'shop-orders' holds personal data but no column is its"
                                    + " subject key; add customProperties 'subjectKey: true' to the column that identifies a person");
        }
    }
}

package dev.meshsdk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.CheckReport;
import dev.meshsdk.CheckRequest;
import dev.meshsdk.ClassifyResult;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.PublishReport;
import dev.meshsdk.ValidationException;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PortDataFactory;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.PublishResult;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.data.TableFacts;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Mesh.publish} and {@code Mesh.check} in the core: binding from the catalog, choosing the module,
 * recording in the registry, metrics, events and the report's verdicts. Over test doubles that stand in for the
 * stores: the in-memory registry and storage, a data module that counts the CSV's rows and answers rules as the
 * test says ({@link ScriptedData}), and a quality engine that does the same ({@link ScriptedEngine}). The real
 * stores are tested in their modules (storage-postgres, spark).
 */
class DataCommandsTest {
    @TempDir
    Path dir;

    final InMemoryStorage storage = new InMemoryStorage();
    final InMemoryRegistry registry = new InMemoryRegistry();
    final List<MeshEvent> events = new ArrayList<>();
    final MetricRegistry metrics = new MetricRegistry();
    final ScriptedData data = new ScriptedData();
    final ScriptedEngine engine = new ScriptedEngine();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final DetectedPolicy policy = new DetectedPolicy();
    Path product;

    @BeforeEach
    void deploy() throws IOException {
        product = dir.resolve("orders");
        Files.createDirectories(product.resolve("contracts"));
        Files.writeString(product.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: orders
                name: orders
                version: 1.0.0
                status: active
                domain: sales
                team:
                  name: sales-data
                description:
                  purpose: Orders
                outputPorts:
                  - name: orders
                    version: 1.0.0
                    contractId: orders-v1
                """);
        Files.writeString(product.resolve("contracts/orders-v1.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: orders-v1
                version: 1.0.0
                status: active
                servers:
                  - server: local-dev
                    type: local
                    environment: dev
                    path: data/orders
                    format: delta
                slaProperties:
                  - property: frequency
                    value: 1
                    unit: d
                  - property: latency
                    value: 4
                    unit: h
                schema:
                  - name: orders
                    physicalType: table
                    properties:
                      - name: id
                        logicalType: integer
                        required: true
                        quality:
                          - metric: duplicateValues
                            mustBe: 0
                            severity: warning
                      - name: amount
                        logicalType: number
                        quality:
                          - name: amounts present
                            metric: nullValues
                            mustBe: 0
                """);
        try (Mesh mesh = mesh(true)) {
            mesh.deploy(List.of(product));
        }
        events.clear();
    }

    Mesh mesh(boolean withData) {
        return mesh(withData, null);
    }

    /** With {@code policies} as the policy engine; none when null. */
    Mesh mesh(boolean withData, DetectedPolicy policies) {
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
            }

            @Override
            public List<RegistryFactory> registries() {
                return List.of(registry);
            }

            @Override
            public List<QualityEngineFactory> qualityEngines() {
                return List.of(engine);
            }

            @Override
            public List<PortDataFactory> portData() {
                return withData ? List.of(data) : List.of();
            }

            @Override
            public List<PolicyEngineFactory> policyEngines() {
                return policies == null ? List.of() : List.of(policies);
            }
        };
        return Mesh.builder()
                .baseDirectory(dir)
                .environment("dev")
                .plugins(List.of(plugin))
                .registry("memory")
                .metrics(metrics)
                .listener(events::add)
                .clock(clock)
                .policyEngine(policies == null ? "none" : "scripted")
                .build();
    }

    Path csv(String text) throws IOException {
        Path f = dir.resolve("orders.csv");
        Files.writeString(f, text);
        return f;
    }

    // ---- publish --------------------------------------------------------------------------------

    @Test
    void aCsvHeaderTheContractCannotTakeIsRefusedBeforeTheStoreIsAsked() throws IOException {
        Path file = csv("amount,id,bogus\n10,1,x\n");
        try (Mesh mesh = mesh(true)) {
            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("orders", "orders", file, PublishRequest.Mode.APPEND));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains(file + ":1:11").contains("bogus");
        }
        assertThat(data.requests)
                .as("the store (a Spark session, a database) is not asked to publish a file it would refuse")
                .isEmpty();
    }

    @Test
    void aPublishIsRecordedCountedAndAnnounced() throws IOException {
        Path file = csv("amount,id\n10,1\n20,2\n");
        PublishReport r;
        try (Mesh mesh = mesh(true)) {
            r = mesh.publish("orders", "orders", file, PublishRequest.Mode.APPEND);
        }

        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.object()).isEqualTo("orders");
        assertThat(r.format()).isEqualTo(PublishRequest.FileFormat.CSV);
        assertThat(data.requests).singleElement().satisfies(q -> {
            assertThat(q.rules())
                    .extracting(s -> s.rule().label())
                    .containsExactly("duplicateValues", "amounts present");
            assertThat(q.mode()).isEqualTo(PublishRequest.Mode.APPEND);
        });
        assertThat(registry.quality).singleElement().satisfies(q -> {
            assertThat(q.source()).isEqualTo("publish");
            assertThat(q.rows()).isEqualTo(2);
            assertThat(q.checkedAt()).isEqualTo(clock.instant());
            assertThat(q.results()).extracting(QualityRecord.Result::status).containsExactly("PASSED", "PASSED");
        });
        assertThat(metrics.counter("mesh.publish.rows").getCount()).isEqualTo(2);
        assertThat(metrics.counter("mesh.publish.succeeded").getCount()).isEqualTo(1);
        assertThat(metrics.getGauges()).containsKey("mesh.publish.orders.orders.orders.rows");
        assertThat(events)
                .hasAtLeastOneElementOfType(MeshEvent.PublishStarted.class)
                .hasAtLeastOneElementOfType(MeshEvent.PublishFinished.class);
    }

    @Test
    void anAppendHoldsTheProductsLockSoASecondOneOrADeployWaitsForIt() throws IOException {
        Path file = csv("amount,id\n10,1\n");
        try (Mesh mesh = mesh(true)) {
            // the data module sees the lock held while it appends, named for the append
            data.during =
                    () -> assertThat(registry.locks.values()).singleElement().satisfies(v -> assertThat(v)
                            .endsWith(", appending"));
            mesh.publish("orders", "orders", file, PublishRequest.Mode.APPEND);
            assertThat(registry.locks).as("released after the append").isEmpty();
            data.during = () ->
                    assertThat(registry.locks).as("a replace takes no lock").isEmpty();
            mesh.publish("orders", "orders", file, PublishRequest.Mode.REPLACE);
            data.during = null;

            registry.locks.put("orders@dev", "bob on ci-7, process 42");
            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("orders", "orders", file, PublishRequest.Mode.APPEND));
            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
            assertThat(e.getMessage())
                    .startsWith("Cannot append " + file + " to port 'orders' of product 'orders': a deploy or another"
                            + " append of product 'orders' is running (")
                    .contains("bob on ci-7, process 42")
                    .endsWith("nothing was published, append again when it has finished");
            assertThat(data.requests)
                    .as("the held lock stopped it before the store")
                    .hasSize(2);
            assertThat(registry.locks).containsOnlyKeys("orders@dev");
        }
    }

    @Test
    void aBlockedPublishNamesFileRuleAndValueAndIsNotRecorded() throws IOException {
        Path file = csv("id,amount\n1,\n2,\n");
        data.outcomes.put("amounts present", new BigDecimal("2"));

        PublishBlockedException e;
        try (Mesh mesh = mesh(true)) {
            e = catchThrowableOfType(
                    PublishBlockedException.class,
                    () -> mesh.publish("orders", "orders", file, PublishRequest.Mode.REPLACE));
        }

        assertThat(e.code()).isEqualTo(ErrorCode.QUALITY_FAILED);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Cannot publish " + file + " to port 'orders' of product 'orders': 1"
                                + " blocking quality rule(s) failed on its rows: rule 'amounts present' on orders.amount: measured 2,"
                                + " expected mustBe 0; nothing was published, the port is as it was; fix the data and publish again");
        assertThat(registry.quality).as("nothing published, nothing recorded").isEmpty();
        assertThat(metrics.counter("mesh.publish.blocked").getCount()).isEqualTo(1);
        assertThat(events)
                .filteredOn(MeshEvent.PublishFailed.class::isInstance)
                .singleElement()
                .extracting(ev -> ((MeshEvent.PublishFailed) ev).code())
                .isEqualTo(ErrorCode.QUALITY_FAILED);
    }

    @Test
    void aProductThatIsNotDeployedIsNotFound() throws IOException {
        Path file = csv("id,amount\n1,2\n");
        try (Mesh mesh = mesh(true)) {
            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("nope", "orders", file, PublishRequest.Mode.APPEND));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage())
                    .isEqualTo("Cannot find product 'nope' in 'dev': it is not deployed there;"
                            + " check the id with mesh:catalog or search()");
        }
    }

    @Test
    void withoutADataModuleTheMessageNamesTheModuleToAdd() throws IOException {
        Path file = csv("id,amount\n1,2\n");
        try (Mesh mesh = mesh(false)) {
            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("orders", "orders", file, PublishRequest.Mode.APPEND));
            assertThat(e.code()).isEqualTo(ErrorCode.ADAPTER_NOT_FOUND);
            assertThat(e.getMessage())
                    .isEqualTo("Cannot publish to port 'orders' of product 'orders': no loaded data"
                            + " module serves server type 'local' in format 'delta' (loaded: []); add dev.meshsdk:mesh-spark"
                            + " to the dependencies (of the plugin, or of the application)");
        }
    }

    @Test
    void aStoresRefusalOfTheContractAtPublishIsLocatedInTheContractAsPlanningLocatesIt() throws IOException {
        Path file = csv("id,amount\n1,2\n");
        data.refusal = new MeshException(
                ErrorCode.INVALID_DESCRIPTOR,
                "Cannot merge into orders: the store"
                        + " cannot merge on the key; give the schema object a primary key");
        ValidationException e;
        try (Mesh mesh = mesh(true)) {
            e = catchThrowableOfType(
                    ValidationException.class,
                    () -> mesh.publish("orders", "orders", file, PublishRequest.Mode.APPEND));
        }

        assertThat(e.getCause()).isSameAs(data.refusal);
        assertThat(e.report().errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("MESH-STORE");
            assertThat(d.message()).isEqualTo("Cannot merge into orders: the store cannot merge on the key");
            assertThat(d.hint()).isEqualTo("give the schema object a primary key");
            assertThat(d.location().file().getFileName().toString()).isEqualTo("orders-v1.yaml");
            assertThat(d.location().line())
                    .as("the port's server entry, - server: local-dev")
                    .isEqualTo(7);
        });
        assertThat(events)
                .filteredOn(MeshEvent.PublishFailed.class::isInstance)
                .singleElement()
                .extracting(ev -> ((MeshEvent.PublishFailed) ev).code())
                .isEqualTo(ErrorCode.INVALID_DESCRIPTOR);

        // a failure of the store itself is not a mistake in the contract: it stays as it is
        data.refusal = new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot publish: the store went away");
        try (Mesh mesh = mesh(true)) {
            assertThat(catchThrowableOfType(
                            MeshException.class,
                            () -> mesh.publish("orders", "orders", file, PublishRequest.Mode.APPEND)))
                    .isSameAs(data.refusal);
        }
    }

    @Test
    void aFileWhoseNameDoesNotSayItsFormatOrThatIsMissingIsRefused() throws IOException {
        Path txt = dir.resolve("orders.txt");
        Files.writeString(txt, "id\n");
        try (Mesh mesh = mesh(true)) {
            assertThat(catchThrowableOfType(
                                    MeshException.class,
                                    () -> mesh.publish("orders", "orders", txt, PublishRequest.Mode.APPEND))
                            .getMessage())
                    .startsWith("Cannot publish " + txt + ": its name does" + " not say its format; name it .csv");
            MeshException missing = catchThrowableOfType(
                    MeshException.class,
                    () -> mesh.publish("orders", "orders", dir.resolve("none.csv"), PublishRequest.Mode.APPEND));
            assertThat(missing.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(missing.getMessage()).endsWith("there is no such file; check the path");
        }
    }

    @Test
    void aRelativeFileIsReadFromTheBaseDirectoryAndAMissingOneIsNamedByItsAbsolutePath() throws IOException {
        csv("id,amount\n1,2.50\n");
        assertThat(Path.of("orders.csv").toAbsolutePath())
                .as("not in the JVM's working directory")
                .doesNotExist();
        try (Mesh mesh = mesh(true)) {
            PublishReport report = mesh.publish("orders", "orders", Path.of("orders.csv"), PublishRequest.Mode.APPEND);
            assertThat(report.rows()).isEqualTo(1);
            assertThat(report.file())
                    .isEqualTo(dir.resolve("orders.csv").toAbsolutePath().normalize());
            MeshException missing = catchThrowableOfType(
                    MeshException.class,
                    () -> mesh.publish("orders", "orders", Path.of("data/none.csv"), PublishRequest.Mode.APPEND));
            assertThat(missing.getMessage())
                    .isEqualTo("Cannot publish " + dir.resolve("data/none.csv").toAbsolutePath()
                            + " to port 'orders' of product 'orders': there is no such file; check the path (a relative path"
                            + " is relative to the base directory, " + dir.toAbsolutePath() + ")");
        }
    }

    // ---- the policies on the data: the detected section (events publish and check) ----------------------

    /**
     * Deploys product {@code signups}, whose column {@code referrer} is classified when asked; returns a CSV file of
     * signups whose referrers are e-mail addresses.
     */
    Path deploySignups(boolean classified) throws IOException {
        Path signups = dir.resolve("signups");
        Files.createDirectories(signups.resolve("contracts"));
        Files.writeString(signups.resolve("product.yaml"), """
                apiVersion: v1.0.0
                kind: DataProduct
                id: signups
                name: signups
                version: 1.0.0
                status: active
                domain: growth
                team:
                  name: growth-data
                description:
                  purpose: Signups
                outputPorts:
                  - name: signups
                    version: 1.0.0
                    contractId: signups-v1
                """);
        Files.writeString(signups.resolve("contracts/signups-v1.yaml"), signupsContract(classified));
        try (Mesh mesh = mesh(true)) {
            mesh.deploy(List.of(signups));
        }
        events.clear();
        return Files.writeString(dir.resolve("signups.csv"), SIGNUPS);
    }

    static String signupsContract(boolean classified) {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: signups-v1
                version: 1.0.0
                status: active
                servers:
                  - server: local-dev
                    type: local
                    environment: dev
                    path: data/signups
                    format: delta
                schema:
                  - name: signups
                    physicalType: table
                    properties:
                      - name: id
                        logicalType: integer
                      - name: referrer
                        logicalType: string
                """ + (classified ? "        classification: pii\n" : "");
    }

    static final String SIGNUPS = "id,referrer\n1,ann@example.org\n2,bob@example.org\n3,cy@example.org\n4,\n";

    @Test
    void aPublishWhoseRowsThePoliciesDenyIsNotCommittedAndNamesColumnAndShare() throws IOException {
        Path file = deploySignups(false);

        MeshException e;
        try (Mesh mesh = mesh(true, policy)) {
            e = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("signups", "signups", file, PublishRequest.Mode.APPEND));
        }

        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED);
        assertThat(e.getMessage())
                .isEqualTo("Cannot publish " + file + " to port 'signups' of product 'signups': 1"
                        + " policy denial(s) of its rows: column 'signups.referrer' of port 'signups' looks like email in 100%"
                        + " of 3 sampled values (at contracts/signups-v1.yaml:18:9 of the product as deployed; policy rule"
                        + " 'test.detected.deny' at detected.rego:7:1); nothing was published,"
                        + " the port is as it was");
        assertThat(e.getMessage()).doesNotContain("@");
        assertThat(data.committed).as("the module committed nothing").isZero();
        assertThat(registry.quality).as("nothing published, nothing recorded").isEmpty();
        assertThat(metrics.counter("mesh.publish.denied").getCount()).isEqualTo(1);
        assertThat(events)
                .filteredOn(MeshEvent.PublishFailed.class::isInstance)
                .singleElement()
                .extracting(ev -> ((MeshEvent.PublishFailed) ev).code())
                .isEqualTo(ErrorCode.POLICY_DENIED);
        assertThat(policy.inputs).singleElement().satisfies(in -> {
            assertThat(in.get("event")).isEqualTo("publish");
            assertThat(in.get("detected"))
                    .isEqualTo(List.of(Map.of(
                            "port",
                            "signups",
                            "majorVersion",
                            1,
                            "table",
                            "signups",
                            "column",
                            "referrer",
                            "detector",
                            "email",
                            "share",
                            1.0,
                            "matched",
                            3L,
                            "sampled",
                            3L)));
        });
    }

    @Test
    void aPublishOfAColumnTheDeployedContractClassifiesIsCommitted() throws IOException {
        Path file = deploySignups(true);

        PublishReport r;
        try (Mesh mesh = mesh(true, policy)) {
            r = mesh.publish("signups", "signups", file, PublishRequest.Mode.APPEND);
        }

        assertThat(r.rows()).isEqualTo(4);
        assertThat(data.committed).isEqualTo(1);
        assertThat(policy.inputs).singleElement().satisfies(in -> assertThat((List<?>) in.get("detected"))
                .as("a column the contract classifies is not reported")
                .isEmpty());
    }

    @Test
    void withoutAPolicyEngineNothingIsSampledForPublishOrCheck() throws IOException {
        Path file = deploySignups(false);
        data.stored = sampleOf(SIGNUPS);

        try (Mesh mesh = mesh(true)) {
            mesh.publish("signups", "signups", file, PublishRequest.Mode.APPEND);
            assertThat(mesh.check(new CheckRequest(List.of("signups"), CheckRequest.FailOn.ERROR))
                            .passed())
                    .isTrue();
        }

        assertThat(data.requests)
                .singleElement()
                .extracting(q -> q.audit().sampleRows())
                .isEqualTo(0);
        assertThat(data.samples).as("tables sampled").isZero();
    }

    @Test
    void aCheckReportsEachDenialOfAPortsDataAsAFailedPolicyResult() throws IOException {
        deploySignups(false);
        data.stored = sampleOf(SIGNUPS);

        CheckReport report;
        try (Mesh mesh = mesh(true, policy)) {
            report = mesh.check(new CheckRequest(List.of("signups"), CheckRequest.FailOn.ERROR));
        }

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(CheckReport.Kind.POLICY);
            assertThat(r.rule()).isEqualTo("test.detected.deny");
            assertThat(r.scope()).isEqualTo("signups");
            assertThat(r.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
            assertThat(r.message())
                    .isEqualTo("column 'signups.referrer' of port 'signups' looks like email in 100%"
                            + " of 3 sampled values (at contracts/signups-v1.yaml:18:9 of the product as deployed;"
                            + " policy rule 'test.detected.deny' at detected.rego:7:1)");
        });
        assertThat(data.samples).as("one sample per table").isEqualTo(1);
        assertThat(policy.inputs).extracting(in -> in.get("event")).containsOnly("check");
    }

    @Test
    void aPortWhoseTablesTheStoreSaysAreEmptyIsNotSampled() throws IOException {
        deploySignups(false);
        data.stored = sampleOf(SIGNUPS);
        data.facts = new TableFacts(0, clock.instant(), 0);

        try (Mesh mesh = mesh(true, policy)) {
            mesh.check(new CheckRequest(List.of("signups"), CheckRequest.FailOn.ERROR));
        }

        assertThat(data.samples).isZero();
        assertThat(policy.inputs).isEmpty();
    }

    @Test
    void classifyNamesAndCountsThePortsWithNoRowsToSampleAsSkipped() throws IOException {
        deploySignups(false);
        data.stored = sampleOf(SIGNUPS); // the orders port's table holds no rows

        ClassifyResult result;
        try (Mesh mesh = mesh(true)) {
            result = mesh.classify();
        }

        assertThat(result.ports()).as("ports judged").isEqualTo(1);
        assertThat(result.skipped()).containsExactly("orders/orders");
        assertThat(result.findings())
                .extracting(ClassifyResult.Finding::productId)
                .containsOnly("signups");
        assertThat(result.summary())
                .endsWith("\n1 port(s) skipped (no rows to sample; publish data first): orders/orders");
    }

    @Test
    void aCheckJudgesTheProductAsDeployedNotAsItsSourcesNowSay() throws IOException {
        deploySignups(false);
        // classified in the sources, not deployed: the registry's contract is judged
        Files.writeString(dir.resolve("signups/contracts/signups-v1.yaml"), signupsContract(true));
        data.stored = sampleOf(SIGNUPS);

        CheckReport report;
        try (Mesh mesh = mesh(true, policy)) {
            report = mesh.check(new CheckRequest(List.of("signups"), CheckRequest.FailOn.ERROR));
        }

        assertThat(report.failures()).extracting(CheckReport.RuleCheck::kind).containsExactly(CheckReport.Kind.POLICY);
        assertThat(policy.inputs).singleElement().satisfies(in -> {
            assertThat(((Map<?, ?>) in.get("product")).get("id")).isEqualTo("signups");
            assertThat(in.get("contracts").toString()).contains("referrer").doesNotContain("pii");
        });
    }

    /** A sample of a CSV text's rows, as a store would draw it. */
    static Sample sampleOf(String csv) {
        List<String> lines = csv.lines().toList();
        return new Sample(
                List.of(lines.get(0).split(",")),
                lines.subList(1, lines.size()).stream()
                        .map(l -> java.util.Arrays.asList(l.split(",", -1)))
                        .map(r -> r.stream().map(v -> v.isEmpty() ? null : v).toList())
                        .toList(),
                lines.size() - 1);
    }

    /**
     * A policy engine double that does what the default pack's {@code detected.rego} does with what the SDK detects
     * (the pack itself is tested in mesh-policy, which depends on this module): denies each detected column, naming
     * the port's contract, the table and the column in its details.
     * Keeps every input it judged.
     */
    static final class DetectedPolicy implements PolicyEngineFactory, PolicyEngine {
        final List<Map<String, Object>> inputs = new ArrayList<>();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public PolicyEngine create(AdapterContext context) {
            return this;
        }

        @Override
        public PolicyDecision evaluate(PolicyInput input) {
            Map<String, Object> doc = input.document();
            inputs.add(doc);
            List<PolicyFinding> findings = new ArrayList<>();
            if (!doc.containsKey("detected")) return new PolicyDecision(findings, null);
            for (Object o : (List<?>) doc.get("detected")) {
                Map<?, ?> d = (Map<?, ?>) o;
                findings.add(new PolicyFinding(
                        Severity.ERROR,
                        "test.detected.deny",
                        "column '" + d.get("table") + "."
                                + d.get("column") + "' of port '" + d.get("port") + "' looks like " + d.get("detector")
                                + " in " + Math.round((Double) d.get("share") * 100) + "% of " + d.get("sampled")
                                + " sampled values",
                        // as the pack's rule: the port's contract, the table and the column
                        Map.of(
                                "port", d.get("port"),
                                "contractId", "signups-v1",
                                "table", d.get("table"),
                                "column", d.get("column")),
                        new Location(Path.of("detected.rego"), 7, 0, "")));
            }
            return new PolicyDecision(findings, null);
        }

        @Override
        public void close() {}
    }

    // ---- check ----------------------------------------------------------------------------------

    @Test
    void aFailedErrorRuleFailsTheCheckAndAWarningOnlyWithFailOnWarning() {
        data.facts = new TableFacts(100, clock.instant().minus(Duration.ofHours(1)), -1);
        engine.outcomes.put("duplicateValues", new BigDecimal("3"));
        CheckReport warningOnly;
        CheckReport strict;
        try (Mesh mesh = mesh(true)) {
            warningOnly = mesh.check(CheckRequest.all());
            strict = mesh.check(CheckRequest.of("orders").failingOn(CheckRequest.FailOn.WARNING));
            engine.outcomes.put("amounts present", BigDecimal.ONE);
            CheckReport failed = mesh.check(CheckRequest.all());
            assertThat(failed.passed()).isFalse();
            assertThat(failed.failures())
                    .extracting(CheckReport.RuleCheck::rule)
                    .containsExactly("amounts present");
        }

        assertThat(warningOnly.passed())
                .as("a failed warning with failOn ERROR")
                .isTrue();
        assertThat(strict.passed()).as("a failed warning with failOn WARNING").isFalse();
        assertThat(strict.failures()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("duplicateValues");
            assertThat(f.scope()).isEqualTo("orders.id");
            assertThat(f.measured()).isEqualByComparingTo("3");
            assertThat(f.threshold()).isEqualTo("mustBe 0");
            assertThat(f.severity()).isEqualTo("warning");
        });
        CheckReport.PortCheck port = warningOnly.ports().get(0);
        assertThat(port.engine()).isEqualTo("scripted");
        assertThat(port.rows()).isEqualTo(100);
        assertThat(port.rules())
                .extracting(CheckReport.RuleCheck::kind)
                .containsExactly(
                        CheckReport.Kind.QUALITY,
                        CheckReport.Kind.QUALITY,
                        CheckReport.Kind.FRESHNESS,
                        CheckReport.Kind.ROW_COUNT_CHANGE);
        assertThat(registry.quality).hasSize(3).allSatisfy(q -> assertThat(q.source())
                .isEqualTo("check"));
        assertThat(metrics.getGauges())
                .containsKeys("mesh.check.orders.orders.orders.id.duplicateValues", "mesh.check.orders.orders.rows");
        assertThat(events).filteredOn(MeshEvent.PortChecked.class::isInstance).hasSize(3);
    }

    @Test
    void freshnessFollowsFrequencyPlusLatencyAndTheLastPublish() throws IOException {
        data.facts = new TableFacts(2, null, -1); // a store that does not say when it changed
        try (Mesh mesh = mesh(true)) {
            CheckReport unknown = mesh.check(CheckRequest.all());
            assertThat(freshness(unknown).verdict()).isEqualTo(CheckReport.Verdict.ERROR);
            assertThat(freshness(unknown).message())
                    .startsWith("Cannot tell how fresh port 'orders' is: no publish is" + " recorded");

            // a table the deploy created and nobody published to: its creation is not fresh data
            data.facts = new TableFacts(0, clock.instant(), -1);
            CheckReport created = mesh.check(CheckRequest.all());
            assertThat(freshness(created).verdict()).isEqualTo(CheckReport.Verdict.ERROR);
            assertThat(freshness(created).message())
                    .startsWith("Cannot tell how fresh port 'orders' is: no publish is" + " recorded");

            mesh.publish("orders", "orders", csv("id,amount\n1,1\n2,2\n"), PublishRequest.Mode.REPLACE);
            clock.advance(Duration.ofHours(27));
            CheckReport fresh = mesh.check(CheckRequest.all());
            clock.advance(Duration.ofHours(2));
            CheckReport stale = mesh.check(CheckRequest.all());

            assertThat(freshness(fresh).verdict()).isEqualTo(CheckReport.Verdict.PASSED);
            assertThat(freshness(fresh).measured()).isEqualByComparingTo("27");
            assertThat(freshness(stale).verdict()).isEqualTo(CheckReport.Verdict.FAILED);
            assertThat(freshness(stale).threshold()).isEqualTo("mustBeLessOrEqualTo 28.00");
            assertThat(freshness(stale).message())
                    .isEqualTo("freshness of port 'orders': last changed"
                            + " 2026-03-01T12:00:00Z, 29.00 h ago; the SLA allows 1 d (frequency) + 4 h (latency) = 28.00 h;"
                            + " the data is stale");
            assertThat(stale.passed()).isFalse();
        }
    }

    @Test
    void aRowCountDropIsFlaggedOnTheSecondCheck() {
        try (Mesh mesh = mesh(true)) {
            data.facts = new TableFacts(1000, clock.instant(), -1);
            CheckReport first = mesh.check(CheckRequest.all());
            data.facts = new TableFacts(400, clock.instant(), -1);
            clock.advance(Duration.ofHours(1));
            CheckReport second = mesh.check(CheckRequest.all().failingOn(CheckRequest.FailOn.WARNING));
            clock.advance(Duration.ofHours(1));
            CheckReport third = mesh.check(CheckRequest.all());

            assertThat(rowChange(first).verdict()).isEqualTo(CheckReport.Verdict.PASSED);
            assertThat(rowChange(first).message())
                    .isEqualTo("row count of orders: 1000; the first check: later" + " checks compare with this count");
            assertThat(rowChange(second).verdict()).isEqualTo(CheckReport.Verdict.FAILED);
            assertThat(rowChange(second).threshold()).isEqualTo("mustBeBetween [500, 1500]");
            assertThat(rowChange(second).message())
                    .startsWith("row count of orders: 400, 60.0% fewer than the 1000" + " of the previous check");
            assertThat(second.passed())
                    .as("a warning by default, failing with failOn WARNING")
                    .isFalse();
            assertThat(rowChange(third).verdict())
                    .as("compared with the second check's 400")
                    .isEqualTo(CheckReport.Verdict.PASSED);
        }
    }

    @Test
    void theAllowedRowChangeIsConfigurable() {
        data.facts = new TableFacts(1000, clock.instant(), -1);
        try (Mesh mesh =
                configured(Map.of("mesh.check.maxRowChange", "0.9", "mesh.check.rowChangeSeverity", "error"))) {
            mesh.check(CheckRequest.all());
            data.facts = new TableFacts(400, clock.instant(), -1);
            CheckReport r = mesh.check(CheckRequest.all());
            assertThat(rowChange(r).verdict()).isEqualTo(CheckReport.Verdict.PASSED);
            assertThat(rowChange(r).threshold()).isEqualTo("mustBeBetween [100, 1900]");
        }
        try (Mesh mesh = configured(Map.of("mesh.check.maxRowChange", "-1"))) {
            assertThat(catchThrowableOfType(MeshException.class, () -> mesh.check(CheckRequest.all()))
                            .getMessage())
                    .isEqualTo("Cannot check row counts with mesh.check.maxRowChange=-1: use a share greater than 0"
                            + " (0.5 allows +-50%), or none");
        }
    }

    @Test
    void checkingAProductThatIsNotDeployedIsNotFound() {
        try (Mesh mesh = mesh(true)) {
            MeshException e =
                    catchThrowableOfType(MeshException.class, () -> mesh.check(CheckRequest.of("orders", "ghost")));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage())
                    .as("worded as mesh:usage and mesh:classify word it, with the deployed ids")
                    .startsWith("Cannot check product 'ghost': it is not deployed to 'dev'; deployed products: [");
            assertThat(registry.quality).as("nothing checked").isEmpty();
        }
    }

    @Test
    void aStoreFailureOfTheEngineIsAnErrorResultNotAnAbortedCheck() {
        engine.failure = new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot read: the store is down");
        try (Mesh mesh = mesh(true)) {
            CheckReport r = mesh.check(CheckRequest.all());
            assertThat(r.passed()).isFalse();
            assertThat(r.ports().get(0).rules())
                    .filteredOn(x -> x.kind() == CheckReport.Kind.QUALITY)
                    .allSatisfy(x -> {
                        assertThat(x.verdict()).isEqualTo(CheckReport.Verdict.ERROR);
                        assertThat(x.message()).isEqualTo("Cannot read: the store is down");
                    });
        }
    }

    private Mesh configured(Map<String, String> config) {
        MeshPlugin plugin = new MeshPlugin() {
            @Override
            public List<RegistryFactory> registries() {
                return List.of(registry);
            }

            @Override
            public List<StorageAdapterFactory> storageAdapters() {
                return List.of(storage);
            }

            @Override
            public List<QualityEngineFactory> qualityEngines() {
                return List.of(engine);
            }

            @Override
            public List<PortDataFactory> portData() {
                return List.of(data);
            }
        };
        return Mesh.builder()
                .baseDirectory(dir)
                .plugins(List.of(plugin))
                .registry("memory")
                .config(config)
                .metrics(metrics)
                .clock(clock)
                .policyEngine("none")
                .build();
    }

    private static CheckReport.RuleCheck freshness(CheckReport r) {
        return r.ports().get(0).rules().stream()
                .filter(x -> x.kind() == CheckReport.Kind.FRESHNESS)
                .findFirst()
                .orElseThrow();
    }

    private static CheckReport.RuleCheck rowChange(CheckReport r) {
        return r.ports().get(0).rules().stream()
                .filter(x -> x.kind() == CheckReport.Kind.ROW_COUNT_CHANGE)
                .findFirst()
                .orElseThrow();
    }

    /** The measured value of each rule as the test sets it (0 by default), held to the rule's threshold. */
    private static List<QualityResult> results(List<ScopedRule> rules, Map<String, BigDecimal> outcomes) {
        return rules.stream()
                .map(r -> {
                    BigDecimal v = outcomes.getOrDefault(r.rule().label(), BigDecimal.ZERO);
                    boolean ok = r.rule().threshold().orElseThrow().test(v);
                    return new QualityResult(
                            r,
                            ok ? QualityResult.Status.PASSED : QualityResult.Status.FAILED,
                            v,
                            r.rule().threshold().get(),
                            "rule '" + r.rule().label() + "' on " + r.scope() + ": measured " + v.toPlainString()
                                    + (ok ? ", " : ", expected ")
                                    + r.rule().threshold().get());
                })
                .toList();
    }

    /** A data module double: checks the CSV header like a store, counts its records, answers rules as told. */
    final class ScriptedData implements PortDataFactory, PortData {
        final List<PublishRequest> requests = new ArrayList<>();
        final Map<String, BigDecimal> outcomes = new HashMap<>();
        TableFacts facts = TableFacts.unknown();
        /** What {@link #publish} throws, as a store refusing the port's contract would; null: it publishes. */
        MeshException refusal;
        /** What {@link #sample} answers (an empty sample when null), and how often it was asked. */
        Sample stored;

        int samples;
        int committed;
        /** Run as {@link #publish} starts, to look at what holds while a store publishes; null: nothing. */
        Runnable during;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public PortData create(AdapterContext context) {
            return this;
        }

        @Override
        public boolean supports(PortBinding port) {
            return "local".equals(port.server().type());
        }

        @Override
        public PublishResult publish(PortBinding port, PublishRequest request) {
            requests.add(request);
            if (during != null) during.run();
            if (refusal != null) throw refusal;
            DataFiles.matchColumns(port, request.object(), request.file(), DataFiles.csvHeader(request.file()));
            long rows;
            try (var lines = Files.lines(request.file())) {
                rows = lines.count() - 1;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            List<QualityResult> results = results(request.rules(), outcomes);
            if (results.stream().anyMatch(QualityResult::blocks)) {
                throw new PublishBlockedException("blocked", results);
            }
            if (request.audit().sampleRows() > 0) {
                try {
                    request.audit().judge(sampleOf(Files.readString(request.file())));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            committed++;
            return new PublishResult("memory." + request.object(), rows, rows, "1", clock.instant(), results);
        }

        @Override
        public Sample sample(PortBinding port, String object, int rows) {
            samples++;
            return stored != null && object.equals("signups") ? stored : Sample.empty(List.of());
        }

        @Override
        public TableFacts facts(PortBinding port, String object) {
            return facts;
        }

        @Override
        public void close() {}
    }

    /** A quality engine double: answers rules as the test says, or fails as the store would. */
    static final class ScriptedEngine implements QualityEngineFactory, QualityEngine {
        final Map<String, BigDecimal> outcomes = new HashMap<>();
        MeshException failure;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public QualityEngine create(AdapterContext context) {
            return this;
        }

        @Override
        public boolean supports(PortBinding port) {
            return true;
        }

        @Override
        public List<QualityResult> evaluate(PortBinding port, List<ScopedRule> rules) {
            if (failure != null) throw failure;
            return results(rules, outcomes);
        }

        @Override
        public void close() {}
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

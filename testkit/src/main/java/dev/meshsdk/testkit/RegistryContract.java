package dev.meshsdk.testkit;

import static dev.meshsdk.testkit.CatalogFixtures.column;
import static dev.meshsdk.testkit.CatalogFixtures.entry;
import static dev.meshsdk.testkit.CatalogFixtures.port;
import static dev.meshsdk.testkit.CatalogFixtures.quality;
import static dev.meshsdk.testkit.CatalogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeployedEntry;
import dev.meshsdk.spi.registry.DeploymentHistory;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.DeploymentRecord.Outcome;
import dev.meshsdk.spi.registry.ErasureLog;
import dev.meshsdk.spi.registry.ErasureReceipt;
import dev.meshsdk.spi.registry.ErasureReceipt.Status;
import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.spi.registry.Registry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Registry} must have: the deployment history and the current deployment, the
 * catalog entry each successful deployment left, the catalog (round trip of every field, listing, lookup, search and offering), the quality history, the
 * erasure log, and the deploy lock. Extend it in the registry's tests and implement {@link #freshRegistry()}. Builders of the
 * records it writes are in {@link CatalogFixtures}.
 */
public abstract class RegistryContract extends RegistryUsageCases {

    /** The registry under test, created before each test and closed after it. */
    protected Registry registry;

    /**
     * A registry over an empty store that no other test uses (a new folder, a new schema). Called once
     * before each test; the suite closes it after the test.
     */
    @Override
    protected abstract Registry freshRegistry();

    @BeforeEach
    void openRegistry() {
        registry = freshRegistry();
    }

    @AfterEach
    void closeRegistry() {
        if (registry != null) registry.close();
    }

    private DeploymentHistory deployments() {
        return registry.deployments();
    }

    private Catalog catalog() {
        return registry.catalog();
    }

    /** Records a successful deployment of {@code entry}. */
    protected void deploy(CatalogEntry entry, int second) {
        deployments()
                .record(
                        record(entry.productId(), entry.environment(), entry.version(), Outcome.SUCCEEDED, second),
                        entry);
    }

    // ---- deployments ---------------------------------------------------------------------------------

    @Test
    void isEmptyAtFirst() {
        assertThat(deployments().current("orders", "dev")).isEmpty();
        assertThat(deployments().history("orders", "dev")).isEmpty();
        assertThat(catalog().entries("dev")).isEmpty();
        assertThat(catalog().entry("orders", "dev")).isEmpty();
        assertThat(catalog().search(CatalogQuery.in("dev"))).isEmpty();
        assertThat(catalog().offering("orders-contract", "dev")).isEmpty();
        assertThat(registry.quality().latest("orders", null, "dev", 10)).isEmpty();
        assertThat(deployments().deployedEntries("dev", List.of("orders"))).isEmpty();
    }

    @Test
    void succeededRecordBecomesCurrent() {
        DeploymentRecord r = record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0);
        CatalogEntry e = entry("orders", "dev", "1.0.0");

        deployments().record(r, e);

        assertThat(deployments().current("orders", "dev")).contains(r);
        assertThat(deployments().current("orders", "prod"))
                .as("another environment")
                .isEmpty();
        assertThat(catalog().entries("dev")).containsExactly(e);
    }

    @Test
    void historyKeepsOrder() {
        DeploymentRecord r1 = record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0);
        DeploymentRecord r2 = record("orders", "dev", "1.1.0", Outcome.FAILED, 10);
        DeploymentRecord r3 = record("orders", "dev", "1.1.0", Outcome.SUCCEEDED, 20);

        deployments().record(r1, entry("orders", "dev", "1.0.0"));
        deployments().record(r2, null);
        deployments().record(r3, entry("orders", "dev", "1.1.0"));

        assertThat(deployments().history("orders", "dev")).containsExactly(r1, r2, r3);
        assertThat(deployments().current("orders", "dev")).contains(r3);
    }

    @Test
    void failedRecordDoesNotTouchCurrentOrCatalog() {
        DeploymentRecord ok = record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0);
        DeploymentRecord failed = record("orders", "dev", "2.0.0", Outcome.FAILED, 10);
        CatalogEntry okEntry = entry("orders", "dev", "1.0.0");
        CatalogEntry other = entry(
                "orders",
                "dev",
                "2.0.0",
                "finance",
                "other-team",
                "active",
                List.of("new"),
                port("revenue", "revenue-contract", 2, "active", List.of(column("amount", "pii"))));

        deployments().record(ok, okEntry);
        // an entry passed with a failed record (the engine passes null) must be ignored all the same
        deployments().record(failed, other);

        assertThat(deployments().current("orders", "dev")).contains(ok);
        assertThat(deployments().history("orders", "dev")).containsExactly(ok, failed);
        assertThat(catalog().entries("dev")).containsExactly(okEntry);
        assertThat(catalog().entry("orders", "dev")).contains(okEntry);
        assertThat(catalog().offering("orders-contract", "dev")).containsExactly(okEntry);
        assertThat(catalog().offering("revenue-contract", "dev")).isEmpty();
        assertThat(catalog().search(CatalogQuery.in("dev").domain("finance"))).isEmpty();
        assertThat(catalog().search(CatalogQuery.in("dev").classification("pii")))
                .isEmpty();
    }

    @Test
    void firstFailedRecordLeavesNoCurrent() {
        DeploymentRecord failed = record("orders", "dev", "1.0.0", Outcome.FAILED, 0);

        deployments().record(failed, null);

        assertThat(deployments().current("orders", "dev")).isEmpty();
        assertThat(catalog().entries("dev")).isEmpty();
        assertThat(catalog().entry("orders", "dev")).isEmpty();
        assertThat(deployments().history("orders", "dev")).containsExactly(failed);
    }

    // ---- catalog -------------------------------------------------------------------------------------

    @Test
    void fullEntryRoundTripsEqual() {
        CatalogEntry full = CatalogFixtures.fullEntry("orders", "dev");
        CatalogEntry sparse = new CatalogEntry(
                "bare",
                "dev",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new CatalogEntry.Port(
                        "p", null, null, null, null, 0, null, null, null, null, null, null, null, null, null, null)),
                List.of(new CatalogEntry.Input("in", null, null, null, null, 0)),
                null,
                null);

        deploy(full, 0);
        deploy(sparse, 1);

        assertThat(catalog().entry("orders", "dev")).contains(full);
        assertThat(catalog().entry("bare", "dev")).contains(sparse);
        assertThat(catalog().entries("dev")).containsExactly(sparse, full);
        assertThat(catalog()
                        .entry("orders", "dev")
                        .orElseThrow()
                        .outputPorts()
                        .get(0)
                        .columns()
                        .get(1))
                .as("a nested record with classification and subject key")
                .isEqualTo(full.outputPorts().get(0).columns().get(1));
    }

    @Test
    void entriesAreSortedByIdAndScopedToAnEnvironment() {
        for (String id : List.of("zeta", "alpha", "mid")) deploy(entry(id, "dev", "1.0.0"), 0);
        deploy(entry("beta", "prod", "1.0.0"), 0);

        assertThat(catalog().entries("dev"))
                .extracting(CatalogEntry::productId)
                .containsExactly("alpha", "mid", "zeta");
        assertThat(catalog().entries("prod"))
                .extracting(CatalogEntry::productId)
                .containsExactly("beta");
        assertThat(catalog().entries("test")).isEmpty();
    }

    @Test
    void entryFindsOneProductInOneEnvironment() {
        CatalogEntry dev = entry("orders", "dev", "1.0.0");
        CatalogEntry prod = entry("orders", "prod", "0.9.0");
        deploy(dev, 0);
        deploy(prod, 1);

        assertThat(catalog().entry("orders", "dev")).contains(dev);
        assertThat(catalog().entry("orders", "prod")).contains(prod);
        assertThat(catalog().entry("orders", "test")).isEmpty();
        assertThat(catalog().entry("customers", "dev")).isEmpty();
    }

    @Test
    void entryIsReplacedByALaterSuccess() {
        deploy(entry("orders", "dev", "1.0.0"), 0);
        CatalogEntry later = entry(
                "orders",
                "dev",
                "1.1.0",
                "finance",
                "finance-team",
                "deprecated",
                List.of(),
                port("orders", "orders-v2-contract", 2, "active", List.of()));

        deploy(later, 10);

        assertThat(catalog().entries("dev")).containsExactly(later);
        assertThat(catalog().entry("orders", "dev")).contains(later);
        assertThat(catalog().offering("orders-contract", "dev"))
                .as("the contract it no longer offers")
                .isEmpty();
        assertThat(catalog().offering("orders-v2-contract", "dev")).containsExactly(later);
        assertThat(catalog().search(CatalogQuery.in("dev").domain("sales")))
                .as("its old domain")
                .isEmpty();
        assertThat(catalog().search(CatalogQuery.in("dev").text("finance-team")))
                .containsExactly(later);
    }

    /** Products of varied domains, teams, tags, statuses and classifications in {@code dev}, one in {@code prod}. */
    private void deployVariedProducts() {
        deploy(
                entry(
                        "orders",
                        "dev",
                        "1.0.0",
                        "sales",
                        "orders-team",
                        "active",
                        List.of("orders", "gold"),
                        port(
                                "orders",
                                "orders-contract",
                                1,
                                "active",
                                List.of(column("id", null), column("customer_email", "pii")))),
                0);
        deploy(
                entry(
                        "customers",
                        "dev",
                        "2.0.0",
                        "Sales",
                        "crm-team",
                        "active",
                        List.of("Customers"),
                        port(
                                "customers",
                                "customers-contract",
                                2,
                                "active",
                                List.of(column("email", "PII"), column("segment", "restricted")))),
                1);
        CatalogEntry.Port stock = new CatalogEntry.Port(
                "stock",
                "Stock levels per warehouse",
                "1.0.0",
                "stock-contract",
                "1.0.0",
                1,
                "active",
                null,
                "local-dev",
                "local",
                "file:///data/stock",
                null,
                List.of(column("sku", null), column("qty", null)),
                null,
                null,
                null);
        deploy(entry("inventory", "dev", "1.0.0", "logistics", "Warehouse", "deprecated", List.of("stock"), stock), 2);
        deploy(
                entry(
                        "shipments",
                        "dev",
                        "3.0.0",
                        "logistics",
                        null,
                        "draft",
                        List.of(),
                        port(
                                "shipments",
                                "shipments-contract",
                                3,
                                "active",
                                List.of(column("tracking_id", "restricted")))),
                3);
        deploy(
                new CatalogEntry(
                        "revenue",
                        "dev",
                        "Revenue",
                        "1.0.0",
                        "retired",
                        "finance",
                        "eu-west",
                        List.of("gold", "reporting"),
                        new CatalogEntry.Owner("finance-team", null, List.of()),
                        "Daily revenue",
                        List.of(port("revenue", "revenue-contract", 1, "retired", List.of(column("amount", null)))),
                        List.of(),
                        List.of(),
                        CatalogFixtures.T0),
                4);
        deploy(
                entry(
                        "orders",
                        "prod",
                        "1.0.0",
                        "sales",
                        "orders-team",
                        "active",
                        List.of("gold"),
                        port("orders", "orders-contract", 1, "active", List.of(column("customer_email", "pii")))),
                5);
    }

    @Test
    void searchReturnsExactlyWhatTheQueryMatches() {
        deployVariedProducts();
        CatalogQuery dev = CatalogQuery.in("dev");
        Map<CatalogQuery, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put(dev, List.of("customers", "inventory", "orders", "revenue", "shipments"));
        expected.put(dev.text("orders"), List.of("orders"));
        expected.put(dev.text("STOCK  warehouse"), List.of("inventory"));
        expected.put(dev.text("email"), List.of("customers", "orders"));
        expected.put(dev.text("eu-west"), List.of("revenue"));
        expected.put(dev.text("shipments-contract"), List.of("shipments"));
        expected.put(dev.text("no-such-word"), List.of());
        expected.put(dev.text("   "), List.of("customers", "inventory", "orders", "revenue", "shipments"));
        expected.put(dev.domain("sales"), List.of("customers", "orders"));
        expected.put(dev.domain(" SALES "), List.of("customers", "orders"));
        expected.put(dev.team("warehouse"), List.of("inventory"));
        expected.put(dev.team("nobody"), List.of());
        expected.put(dev.tag("GOLD"), List.of("orders", "revenue"));
        expected.put(dev.tag("customers"), List.of("customers"));
        expected.put(dev.status("deprecated"), List.of("inventory"));
        expected.put(dev.classification("pii"), List.of("customers", "orders"));
        expected.put(dev.classification("restricted").domain("logistics"), List.of("shipments"));
        expected.put(dev.text("the product").status("active"), List.of("customers", "orders"));
        expected.put(dev.text("gold").tag("reporting").team("finance-team"), List.of("revenue"));
        expected.put(CatalogQuery.in("prod").text("orders"), List.of("orders"));
        expected.put(CatalogQuery.in("test"), List.of());

        expected.forEach((query, ids) -> {
            List<CatalogEntry> accepted = catalog().entries(query.environment()).stream()
                    .filter(query::matches)
                    .toList();
            assertThat(catalog().search(query))
                    .as("search %s", query)
                    .isEqualTo(accepted)
                    .extracting(CatalogEntry::productId)
                    .as("ids found by %s", query)
                    .containsExactlyElementsOf(ids);
        });
    }

    @Test
    void offeringListsTheProducersOfAContractInOneEnvironment() {
        deploy(
                entry(
                        "b-both",
                        "dev",
                        "1.0.0",
                        "sales",
                        "t",
                        "active",
                        List.of(),
                        port("orders", "c1", 1, "active", List.of()),
                        port("refunds", "c2", 1, "active", List.of())),
                0);
        deploy(
                entry(
                        "a-one",
                        "dev",
                        "1.0.0",
                        "sales",
                        "t",
                        "active",
                        List.of(),
                        port("orders", "c1", 2, "deprecated", List.of())),
                1);
        deploy(
                entry(
                        "c-two",
                        "dev",
                        "1.0.0",
                        "sales",
                        "t",
                        "active",
                        List.of(),
                        port("refunds", "c2", 1, "active", List.of())),
                2);
        deploy(
                entry(
                        "d-prod",
                        "prod",
                        "1.0.0",
                        "sales",
                        "t",
                        "active",
                        List.of(),
                        port("orders", "c1", 1, "active", List.of())),
                3);
        deploy(
                new CatalogEntry(
                        "e-reader",
                        "dev",
                        null,
                        "1.0.0",
                        "active",
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(new CatalogEntry.Input("orders", "c1", "1.0.0", "a-one", "orders", 1)),
                        List.of(),
                        null),
                4);

        assertThat(catalog().offering("c1", "dev"))
                .extracting(CatalogEntry::productId)
                .containsExactly("a-one", "b-both");
        assertThat(catalog().offering("c2", "dev"))
                .extracting(CatalogEntry::productId)
                .containsExactly("b-both", "c-two");
        assertThat(catalog().offering("c1", "prod"))
                .extracting(CatalogEntry::productId)
                .containsExactly("d-prod");
        assertThat(catalog().offering("c3", "dev")).isEmpty();
        assertThat(catalog().offering("c1", "dev"))
                .containsExactlyElementsOf(catalog().entries("dev").stream()
                        .filter(e -> e.outputPorts().stream().anyMatch(p -> "c1".equals(p.contractId())))
                        .toList());
    }

    // ---- quality -------------------------------------------------------------------------------------

    @Test
    void qualityHistoryIsNewestFirstWithLimitAndPortFilter() {
        QualityHistory q = registry.quality();
        for (int second : new int[] {2, 0, 4, 1, 3}) q.record(quality("orders", "orders", "dev", second, second != 3));
        QualityRecord lines = quality("orders", "lines", "dev", 5, true);
        q.record(lines);
        q.record(quality("orders", "orders", "prod", 6, true));
        q.record(quality("customers", "orders", "dev", 7, true));

        assertThat(q.latest("orders", "orders", "dev", 3))
                .extracting(r -> r.checkedAt().getEpochSecond() - CatalogFixtures.T0.getEpochSecond())
                .containsExactly(4L, 3L, 2L);
        assertThat(q.latest("orders", "orders", "dev", 3).get(1))
                .as("a failed record, round trip")
                .isEqualTo(quality("orders", "orders", "dev", 3, false))
                .satisfies(r -> assertThat(r.passed()).isFalse());
        assertThat(q.latest("orders", null, "dev", 10))
                .extracting(QualityRecord::port)
                .containsExactly("lines", "orders", "orders", "orders", "orders", "orders");
        assertThat(q.latest("orders", null, "dev", 1)).containsExactly(lines);
        assertThat(q.latest("orders", "orders", "prod", 10)).hasSize(1);
        assertThat(q.latest("orders", "refunds", "dev", 10)).isEmpty();
        assertThat(q.latest("unknown", null, "dev", 10)).isEmpty();
    }

    // ---- erasure log ---------------------------------------------------------------------------------

    @Test
    void erasureLogKeepsEveryReceiptOfASubjectInOrder() {
        ErasureLog log = registry.erasures();
        String a = CatalogFixtures.subjectHash('a');
        String b = CatalogFixtures.subjectHash('b');
        assertThat(log.receipts(a, "dev")).as("before any receipt").isEmpty();

        ErasureReceipt pending = CatalogFixtures.receipt("r1", a, "dev", "orders", "orders", 1, Status.PENDING, 0);
        ErasureReceipt pending2 = CatalogFixtures.receipt("r1", a, "dev", "orders", "orders", 2, Status.PENDING, 0);
        ErasureReceipt done = CatalogFixtures.receipt("r1", a, "dev", "orders", "orders", 1, Status.DONE, 5);
        ErasureReceipt failed = CatalogFixtures.receipt("r1", a, "dev", "orders", "orders", 2, Status.FAILED, 6);
        ErasureReceipt other = CatalogFixtures.receipt("r2", b, "dev", "orders", "orders", 1, Status.DONE, 7);
        ErasureReceipt prod = CatalogFixtures.receipt("r3", a, "prod", "orders", "orders", 1, Status.DONE, 8);
        for (ErasureReceipt r : List.of(pending, pending2, done, failed, other, prod)) log.record(r);

        assertThat(log.receipts(a, "dev"))
                .as("subject a in dev, every field round trip")
                .containsExactly(pending, pending2, done, failed);
        assertThat(log.receipts(a, "dev").get(2).tables()).hasSize(2);
        assertThat(log.receipts(a, "dev").get(2).rowsDeleted()).isEqualTo(3);
        assertThat(log.receipts(b, "dev")).containsExactly(other);
        assertThat(log.receipts(a, "prod")).containsExactly(prod);
        assertThat(log.receipts(CatalogFixtures.subjectHash('c'), "dev")).isEmpty();
    }

    @Test
    void aKeptErasureKeyIsStableAndLongEnough() {
        java.util.Optional<byte[]> first = registry.erasures().keptKey();
        if (first.isEmpty()) return; // the registry leaves the key to the secrets
        assertThat(first.get().length).as("key bytes").isGreaterThanOrEqualTo(16);
        assertThat(registry.erasures().keptKey())
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(first.get()));
    }

    @Test
    void qualityOfManyProductsEqualsTheAnswersPerPort() {
        QualityHistory q = registry.quality();
        for (int second : new int[] {2, 0, 4, 1, 3}) q.record(quality("orders", "orders", "dev", second, second != 3));
        q.record(quality("orders", "lines", "dev", 5, true));
        q.record(quality("orders", "lines", "dev", 6, false));
        q.record(quality("customers", "customers", "dev", 7, true));
        q.record(quality("orders", "orders", "prod", 8, true));
        q.record(quality("unlisted", "orders", "dev", 9, true));
        List<String> ids = List.of("orders", "customers", "never-checked");

        Map<String, List<QualityRecord>> latest = q.latest("dev", ids, 2);

        assertThat(latest).as("products with records, of those asked").containsOnlyKeys("orders", "customers");
        assertThat(latest.get("orders"))
                .as("ports by name, newest first within a port")
                .containsExactlyElementsOf(
                        concat(q.latest("orders", "lines", "dev", 2), q.latest("orders", "orders", "dev", 2)))
                .extracting(r -> r.checkedAt().getEpochSecond() - CatalogFixtures.T0.getEpochSecond())
                .containsExactly(6L, 5L, 4L, 3L);
        assertThat(latest.get("customers")).containsExactlyElementsOf(q.latest("customers", null, "dev", 10));
        assertThat(q.latest("dev", ids, 10).get("orders")).hasSize(7);
        assertThat(q.latest("prod", ids, 10)).containsOnlyKeys("orders");
        assertThat(q.latest("dev", ids, 0)).isEmpty();
        assertThat(q.latest("dev", List.of(), 5)).isEmpty();
    }

    @Test
    void historiesOfManyProductsEqualTheAnswersPerProduct() {
        deployments().record(record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0), entry("orders", "dev", "1.0.0"));
        deployments().record(record("orders", "dev", "1.1.0", Outcome.FAILED, 10), null);
        deployments().record(record("orders", "dev", "1.1.0", Outcome.SUCCEEDED, 20), entry("orders", "dev", "1.1.0"));
        deployments().record(record("customers", "dev", "1.0.0", Outcome.FAILED, 5), null);
        deployments()
                .record(record("orders", "prod", "1.0.0", Outcome.SUCCEEDED, 30), entry("orders", "prod", "1.0.0"));
        deployments()
                .record(record("unlisted", "dev", "1.0.0", Outcome.SUCCEEDED, 40), entry("unlisted", "dev", "1.0.0"));
        List<String> ids = List.of("orders", "customers", "never-deployed");
        List<DeploymentRecord> orders = deployments().history("orders", "dev");

        Map<String, List<DeploymentRecord>> all = deployments().histories("dev", ids, Integer.MAX_VALUE);

        assertThat(all).containsOnlyKeys("orders", "customers");
        assertThat(all.get("orders")).containsExactlyElementsOf(orders).hasSize(3);
        assertThat(all.get("customers")).containsExactlyElementsOf(deployments().history("customers", "dev"));
        assertThat(deployments().histories("dev", ids, 2).get("orders"))
                .as("the newest two, oldest first")
                .containsExactlyElementsOf(orders.subList(1, 3));
        assertThat(deployments().histories("prod", ids, 5)).containsOnlyKeys("orders");
        assertThat(deployments().histories("dev", ids, 0)).isEmpty();
        assertThat(deployments().histories("dev", List.of(), 5)).isEmpty();
    }

    @Test
    void everySuccessfulDeploymentKeepsTheEntryItLeft() {
        DeploymentRecord first = record("orders", "dev", "1.0.0", Outcome.SUCCEEDED, 0);
        DeploymentRecord failed = record("orders", "dev", "2.0.0", Outcome.FAILED, 10);
        DeploymentRecord second = record("orders", "dev", "2.0.0", Outcome.SUCCEEDED, 20);
        DeploymentRecord again = record("orders", "dev", "2.0.0", Outcome.SUCCEEDED, 30);
        CatalogEntry full = CatalogFixtures.fullEntry("orders", "dev");
        CatalogEntry v2 = entry(
                "orders",
                "dev",
                "2.0.0",
                "finance",
                "orders-team",
                "active",
                List.of(),
                port("orders", "orders-contract", 2, "active", List.of(column("amount", "pii"))));
        CatalogEntry deprecated = entry(
                "orders",
                "dev",
                "2.0.0",
                "finance",
                "orders-team",
                "deprecated",
                List.of(),
                port("orders", "orders-contract", 2, "deprecated", List.of()));

        deployments().record(first, full);
        // an entry passed with a failed record (the engine passes null) is not kept
        deployments().record(failed, entry("orders", "dev", "9.9.9"));
        deployments().record(second, v2);
        deployments().record(again, deprecated); // the same descriptors (checksum) as the one before
        deploy(entry("orders", "prod", "1.0.0"), 40);
        deploy(entry("unlisted", "dev", "1.0.0"), 50);
        deployments().record(record("customers", "dev", "1.0.0", Outcome.FAILED, 60), null);

        Map<String, List<DeployedEntry>> kept =
                deployments().deployedEntries("dev", List.of("orders", "customers", "never-deployed"));

        assertThat(kept).as("only products with a successful deployment").containsOnlyKeys("orders");
        assertThat(kept.get("orders"))
                .as("oldest first, each as it was deployed")
                .containsExactly(
                        new DeployedEntry(first, full),
                        new DeployedEntry(second, v2),
                        new DeployedEntry(again, deprecated));
        assertThat(catalog().entry("orders", "dev"))
                .as("the catalog still shows the current one")
                .contains(deprecated);
        assertThat(deployments().deployedEntries("prod", List.of("orders")).get("orders"))
                .extracting(d -> d.entry().environment())
                .containsExactly("prod");
        assertThat(deployments().deployedEntries("dev", List.of())).isEmpty();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ---- locks ---------------------------------------------------------------------------------------

    @Test
    void lockIsExclusivePerProductAndEnvironment() {
        try (DeployLock held = registry.locks().lock("orders", "dev", "alice@build-1")) {
            MeshException e = catchThrowableOfType(
                    MeshException.class, () -> registry.locks().lock("orders", "dev", "bob@build-2"));

            assertThat(e).as("second lock of orders in dev").isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_HELD);
            assertThat(e.getMessage()).contains("alice@build-1");
            try (DeployLock other = registry.locks().lock("customers", "dev", "bob@build-2");
                    DeployLock otherEnv = registry.locks().lock("orders", "prod", "bob@build-2")) {
                assertThat(other).isNotNull();
                assertThat(otherEnv).isNotNull();
            }
        }
    }

    @Test
    void lockIsReleasedOnClose() {
        registry.locks().lock("orders", "dev", "alice").close();

        try (DeployLock again = registry.locks().lock("orders", "dev", "bob")) {
            assertThat(again).isNotNull();
        }
    }
}

package dev.meshsdk.storage.local;

import static dev.meshsdk.testkit.CatalogFixtures.column;
import static dev.meshsdk.testkit.CatalogFixtures.entry;
import static dev.meshsdk.testkit.CatalogFixtures.port;
import static dev.meshsdk.testkit.CatalogFixtures.quality;
import static dev.meshsdk.testkit.CatalogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.DeploymentRecord.Outcome;
import dev.meshsdk.spi.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the file registry does beyond the contract: builds sharing the folder see each other's writes, a
 * corrupt file fails naming itself and is never overwritten, the root is checked, and entries written
 * before the catalog kept owners and major versions are still read.
 */
class FileRegistryTest {
    private static final String NOTHING_OVERWRITTEN =
            "restore it from a backup, or delete it (the product's next mesh:deploy records it again); nothing was overwritten";

    @TempDir
    Path root;

    private static void deploy(Registry registry, CatalogEntry entry, int second) {
        registry.deployments()
                .record(
                        record(entry.productId(), entry.environment(), entry.version(), Outcome.SUCCEEDED, second),
                        entry);
    }

    private static MeshException failure(Runnable call) {
        MeshException e = catchThrowableOfType(MeshException.class, call::run);
        assertThat(e).as("the call failed").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_FAILURE);
        return e;
    }

    @Test
    void itsAddressIsItsFolderAbsoluteAndNormalized() throws Exception {
        Path folder = Files.createDirectories(root.resolve("team-registry"));
        Path relative = Path.of("").toAbsolutePath().relativize(root.resolve("other/../team-registry"));
        assertThat(relative.isAbsolute()).isFalse();
        assertThat(new FileRegistry(relative).address())
                .isEqualTo(folder.toAbsolutePath().normalize().toString());
    }

    @Test
    void aSecondRegistryObjectSeesWhatTheFirstWrote() {
        Registry first = new FileRegistry(root);
        Registry second = new FileRegistry(root);
        deploy(first, entry("orders", "dev", "1.0.0"), 0);
        assertThat(second.catalog().entries("dev"))
                .extracting(CatalogEntry::productId)
                .containsExactly("orders");

        CatalogEntry customers = entry(
                "customers",
                "dev",
                "1.0.0",
                "crm",
                "crm-team",
                "active",
                List.of(),
                port("customers", "customers-contract", 1, "active", List.of(column("email", "pii"))));
        deploy(second, customers, 1);
        CatalogEntry moved = entry(
                "orders",
                "dev",
                "2.0.0",
                "finance",
                "orders-team",
                "active",
                List.of(),
                port("orders", "orders-contract", 2, "active", List.of()));
        deploy(second, moved, 2);

        // the first object's snapshot is warm; the other build's writes must be seen at once
        assertThat(first.catalog().entries("dev")).containsExactly(customers, moved);
        assertThat(first.catalog().entry("orders", "dev")).contains(moved);
        assertThat(first.catalog().offering("customers-contract", "dev")).containsExactly(customers);
        assertThat(first.catalog().search(CatalogQuery.in("dev").domain("finance")))
                .containsExactly(moved);
        assertThat(first.catalog().search(CatalogQuery.in("dev").classification("pii")))
                .containsExactly(customers);
        assertThat(first.deployments().current("orders", "dev"))
                .map(r -> r.productVersion())
                .contains("2.0.0");
    }

    @Test
    void anotherBuildsWriteIsFollowedInTheChangeLogWithoutListingTheFolder() {
        Registry warm = new FileRegistry(root);
        Registry other = new FileRegistry(root);
        deploy(other, entry("orders", "dev", "1.0.0"), 0);
        FileCatalog catalog = (FileCatalog) warm.catalog();
        assertThat(catalog.entries("dev")).hasSize(1);
        long listings = catalog.listings();

        for (int i = 0; i < 3; i++) deploy(other, entry("p" + i, "dev", "1.0.0"), i);
        CatalogEntry changed = entry("orders", "dev", "1.1.0");
        deploy(other, changed, 9);

        assertThat(catalog.entries("dev"))
                .extracting(CatalogEntry::productId)
                .containsExactly("orders", "p0", "p1", "p2");
        assertThat(catalog.entry("orders", "dev")).contains(changed);
        assertThat(catalog.offering("orders-contract", "dev")).hasSize(4);
        assertThat(catalog.listings()).as("listings of the folder").isEqualTo(listings);
    }

    @Test
    void filesAddedOrRemovedByOtherMeansAreSeenByAListing() throws Exception {
        Registry registry = new FileRegistry(root);
        deploy(registry, entry("orders", "dev", "1.0.0"), 0);
        deploy(registry, entry("customers", "dev", "1.0.0"), 1);
        FileCatalog catalog = (FileCatalog) registry.catalog();
        assertThat(catalog.entries("dev")).hasSize(2);
        long listings = catalog.listings();
        Path dir = root.resolve("dev/_catalog");

        Files.delete(dir.resolve("customers.json"));
        Files.copy(dir.resolve("orders.json"), dir.resolve("restored.json"));
        Files.writeString(
                dir.resolve("restored.json"),
                Files.readString(dir.resolve("restored.json"))
                        .replace("\"productId\" : \"orders\"", "\"productId\" : \"restored\""));

        assertThat(catalog.entries("dev")).extracting(CatalogEntry::productId).containsExactly("orders", "restored");
        assertThat(catalog.listings()).isEqualTo(listings + 1);
    }

    @Test
    void aChangeLogCutOffMidLineIsEndedByTheNextWriteAndStaysAHint() throws Exception {
        Registry warm = new FileRegistry(root);
        deploy(warm, entry("orders", "dev", "1.0.0"), 0);
        assertThat(warm.catalog().entries("dev")).hasSize(1);
        Files.writeString(root.resolve("dev/_catalog/.changes"), "cust", java.nio.file.StandardOpenOption.APPEND);

        Registry other = new FileRegistry(root);
        deploy(other, entry("customers", "dev", "1.0.0"), 1);

        assertThat(warm.catalog().entries("dev"))
                .extracting(CatalogEntry::productId)
                .containsExactly("customers", "orders");
        assertThat(Files.readAllLines(root.resolve("dev/_catalog/.changes")))
                .containsExactly("orders", "cust", "customers");
    }

    @Test
    void buildsWritingAtOnceLoseNoEntry() throws Exception {
        Registry warm = new FileRegistry(root);
        assertThat(warm.catalog().entries("dev")).isEmpty();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int build = 0; build < 4; build++) {
                Registry own = new FileRegistry(root);
                int b = build;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) deploy(own, entry("p" + b + "-" + i, "dev", "1.0.0"), i);
                    own.quality().record(quality("sales", "orders", "dev", b, true));
                }));
            }
            for (Future<?> f : writes) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(warm.catalog().entries("dev")).hasSize(40);
        assertThat(warm.catalog().offering("orders-contract", "dev")).hasSize(40);
        assertThat(warm.quality().latest("sales", "orders", "dev", 10)).hasSize(4);
    }

    @Test
    void aCorruptCatalogEntryFailsNamingItAndIsNeverOverwritten() throws Exception {
        Registry registry = new FileRegistry(root);
        deploy(registry, entry("orders", "dev", "1.0.0"), 0);
        deploy(registry, entry("customers", "dev", "1.0.0"), 1);
        Path file = root.resolve("dev/_catalog/orders.json");
        // saved over the entry as an editor saves: a new file renamed into place
        Path saved =
                Files.writeString(root.resolve("orders.json.swp"), "{\"productId\": \"orders\", \"environment\": ");
        Files.move(saved, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path history = root.resolve("dev/orders/history.jsonl");
        List<String> historyBefore = Files.readAllLines(history);

        for (Registry r : List.of(registry, new FileRegistry(root))) {
            for (Runnable call : List.<Runnable>of(
                    () -> r.catalog().entries("dev"),
                    () -> r.catalog().entry("orders", "dev"),
                    () -> r.catalog().search(CatalogQuery.in("dev").text("orders")),
                    () -> r.catalog().offering("orders-contract", "dev"),
                    () -> deploy(r, entry("orders", "dev", "1.1.0"), 2))) {
                MeshException e = failure(call);
                assertThat(e.getMessage())
                        .contains(": " + file + " is not valid JSON at line 1, column 40"
                                + " (Unexpected end-of-input within/between Object entries); " + NOTHING_OVERWRITTEN)
                        .doesNotContain("Source:", "REDACTED");
                assertThat(e.getMessage())
                        .as("the cause's message, which Maven appends unless it is contained")
                        .contains(e.getCause().getMessage());
            }
            assertThat(r.catalog().entry("customers", "dev"))
                    .as("another product's entry")
                    .isPresent();
        }
        assertThat(Files.readString(file)).isEqualTo("{\"productId\": \"orders\", \"environment\": ");
        assertThat(Files.readAllLines(history))
                .as("history after the refused record")
                .isEqualTo(historyBefore);
    }

    @Test
    void aCorruptCurrentRecordFailsAndIsNeverOverwritten() throws Exception {
        Registry registry = new FileRegistry(root);
        deploy(registry, entry("orders", "dev", "1.0.0"), 0);
        Path current = root.resolve("dev/orders/current.json");
        Files.writeString(current, "[]");

        assertThat(failure(() -> registry.deployments().current("orders", "dev"))
                        .getMessage())
                .startsWith("Cannot read the current deployment of product 'orders' in environment 'dev': " + current
                        + " is not valid registry JSON at line 1, column 1 (Cannot deserialize value of type")
                .endsWith(NOTHING_OVERWRITTEN);
        failure(() -> deploy(registry, entry("orders", "dev", "1.1.0"), 1));
        assertThat(Files.readString(current)).isEqualTo("[]");
        assertThat(registry.deployments().history("orders", "dev")).hasSize(1);
        assertThat(registry.catalog().entry("orders", "dev"))
                .map(CatalogEntry::version)
                .contains("1.0.0");
    }

    @Test
    void aCorruptHistoryLineFailsNamingTheLine() throws Exception {
        Registry registry = new FileRegistry(root);
        deploy(registry, entry("orders", "dev", "1.0.0"), 0);
        Path history = root.resolve("dev/orders/history.jsonl");
        Files.writeString(history, "not json\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(failure(() -> registry.deployments().history("orders", "dev"))
                        .getMessage())
                .contains(
                        history + " line 2 is not valid JSON at column 1 (Unrecognized token 'not': was expecting",
                        "restore it from a backup, or delete that line (its record is lost); nothing was overwritten");
        failure(() -> deploy(registry, entry("orders", "dev", "1.1.0"), 1));
        assertThat(Files.readAllLines(history)).hasSize(2).endsWith("not json");
    }

    @Test
    void aUsageFileCutOffMidRowFailsTheReportsAndIsNeverOverwritten() throws Exception {
        Registry registry = new FileRegistry(root);
        java.time.Instant at = java.time.Instant.parse("2026-03-01T06:00:00Z");
        registry.usage()
                .record(new dev.meshsdk.spi.registry.UsageUpdate(
                        "dev",
                        "orders",
                        at,
                        Map.of(),
                        java.util.Set.of("orders"),
                        java.util.Set.of("postgres"),
                        List.of()));
        Path file = root.resolve("dev/_usage/orders.json");
        String whole = Files.readString(file);
        String cut = whole.substring(0, whole.indexOf("\"reads\""));
        Files.writeString(file, cut);
        java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 1);

        assertThat(failure(() -> registry.usage().days("dev", "orders", day, day))
                        .getMessage())
                .startsWith("Cannot read the usage of product 'orders' in 'dev': " + file
                        + " is not valid JSON at line 1, column ");
        assertThat(failure(() -> registry.usage().summaries("dev", List.of("orders"), day, java.util.Set.of(30)))
                        .getMessage())
                .contains(file + " is not valid JSON at line 1, column ");
        failure(() -> registry.usage()
                .record(new dev.meshsdk.spi.registry.UsageUpdate(
                        "dev",
                        "orders",
                        at.plusSeconds(86_400),
                        Map.of(),
                        java.util.Set.of("orders"),
                        java.util.Set.of("postgres"),
                        List.of())));
        assertThat(Files.readString(file)).isEqualTo(cut);
    }

    /** A usage file written before column reads were kept: its rows read as reads whose columns are not told. */
    @Test
    void aUsageFileWithoutColumnReadsStillLoadsAndIsAddedTo() throws Exception {
        Path file = root.resolve("dev/_usage/orders.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"state":{"counters":[{"source":"postgres","address":"postgresql://h:5432/db/s.orders",\
                "key":"statement:bi:1","port":"orders","reader":"bi","reads":5,"lastRead":null,\
                "takenAt":"2026-03-01T06:00:00Z"}],"watermarks":{},"lastDays":{"orders":"2026-03-01"},\
                "observed":["postgres postgresql://h:5432/db/s.orders"]},
                "days":[{"environment":"dev","productId":"orders","port":"orders","day":"2026-03-01","reads":5,\
                "readers":{"bi":5},"lastRead":"2026-03-01T06:00:00Z","bytes":-1}]}
                """);
        Registry registry = new FileRegistry(root);
        java.time.LocalDate day1 = java.time.LocalDate.of(2026, 3, 1);
        assertThat(registry.usage().days("dev", "orders", day1, day1))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.reads()).isEqualTo(5);
                    assertThat(d.attributedReads()).isZero();
                    assertThat(d.columnsKnown()).isFalse();
                });
        String address = "postgresql://h:5432/db/s.orders";
        registry.usage()
                .record(new dev.meshsdk.spi.registry.UsageUpdate(
                        "dev",
                        "orders",
                        java.time.Instant.parse("2026-03-02T06:00:00Z"),
                        Map.of(address, "orders"),
                        java.util.Set.of("orders"),
                        java.util.Set.of("postgres"),
                        List.of(new dev.meshsdk.spi.usage.UsageObservation.CounterSnapshot(
                                address, "postgres", "statement:bi:1", "bi", 8, null, java.util.Set.of("id")))));
        assertThat(registry.usage().days("dev", "orders", day1, day1.plusDays(1)))
                .extracting(d -> d.reads() + "/" + d.attributedReads() + " "
                        + d.columns().keySet())
                .containsExactly("5/0 []", "3/3 [id]");
    }

    @Test
    void aQualityHistoryCutOffMidLineFailsReadsAndAppends() throws Exception {
        Registry registry = new FileRegistry(root);
        registry.quality().record(quality("orders", "orders", "dev", 0, true));
        Path file = root.resolve("dev/orders/quality/orders.jsonl");
        Files.writeString(file, "{\"productId\":\"orders\",\"po", java.nio.file.StandardOpenOption.APPEND);
        String before = Files.readString(file);

        assertThat(failure(() -> registry.quality().latest("orders", null, "dev", 5))
                        .getMessage())
                .contains(file + " line 2 is not valid JSON at column 26 (Unexpected end-of-input in field name); ");
        assertThat(failure(() -> registry.quality().record(quality("orders", "orders", "dev", 1, true)))
                        .getMessage())
                .startsWith("Cannot append to the quality history of port 'orders' of product 'orders' in environment"
                        + " 'dev': " + file + " line 2 is not valid registry JSON (the last line is incomplete");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(registry.quality().latest("customers", null, "dev", 5))
                .as("another product")
                .isEmpty();
    }

    @Test
    void aPortOfAnyNameKeepsItsQualityHistoryInsideTheProductsFolder() throws Exception {
        Registry registry = new FileRegistry(root);
        for (String port : List.of("../../escape", "Orders (EU) ü", ".hidden", "orders")) {
            registry.quality().record(quality("orders", port, "dev", 0, true));
        }

        assertThat(registry.quality().latest("orders", "../../escape", "dev", 5))
                .singleElement()
                .satisfies(r -> assertThat(r.port()).isEqualTo("../../escape"));
        assertThat(registry.quality().latest("orders", "Orders (EU) ü", "dev", 5))
                .hasSize(1);
        assertThat(registry.quality().latest("orders", null, "dev", 10))
                .extracting(r -> r.port())
                .containsExactlyInAnyOrder("../../escape", "Orders (EU) ü", ".hidden", "orders");
        try (var files = Files.list(root.resolve("dev/orders/quality"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl")))
                    .containsExactlyInAnyOrder(
                            "%2E%2E%2F%2E%2E%2Fescape.jsonl",
                            "Orders%20%28EU%29%20%C3%BC.jsonl", "%2Ehidden.jsonl", "orders.jsonl");
        }
    }

    @Test
    void aRootThatCannotBeCreatedFailsNamingItAtTheFirstWrite() throws Exception {
        Path blocker = Files.writeString(root.resolve("not-a-folder"), "x");
        Path wanted = blocker.resolve("registry");
        Registry registry = new FileRegistryFactory()
                .create(new AdapterContext(
                        "dev", root, Map.of(FileRegistryFactory.ROOT_KEY, wanted.toString()), null, null, null));

        MeshException e =
                catchThrowableOfType(MeshException.class, () -> deploy(registry, entry("orders", "dev", "1.0.0"), 0));

        assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_FAILURE);
        assertThat(e.getMessage())
                .startsWith("Cannot take the deploy lock of product 'orders' in environment 'dev' at "
                        + wanted.resolve("dev/orders") + ": ")
                .contains("check that the registry folder is reachable and that this user may read and write it");
    }

    @Test
    void aRootThatIsAFileIsNamedAsSuch() throws Exception {
        Path file = Files.writeString(root.resolve("registry.txt"), "not a folder");
        assertThat(failure(() -> new FileRegistry(file)).getMessage())
                .isEqualTo("Cannot open the file registry at "
                        + file + ": it is a file, not a folder; set " + FileRegistryFactory.ROOT_KEY
                        + " to a folder (a deploy creates it if missing)");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void aRootThatIsGoneFailsInsteadOfAnsweringEmpty() throws Exception {
        Path teamRegistry = root.resolve("team-registry");
        Registry registry = new FileRegistry(teamRegistry);
        deploy(registry, entry("orders", "dev", "1.0.0"), 0);
        assertThat(registry.catalog().entries("dev")).hasSize(1);
        try (var files = Files.walk(teamRegistry)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }

        for (Runnable call : List.<Runnable>of(
                () -> registry.catalog().entries("dev"),
                () -> registry.catalog().entry("orders", "dev"),
                () -> registry.deployments().current("orders", "dev"),
                () -> registry.quality().latest("orders", null, "dev", 1))) {
            assertThat(failure(call).getMessage())
                    .isEqualTo("Cannot read the file registry at " + teamRegistry
                            + ": the folder is gone; check that the disk holding it is mounted and reachable (it is set by "
                            + FileRegistryFactory.ROOT_KEY + ")");
        }
    }

    @Test
    void entriesWrittenBeforeOwnersAndMajorVersionsAreStillRead() throws Exception {
        Path catalog = Files.createDirectories(root.resolve("dev/_catalog"));
        Files.writeString(catalog.resolve("orders.json"), """
                {"productId":"orders","name":"Orders","version":"1.2.0","status":"active","domain":"sales",
                 "team":"orders-team","description":"All orders","environment":"dev",
                 "outputPorts":[{"name":"orders","version":"1.0.0","contractId":"orders-contract",
                   "contractVersion":"2.1.0","serverType":"local","address":"/data/orders"}],
                 "consumes":["customers-contract"],"updatedAt":"2025-03-01T10:00:00Z"}
                """, StandardCharsets.UTF_8);
        Registry registry = new FileRegistry(root);

        CatalogEntry read = registry.catalog().entry("orders", "dev").orElseThrow();

        assertThat(read.owner().team()).isEqualTo("orders-team");
        assertThat(read.outputPorts()).singleElement().satisfies(p -> {
            assertThat(p.majorVersion()).isEqualTo(2);
            assertThat(p.live()).isTrue();
        });
        assertThat(registry.catalog().offering("orders-contract", "dev")).containsExactly(read);
        assertThat(registry.catalog().search(CatalogQuery.in("dev").team("orders-team")))
                .containsExactly(read);
    }

    @Test
    void theEntriesKeptPerDeploymentLieBesideTheHistoryAndACorruptLineFailsNamingIt() throws Exception {
        Registry registry = new FileRegistry(root);
        deploy(registry, entry("orders", "dev", "1.0.0"), 0);
        deploy(registry, entry("orders", "dev", "1.1.0"), 1);
        Path kept = root.resolve("dev/orders/deployed.jsonl");
        assertThat(Files.readAllLines(kept)).hasSize(2);
        assertThat(new FileRegistry(root)
                        .deployments()
                        .deployedEntries("dev", List.of("orders"))
                        .get("orders"))
                .extracting(d -> d.entry().version())
                .containsExactly("1.0.0", "1.1.0");

        Files.writeString(kept, "not json\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(failure(() -> registry.deployments().deployedEntries("dev", List.of("orders")))
                        .getMessage())
                .contains(kept + " line 3 is not valid JSON at column 1 (");
    }
}

package dev.meshsdk.storage.local;

import static dev.meshsdk.testkit.CatalogFixtures.column;
import static dev.meshsdk.testkit.CatalogFixtures.port;
import static dev.meshsdk.testkit.CatalogFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.DeploymentRecord.Outcome;
import dev.meshsdk.testkit.CatalogFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file registry's persisted catalog index: a new registry object (a new build) answers search, offering
 * and entry from it, reading only the entries it returns and those the change log names since the index;
 * an index that is missing, altered, cut off, stale or listed long ago is not trusted, and is rebuilt from the
 * entry files.
 */
class FileCatalogIndexTest {
    /** Recording them writes the index at the first and then every {@link FileCatalog#INDEX_LAG} products. */
    private static final int PRODUCTS = 2 * FileCatalog.INDEX_LAG + 1;

    @TempDir
    Path root;

    private Path index;

    @BeforeEach
    void recordProducts() {
        index = root.resolve("dev").resolve(CatalogIndex.FILE);
        FileRegistry recorder = new FileRegistry(root);
        for (int i = 0; i < PRODUCTS; i++) deploy(recorder, product(i, "sales"), i);
    }

    /** Product {@code p<i>} of team {@code team-<i % 4>}, offering contract {@code c<i>}. */
    private static CatalogEntry product(int i, String domain) {
        return CatalogFixtures.entry(
                "p" + i,
                "dev",
                "1.0.0",
                domain,
                "team-" + (i % 4),
                "active",
                List.of("gold"),
                port("events", "c" + i, 1, "active", List.of(column("email", i % 2 == 0 ? "pii" : null))));
    }

    private static void deploy(FileRegistry registry, CatalogEntry entry, int second) {
        registry.deployments()
                .record(record(entry.productId(), "dev", entry.version(), Outcome.SUCCEEDED, second), entry);
    }

    private FileCatalog coldCatalog() {
        return (FileCatalog) new FileRegistry(root).catalog();
    }

    private long logLines() throws Exception {
        return Files.readAllLines(root.resolve("dev/_catalog/.changes")).size();
    }

    /** The ids of the products of {@code team-<team>}, sorted. */
    private static List<String> teamOf(int team) {
        return java.util.stream.IntStream.range(0, PRODUCTS)
                .filter(i -> i % 4 == team)
                .mapToObj(i -> "p" + i)
                .sorted()
                .toList();
    }

    private static List<String> ids(List<CatalogEntry> entries) {
        return entries.stream().map(CatalogEntry::productId).toList();
    }

    @Test
    void recordingKeepsTheIndexWithinItsLagOfTheLog() throws Exception {
        CatalogIndex.State state = CatalogIndex.readState(index);

        assertThat(state).as("the index written while recording").isNotNull();
        assertThat(Files.readString(root.resolve("dev/_catalog/.changes")).length())
                .isEqualTo(state.logOffset());
        assertThat(CatalogIndex.read(index).lines()).hasSize(PRODUCTS);

        FileRegistry recorder = new FileRegistry(root);
        for (int i = 0; i < 3 * FileCatalog.INDEX_LAG; i++) deploy(recorder, product(i % PRODUCTS, "sales"), 100 + i);
        long indexed = Files.readString(root.resolve("dev/_catalog/.changes"))
                .substring(0, (int) CatalogIndex.readState(index).logOffset())
                .lines()
                .count();
        assertThat(logLines() - indexed).as("log lines past the index").isLessThan(FileCatalog.INDEX_LAG);
    }

    @Test
    void aNewObjectAnswersFromTheIndexParsingOnlyWhatItReturns() {
        FileCatalog cold = coldCatalog();

        assertThat(cold.offering("c7", "dev"))
                .extracting(CatalogEntry::productId)
                .containsExactly("p7");
        assertThat(cold.parses()).as("entries parsed for one offering").isEqualTo(1);
        List<CatalogEntry> found = cold.search(
                CatalogQuery.in("dev").team("team-1").classification("pii").text("p1"));
        assertThat(found).as("team-1 has odd products only, none with pii").isEmpty();
        List<String> team2 = teamOf(2);
        assertThat(ids(cold.search(CatalogQuery.in("dev").team("TEAM-2").text("email"))))
                .isEqualTo(team2);
        assertThat(cold.parses()).as("entries parsed after two searches").isEqualTo(1 + team2.size());
        assertThat(cold.entry("p3", "dev")).map(CatalogEntry::productId).contains("p3");
        assertThat(cold.listings()).as("listings of the folder").isZero();

        assertThat(cold.entries("dev")).hasSize(PRODUCTS);
        assertThat(cold.entries("dev"))
                .isEqualTo(new FileRegistry(root).catalog().entries("dev"));
    }

    @Test
    void anotherBuildsWriteIsSeenByAWarmAndAColdObjectReadingOnlyThatEntry() {
        FileCatalog warm = coldCatalog();
        assertThat(warm.entries("dev")).hasSize(PRODUCTS);
        long parsed = warm.parses();
        long listings = warm.listings();

        CatalogEntry moved = product(7, "finance");
        deploy(new FileRegistry(root), moved, 100);

        CatalogQuery finance = CatalogQuery.in("dev").domain("finance");
        assertThat(warm.search(finance)).containsExactly(moved);
        assertThat(warm.parses() - parsed)
                .as("entries the warm object parsed again")
                .isEqualTo(1);
        assertThat(warm.listings()).isEqualTo(listings);
        FileCatalog cold = coldCatalog();
        assertThat(cold.search(finance)).containsExactly(moved);
        assertThat(cold.search(CatalogQuery.in("dev").domain("sales"))).hasSize(PRODUCTS - 1);
        assertThat(cold.parses()).as("the changed entry, then the others found").isEqualTo(1 + PRODUCTS - 1);
        assertThat(cold.listings()).isZero();
    }

    @Test
    void anEntryTheLogNamesThatIsGoneLeavesAWarmObjectInOrder() throws Exception {
        FileCatalog warm = coldCatalog();
        List<String> before = ids(warm.entries("dev"));
        long listings = warm.listings();

        Files.delete(root.resolve("dev/_catalog/p3.json"));
        Files.writeString(root.resolve("dev/_catalog/.changes"), "p3\n", java.nio.file.StandardOpenOption.APPEND);
        deploy(new FileRegistry(root), product(40, "sales"), 40);

        List<String> expected = new ArrayList<>(before);
        expected.remove("p3");
        expected.add("p40");
        expected.sort(null);
        assertThat(ids(warm.entries("dev"))).isEqualTo(expected);
        assertThat(warm.offering("c3", "dev")).isEmpty();
        assertThat(ids(warm.offering("c40", "dev"))).containsExactly("p40");
        assertThat(warm.listings()).isEqualTo(listings);
    }

    @Test
    void aDeletedIndexIsRebuiltFromTheEntryFiles() throws Exception {
        Files.delete(index);

        FileCatalog first = coldCatalog();
        assertThat(ids(first.offering("c4", "dev"))).containsExactly("p4");
        assertThat(first.listings()).isEqualTo(1);
        assertThat(index).as("the index written again").exists();

        FileCatalog next = coldCatalog();
        assertThat(ids(next.offering("c4", "dev"))).containsExactly("p4");
        assertThat(next.listings()).isZero();
        assertThat(next.parses()).isEqualTo(1);
    }

    @Test
    void anAlteredOrCutOffIndexIsNeverTrusted() throws Exception {
        byte[] good = Files.readAllBytes(index);
        String text = new String(good, StandardCharsets.UTF_8);
        List<UnaryOperator<byte[]>> damages = List.of(
                b -> "not an index".getBytes(StandardCharsets.UTF_8),
                b -> new byte[0],
                b -> java.util.Arrays.copyOf(b, b.length / 2),
                // team-2 claimed for p1: a valid layout with a wrong CRC
                b -> text.replaceFirst("(p1\\t[^\\n]*?)team-1", "$1team-2").getBytes(StandardCharsets.UTF_8),
                b -> text.replace("mesh-catalog-index 2", "mesh-catalog-index 9")
                        .getBytes(StandardCharsets.UTF_8));
        for (UnaryOperator<byte[]> damage : damages) {
            Files.write(index, damage.apply(good));

            FileCatalog cold = coldCatalog();
            assertThat(ids(cold.search(CatalogQuery.in("dev").team("team-2").text("p1"))))
                    .as("search over a damaged index")
                    .isEqualTo(
                            teamOf(2).stream().filter(id -> id.startsWith("p1")).toList());
            assertThat(cold.listings()).isEqualTo(1);
            assertThat(CatalogIndex.read(index)).as("the index rewritten whole").isNotNull();
        }
    }

    @Test
    void aWholeIndexWithALineTheRegistryDidNotWriteFailsNamingIt() throws Exception {
        CatalogIndex.Content content = CatalogIndex.read(index);
        List<String> lines = new ArrayList<>(
                content.lines().stream().map(CatalogIndex.Line::text).toList());
        lines.set(1, "p1.json\tkey\tnot-a-time\t1\tp1\tc1\u001f");
        Files.write(index, CatalogIndex.format(content.state(), lines));

        for (Runnable call : List.<Runnable>of(() -> coldCatalog().offering("c1", "dev"), () -> coldCatalog()
                .search(CatalogQuery.in("dev").text("p1")))) {
            dev.meshsdk.MeshException e =
                    org.assertj.core.api.Assertions.catchThrowableOfType(dev.meshsdk.MeshException.class, call::run);
            assertThat(e.getMessage())
                    .startsWith("Cannot read the catalog index " + index + ": its line of p1.json is"
                            + " not one the registry wrote (")
                    .endsWith("); delete the index, it is rebuilt from the entry files");
        }
    }

    @Test
    void anIndexOfAFolderChangedWithoutTheLogIsNotTrusted() throws Exception {
        Path dir = root.resolve("dev/_catalog");
        Files.writeString(
                dir.resolve("restored.json"),
                Files.readString(dir.resolve("p1.json"))
                        .replace("\"productId\" : \"p1\"", "\"productId\" : \"restored\""));

        FileCatalog cold = coldCatalog();
        assertThat(ids(cold.offering("c1", "dev"))).containsExactly("p1", "restored");
        assertThat(cold.listings()).isEqualTo(1);
    }

    @Test
    void anIndexListedLongAgoIsVerifiedAndSeesAnEntryEditedInPlace() throws Exception {
        Path p5 = root.resolve("dev/_catalog/p5.json");
        // edited in place: the folder does not change, the log names nothing
        Files.writeString(p5, Files.readString(p5).replace("\"domain\" : \"sales\"", "\"domain\" : \"hand-edited\""));
        FileCatalog trusting = coldCatalog();
        assertThat(trusting.search(CatalogQuery.in("dev").domain("hand-edited")))
                .as("within the trusted time")
                .isEmpty();

        CatalogIndex.Content content = CatalogIndex.read(index);
        CatalogIndex.State s = content.state();
        long longAgo = System.currentTimeMillis() - FileCatalog.INDEX_TRUSTED_MS - 1000;
        Files.write(
                index,
                CatalogIndex.format(
                        new CatalogIndex.State(
                                s.folderKey(), s.folderModified(), s.logKey(), s.logSize(), s.logOffset(), longAgo),
                        content.lines().stream().map(CatalogIndex.Line::text).toList()));

        FileCatalog verifying = coldCatalog();
        assertThat(ids(verifying.search(CatalogQuery.in("dev").domain("hand-edited"))))
                .containsExactly("p5");
        assertThat(verifying.listings()).isEqualTo(1);
        assertThat(verifying.parses()).as("only the edited entry").isEqualTo(1);
        assertThat(CatalogIndex.readState(index).listedAtMs()).isGreaterThan(longAgo);
    }

    @Test
    void everyTextSurvivesTheIndexFormat() {
        String hostile = "tab\there\nline\\0 back\\slash \u001f unit \r ü ✓ İ";
        List<CatalogIndex.Summary> summaries = List.of(
                new CatalogIndex.Summary(
                        "a.json",
                        "(dev=1,ino=2)",
                        FileTime.from(Instant.parse("2026-12-01T08:00:00.123456789Z")),
                        42,
                        "a",
                        List.of(hostile, "", "c"),
                        new CatalogQuery.Keys("dev", hostile, null, "", List.of(), List.of("\\0", "pii"), hostile)),
                new CatalogIndex.Summary(
                        "b.json",
                        "null",
                        FileTime.fromMillis(0),
                        0,
                        "b",
                        List.of(),
                        new CatalogQuery.Keys("dev", null, null, null, List.of(""), List.of(), "")));
        CatalogIndex.State state = new CatalogIndex.State("(dev=1,ino=3)", null, null, 0, 0, 5);

        Path file = root.resolve("format-test.index");
        CatalogIndex.write(
                file, state, summaries.stream().map(CatalogIndex::line).toList(), false);
        CatalogIndex.Content read = CatalogIndex.read(file);

        assertThat(read).isNotNull();
        assertThat(read.state()).isEqualTo(state);
        assertThat(read.lines()).extracting(CatalogIndex.Line::productId).containsExactly("a", "b");
        assertThat(read.lines().stream()
                        .map(l -> CatalogIndex.summary(l.text()))
                        .toList())
                .isEqualTo(summaries);
    }

    @Test
    void theTokensOfAQueryAreInTheLineOfEveryEntryItMatches() {
        CatalogQuery.Keys keys = new CatalogQuery.Keys(
                "dev", "Straße", "Team İ\\x", "Active", List.of("Gold\tTier"), List.of("PII"), "the ünique\\text");
        String line = CatalogIndex.line(
                new CatalogIndex.Summary("a.json", "k", FileTime.fromMillis(1), 1, "a", List.of("c\u001f1"), keys));
        // equalsIgnoreCase finds 'i' and 'İ' equal
        List<CatalogQuery> matching = List.of(
                CatalogQuery.in("dev").domain("STRAßE"),
                CatalogQuery.in("dev").team(" TEAM i\\X "),
                CatalogQuery.in("dev").status("ACTIVE"),
                CatalogQuery.in("dev").tag("gold\ttier"),
                CatalogQuery.in("dev").classification("pii"),
                CatalogQuery.in("dev").text("ÜNIQUE\\TEXT the"));
        for (CatalogQuery q : matching) {
            assertThat(q.matches(keys)).as("%s matches", q).isTrue();
            assertThat(CatalogIndex.holds(line, CatalogIndex.tokens(q)))
                    .as("the line holds the tokens of %s", q)
                    .isTrue();
        }
        assertThat(CatalogIndex.holds(
                        line, CatalogIndex.tokens(CatalogQuery.in("dev").status("draft"))))
                .isFalse();
        assertThat(CatalogIndex.holds(
                        line, CatalogIndex.tokens(CatalogQuery.in("dev").text("unique"))))
                .isFalse();
        assertThat(CatalogIndex.contracts(line)).containsExactly("c\u001f1");
        assertThat(CatalogIndex.holds(
                        line, CatalogIndex.tokens(CatalogQuery.in("dev").team("team"))))
                .isFalse();
    }
}

package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSiteTest {
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
    private static final Clock CLOCK = Clock.fixed(SampleMesh.T0.plusSeconds(86400), ZoneOffset.UTC);

    @TempDir
    Path out;

    private SiteResult write(SiteData data) {
        return CatalogSite.builder().title("Acme mesh").clock(CLOCK).build().write(data, out);
    }

    private String read(String path) throws IOException {
        return Files.readString(out.resolve(path));
    }

    @Test
    void writesTheIndexTheLineageAndOnePagePerProduct() throws IOException {
        SiteResult result = write(SampleMesh.data());

        assertThat(result).isEqualTo(new SiteResult(out.resolve("index.html"), 7, 4));
        assertThat(out.resolve("style.css")).isRegularFile();
        assertThat(out.resolve("lineage.html")).isRegularFile();
        try (Stream<Path> pages = Files.list(out.resolve("products"))) {
            assertThat(pages.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "orders.html", "daily-revenue.html", "customers.html", "campaign-clicks.html");
        }
        assertThat(read("index.html"))
                .contains("<title>Data products &middot; Acme mesh</title>", "Generated 2026-12-01 08:00 UTC");
    }

    @Test
    void everyLinkOfEveryPageLeadsToAFileOfTheSite() throws IOException {
        write(SampleMesh.data());
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path page : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = LINK.matcher(Files.readString(page));
                while (m.find()) {
                    String target = m.group(1).replaceAll("#.*", "");
                    if (target.isEmpty()) continue;
                    assertThat(target)
                            .as("a link of %s", page)
                            .doesNotContain("://")
                            .doesNotStartWith("/");
                    assertThat(page.getParent().resolve(target).normalize())
                            .as("link %s of %s", target, page)
                            .isRegularFile();
                    checked.add(target);
                }
            }
        }
        assertThat(checked)
                .contains(
                        "products/orders.html",
                        "../style.css",
                        "../products/daily-revenue.html",
                        "../index.html",
                        "lineage.html",
                        "unused.html");
    }

    @Test
    void theIndexListsEveryProductWithItsFacts() throws IOException {
        write(SampleMesh.data());
        String index = read("index.html");

        assertThat(index)
                .contains(
                        "<a class=\"pname\" href=\"products/orders.html\">Orders</a>",
                        "<div class=\"pid\">orders</div>",
                        "order-platform",
                        "<span class=\"tag\">core</span>",
                        "<span class=\"badge status-active\">active</span>",
                        "<span class=\"badge status-deprecated\">deprecated</span>");
        String ordersRow = row(index, "orders");
        assertThat(ordersRow).contains("<td>sales</td>", "<td class=\"num\">1</td>", "verdict-passed");
        assertThat(row(index, "daily-revenue")).contains("verdict-failed");
        assertThat(row(index, "customers")).contains("verdict-none\">no checks");
        assertThat(index)
                .contains(
                        "<option value=\"restricted\">restricted</option>",
                        "<option value=\"order-platform\">order-platform</option>",
                        "<option value=\"marketing\">marketing</option>");
    }

    @Test
    void theSearchDataHoldsTheCatalogQueryTextOfEachRowInRowOrder() throws IOException {
        write(SampleMesh.data());
        JsonNode index = searchIndex(read("index.html"));

        List<CatalogEntry> sorted = SampleMesh.entries().stream()
                .sorted(java.util.Comparator.comparing(CatalogEntry::productId))
                .toList();
        assertThat(index).hasSize(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(index.get(i).get("t").asText()).isEqualTo(CatalogQuery.searchText(sorted.get(i)));
        }
        JsonNode orders = index.get(sorted.indexOf(SampleMesh.orders()));
        assertThat(orders.get("m").asText()).isEqualTo("order-platform");
        assertThat(orders.get("c").toString()).isEqualTo("[\"internal\",\"restricted\"]");
    }

    @Test
    void theProductPageShowsOwnersPortsSchemaQualityAndHistory() throws IOException {
        write(SampleMesh.data());
        String page = read("products/orders.html");

        assertThat(page)
                .contains(
                        "All orders placed in the web shop",
                        "Team <strong>order-platform</strong>",
                        "<td>Asha Rao</td><td><code>arao</code></td><td>owner</td>",
                        "data steward",
                        "<dt>Tenant</dt><dd>acme</dd>",
                        "<dt>Domain</dt><dd>sales</dd>");
        assertThat(page)
                .contains(
                        "<dt>Address</dt><dd><code>s3://acme-orders/orders/v1</code></dd>",
                        "<dt>Server</dt><dd>prod-s3 (s3)</dd>",
                        "s3://acme-orders/orders/v1/orders");
        String customerId = between(page, "<tr data-column=\"customer_id\">", "</tr>");
        assertThat(customerId)
                .contains(
                        "subject key: customer",
                        "<span class=\"badge cls-sensitive\">restricted</span>",
                        "<td>string</td>",
                        "<code>VARCHAR(36)</code>",
                        "<td>yes</td>");
        assertThat(between(page, "<tr data-column=\"order_id\">", "</tr>")).contains("title=\"primary key\">PK");
        String rule = between(page, "<tr data-rule=\"has_rows\">", "</tr>");
        assertThat(rule)
                .contains(
                        "mustBeGreaterThan 0", "<td class=\"num measured\">1200</td>", "badge verdict-passed\">passed");
        assertThat(page)
                .contains("<td>freshness</td><td>1 h</td>", "Latest check <span class=\"badge verdict-passed\">");
        // history newest first, with the failed attempt and its reason
        assertThat(page.indexOf("2026-11-30 08:00 UTC</td><td>ci-bot")).isLessThan(page.indexOf("arao</td><td>1.1.0"));
        assertThat(page).contains("policy denied: no owner", "<li>add column status</li>");
        assertThat(page).contains("<details><summary><code>product.yaml</code>", "id: orders\nname: Orders");
        assertThat(page).contains("<section id=\"usage\"", "Usage figures are not collected yet.");
    }

    @Test
    void inputsAndConsumersLinkTheTwoEndsOfALineageLink() throws IOException {
        write(SampleMesh.data());
        String orders = read("products/orders.html");
        String revenue = read("products/daily-revenue.html");

        assertThat(between(orders, "<section id=\"consumers\"", "</section>"))
                .contains(
                        "<a href=\"../products/daily-revenue.html\" data-product=\"daily-revenue\">Daily revenue</a>",
                        "<td>orders_in</td><td>orders v1</td>");
        assertThat(between(revenue, "<section id=\"inputs\"", "</section>"))
                .contains("<a href=\"../products/orders.html\" data-product=\"orders\">Orders</a>");
        assertThat(between(read("products/campaign-clicks.html"), "<section id=\"inputs\"", "</section>"))
                .contains("unresolved");
    }

    @Test
    void lineageGraphsHaveOneEdgeElementNamingItsProducerAndConsumer() throws IOException {
        write(SampleMesh.data());
        String edge = "<g class=\"edge\" data-producer=\"orders\" data-consumer=\"daily-revenue\">";

        String around = between(read("products/orders.html"), "<section id=\"lineage\"", "</section>");
        assertThat(around)
                .containsOnlyOnce(edge)
                .contains(
                        "<g class=\"node focus\" data-product=\"orders\">",
                        "<a href=\"../products/daily-revenue.html\"><g class=\"node\" data-product=\"daily-revenue\">");
        assertThat(count(around, "<g class=\"edge\"")).isEqualTo(1);

        String mesh = read("lineage.html");
        assertThat(mesh)
                .containsOnlyOnce(edge)
                .contains(
                        "<svg class=\"lineage\"",
                        "<a href=\"products/orders.html\"><g class=\"node\" data-product=\"orders\">",
                        "<tr data-producer=\"orders\" data-consumer=\"daily-revenue\">");
        assertThat(mesh).doesNotContain("graph-not-drawn");
        // products with no link are left out of the product's own graph
        assertThat(read("products/customers.html")).contains("No lineage: this product reads no deployed product");
    }

    @Test
    void theMeshLineageIsATableAboveTheGraphLimit() throws IOException {
        CatalogSite.builder().lineageGraphLimit(1).clock(CLOCK).build().write(SampleMesh.data(), out);
        String mesh = read("lineage.html");

        assertThat(mesh)
                .contains("id=\"graph-not-drawn\"", "drawn for up to 1 products; this mesh has 4")
                .contains("<tr data-producer=\"orders\" data-consumer=\"daily-revenue\">")
                .doesNotContain("<svg");
        // a product page still draws its own neighbourhood
        assertThat(read("products/orders.html")).contains("<g class=\"edge\" data-producer=\"orders\"");
    }

    @Test
    void theQualityChartHasOneBarPerRecordOldestFirst() throws IOException {
        write(SampleMesh.data());
        String chart = between(read("products/daily-revenue.html"), "<svg class=\"quality-chart\"", "</svg>");

        assertThat(count(chart, "<rect ")).isEqualTo(5);
        assertThat(count(chart, "class=\"pass\"")).isEqualTo(4);
        assertThat(chart.lastIndexOf("class=\"pass\"")).isLessThan(chart.indexOf("class=\"fail\""));
        assertThat(chart)
                .contains(
                        "aria-label=\"Quality history of daily_revenue v1: 4 of 5 checks passed\"",
                        "2026-11-30 12:00 UTC &mdash; failed, 0 of 1 rules passed (by check), 365 rows");
        assertThat(read("products/daily-revenue.html")).contains("3 rows have a negative revenue");
    }

    @Test
    void theChartShowsOnlyTheLatestRecordsAskedFor() throws IOException {
        CatalogSite.builder().qualityHistory(2).clock(CLOCK).build().write(SampleMesh.data(), out);
        String chart = between(read("products/daily-revenue.html"), "<svg class=\"quality-chart\"", "</svg>");

        assertThat(count(chart, "<rect ")).isEqualTo(2);
        assertThat(chart)
                .contains("2026-11-30 11:00 UTC", "2026-11-30 12:00 UTC")
                .doesNotContain("10:00 UTC");
    }

    @Test
    void aProductWithoutQualityRecordsSaysSoAndListsItsRulesUnchecked() throws IOException {
        SiteData data =
                new SiteData("dev", SampleMesh.entries(), Map.of(), Map.of(), SampleMesh.edges(SampleMesh.entries()));
        write(data);
        String page = read("products/orders.html");

        assertThat(page)
                .contains("<p class=\"empty no-quality\">No quality results recorded yet.</p>")
                .doesNotContain("<svg class=\"quality-chart\"")
                .contains("<dt>Quality</dt><dd><span class=\"badge verdict-none\">no checks</span>");
        assertThat(between(page, "<tr data-rule=\"has_rows\">", "</tr>")).contains("not checked");
        assertThat(read("products/customers.html"))
                .contains(
                        "No quality results recorded yet.",
                        "The contract declares no quality rules.",
                        "No deployment is recorded.",
                        "No members are listed.");
    }

    @Test
    void anEmptyCatalogIsAnIndexAndALineagePageThatSaySo() throws IOException {
        SiteResult result = write(SiteData.of("prod", List.of(), List.of()));

        assertThat(result.pages()).isEqualTo(3);
        assertThat(read("unused.html")).contains("No usage figures: the registry keeps none");
        assertThat(result.products()).isZero();
        assertThat(read("index.html"))
                .contains(
                        "0 products deployed to <strong>prod</strong>",
                        "No data product is deployed to this environment yet.")
                .doesNotContain("<script");
        assertThat(read("lineage.html")).contains("No lineage yet");
        try (Stream<Path> pages = Files.list(out.resolve("products"))) {
            assertThat(pages).isEmpty();
        }
    }

    @Test
    void aSecondWriteRemovesThePagesOfProductsNoLongerDeployed() throws IOException {
        write(SampleMesh.data());
        Files.writeString(out.resolve("products/notes.txt"), "mine");
        write(SiteData.of("dev", List.of(SampleMesh.orders()), List.of()));

        try (Stream<Path> pages = Files.list(out.resolve("products"))) {
            assertThat(pages.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("orders.html", "notes.txt");
        }
        assertThat(read("products/orders.html")).contains("No deployed product reads this one yet.");
    }

    @Test
    void refusesDataOfAnotherEnvironmentOrAProductTwice() {
        assertThatThrownBy(() -> SiteData.of("prod", List.of(SampleMesh.orders()), List.of()))
                .hasMessage("Cannot show product 'orders' in the catalog of 'prod': it is deployed to 'dev'");
        assertThatThrownBy(() -> SiteData.of("dev", List.of(SampleMesh.orders(), SampleMesh.orders()), List.of()))
                .hasMessage("Cannot show product 'orders' twice in the catalog of 'dev'; give each entry once");
        assertThatThrownBy(() -> CatalogSite.builder().qualityHistory(0))
                .hasMessage("Cannot show 0 quality records per port; give 1 or more");
    }

    @Test
    void aFileWhereTheSiteShouldGoIsAStorageFailureNamingIt() throws IOException {
        Path file = Files.writeString(out.resolve("taken"), "x");
        assertThatThrownBy(() -> CatalogSite.builder().build().write(SampleMesh.data(), file))
                .isInstanceOf(dev.meshsdk.MeshException.class)
                .hasMessage("Cannot write the catalog site to '" + file + "': '" + file.resolve("products")
                        + "': Not a directory; check that the directory can be written");
    }

    static JsonNode searchIndex(String index) throws IOException {
        return new ObjectMapper()
                .readTree(between(index, "<script type=\"application/json\" id=\"search-index\">", "</script>"));
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' in the page", start).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as("'%s' after '%s'", end, start).isNotNegative();
        return text.substring(from + start.length(), to);
    }

    private static String row(String index, String id) {
        return between(index, "<tr data-product=\"" + id + "\">", "</tr>");
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }
}

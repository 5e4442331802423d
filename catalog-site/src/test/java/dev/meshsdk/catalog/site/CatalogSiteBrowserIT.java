package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The written site in a real browser: Debian's Chromium, headless, driven through chromium-driver,
 * opening the pages from the file system as a reader of {@code target/mesh/catalog} would. Screenshots
 * go to {@code target/screenshots/}.
 */
class CatalogSiteBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SITES = Path.of("target", "it-sites");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static WebDriver browser;
    private static Path sample;
    private static Path hostile;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Cannot run the catalog site's browser tests: " + (Files.isExecutable(CHROMIUM) ? "" : CHROMIUM + " ")
                    + (Files.isExecutable(CHROMEDRIVER) ? "" : CHROMEDRIVER + " ") + "missing; install Debian's "
                    + "packages with 'apt-get install -y chromium chromium-driver' (.ci/run does so in CI)");
        }
        sample = SITES.resolve("sample").toAbsolutePath();
        hostile = SITES.resolve("hostile").toAbsolutePath();
        CatalogSite.builder().title("Acme data mesh").build().write(SampleMesh.data(), sample);
        CatalogSite.builder().title(HostileTextTest.SCRIPT).build().write(HostileTextTest.data(), hostile);
        Files.createDirectories(SCREENSHOTS);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,900",
                "--no-first-run",
                "--disable-extensions");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.quit();
    }

    @BeforeEach
    void normalWindow() {
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private static void open(Path site, String page) {
        browser.get(site.resolve(page).toUri().toString());
    }

    private static List<String> visibleProducts() {
        return browser.findElements(By.cssSelector("#products tbody tr")).stream()
                .filter(WebElement::isDisplayed)
                .map(r -> r.getAttribute("data-product"))
                .toList();
    }

    @Test
    void theSearchBoxAndTheFiltersNarrowTheProductsOffline() {
        open(sample, "index.html");
        assertThat(browser.getCurrentUrl()).startsWith("file:");
        assertThat(visibleProducts()).containsExactly("campaign-clicks", "customers", "daily-revenue", "orders");
        screenshot("index");

        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("revenue");
        assertThat(visibleProducts()).containsExactly("daily-revenue");
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("1 of 4 products");
        screenshot("index-search");

        box.clear();
        box.sendKeys("customer_id order");
        assertThat(visibleProducts()).containsExactly("orders");
        box.sendKeys("s-that-no-product-has");
        assertThat(visibleProducts()).isEmpty();
        assertThat(browser.findElement(By.id("none")).isDisplayed()).isTrue();

        browser.findElement(By.id("clear")).click();
        new Select(browser.findElement(By.id("filter-classification"))).selectByValue("restricted");
        assertThat(visibleProducts()).containsExactly("orders");
        new Select(browser.findElement(By.id("filter-classification"))).selectByValue("pii");
        assertThat(visibleProducts()).containsExactly("customers");
        browser.findElement(By.id("clear")).click();
        new Select(browser.findElement(By.id("filter-team"))).selectByValue("order-platform");
        assertThat(visibleProducts()).containsExactly("orders");
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("deprecated");
        assertThat(visibleProducts()).isEmpty();
        browser.findElement(By.id("clear")).click();
        new Select(browser.findElement(By.id("filter-tag"))).selectByValue("core");
        assertThat(visibleProducts()).containsExactly("customers", "orders");
    }

    @Test
    void theProductPageShowsOwnersSchemaAndTheLatestQualityResult() {
        open(sample, "index.html");
        browser.findElement(By.linkText("Orders")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/products/orders.html");
        assertThat(browser.getTitle()).isEqualTo("Orders \u00b7 Acme data mesh");

        String owners = browser.findElement(By.id("owners")).getText();
        assertThat(owners).contains("Team order-platform", "Asha Rao", "arao", "owner", "Ben Kim", "data steward");

        WebElement customerId = browser.findElement(By.cssSelector("tr[data-column='customer_id']"));
        assertThat(customerId.getText())
                .contains("customer_id", "subject key: customer", "string", "VARCHAR(36)", "restricted");
        assertThat(browser.findElements(By.cssSelector("table.schema tbody tr")))
                .extracting(r -> r.getAttribute("data-column"))
                .containsExactly("order_id", "customer_id", "order_ts", "amount", "status");

        WebElement rule = browser.findElement(By.cssSelector("tr[data-rule='has_rows']"));
        assertThat(rule.findElement(By.cssSelector("td.measured")).getText()).isEqualTo("1200");
        assertThat(rule.findElement(By.cssSelector("td.result")).getText()).isEqualTo("passed");
        assertThat(browser.findElement(By.cssSelector(".quality-summary")).getText())
                .contains("Latest check", "passed");
        assertThat(browser.findElements(By.cssSelector("svg.quality-chart rect.pass")))
                .hasSize(1);
        assertThat(browser.findElement(By.id("usage")).getText()).contains("not collected yet");
        screenshot("product-orders", true);
    }

    @Test
    void theLineageGraphsHoldTheEdgeFromOrdersToDailyRevenue() {
        open(sample, "products/orders.html");
        WebElement edge = browser.findElement(
                By.cssSelector("#lineage svg g.edge[data-producer='orders'][data-consumer='daily-revenue']"));
        assertThat(edge.isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#lineage svg g.edge"))).hasSize(1);

        open(sample, "lineage.html");
        assertThat(browser.findElement(By.cssSelector(
                                "svg.lineage g.edge[data-producer='orders'][data-consumer='daily-revenue']"))
                        .isDisplayed())
                .isTrue();
        screenshot("lineage");
        // a node is a link to its product's page
        browser.findElement(By.cssSelector("svg.lineage g.node[data-product='daily-revenue']"))
                .click();
        assertThat(browser.getCurrentUrl()).endsWith("/products/daily-revenue.html");
        assertThat(browser.findElements(By.cssSelector("svg.quality-chart rect.fail")))
                .hasSize(1);
        screenshot("product-daily-revenue", true);
    }

    @Test
    void descriptorTextThatLooksLikeMarkupStaysText() {
        for (String page : List.of(
                "index.html", "lineage.html", PageNames.productPath(HostileTextTest.EVIL_ID), "products/orders.html")) {
            open(hostile, page);
            assertNoAlert(page);
            assertThat(browser.findElements(By.tagName("img")))
                    .as("images on %s", page)
                    .isEmpty();
            assertThat(browser.findElements(By.cssSelector("script:not(#search-index)")))
                    .as("scripts on %s", page)
                    .hasSize(page.equals("index.html") ? 1 : 0);
            assertThat(browser.findElement(By.cssSelector("header .brand")).getText())
                    .isEqualTo(HostileTextTest.SCRIPT);
        }
        open(hostile, PageNames.productPath(HostileTextTest.EVIL_ID));
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .startsWith(HostileTextTest.SCRIPT + HostileTextTest.ATTR);
        screenshot("hostile-product", true);

        open(hostile, "index.html");
        browser.findElement(By.id("q")).sendKeys("onerror=alert(2)");
        assertThat(visibleProducts()).containsExactly(HostileTextTest.EVIL_ID);
        assertNoAlert("index.html after a search");
    }

    private static void assertNoAlert(String page) {
        try {
            String text = browser.switchTo().alert().getText();
            fail("An alert fired on " + page + ": " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private static void screenshot(String name) {
        screenshot(name, false);
    }

    /** Saves a screenshot; {@code fullPage} grows the window to the page's height first (at most 4000 px). */
    private static void screenshot(String name, boolean fullPage) {
        if (fullPage) {
            Number height = (Number)
                    ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
            browser.manage().window().setSize(new Dimension(1280, Math.min(4000, height.intValue() + 120)));
        }
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot save screenshot " + name, e);
        }
    }
}

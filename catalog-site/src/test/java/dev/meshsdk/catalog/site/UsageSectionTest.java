package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.UsageReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The product page's usage section, from a usage report: figures per port, the unused mark, escaped readers. */
class UsageSectionTest {
    private static final Clock CLOCK = Clock.fixed(SampleMesh.T0.plusSeconds(86400), ZoneOffset.UTC);

    @TempDir
    Path out;

    @Test
    void anEmptyReportPointsToTheCollectorsWarningsAndTheSparkReadLog() throws IOException {
        SiteData sample = SampleMesh.data();
        UsageReport report =
                new UsageReport("dev", LocalDate.of(2026, 12, 1), 30, List.of(), List.of(), List.of("orders/orders"));
        write(sample, report);

        assertThat(Files.readString(out.resolve("unused.html")))
                .as("after a collection that observed no port, not 'no usage collected yet' alone")
                .contains("or its collections observed none of the environment's ports (see its warnings; Delta ports"
                        + " are observed through mesh.usage.spark.readLog)")
                .contains("Not observed (no usage collected): orders/orders");
    }

    @Test
    void aPortDeployedWithinTheWindowAndNotReadIsNewNotUnused() throws IOException {
        SiteData sample = SampleMesh.data();
        UsageReport.PortUsage fresh = new UsageReport.PortUsage(
                "customers",
                "customers",
                null,
                List.of(),
                0,
                0,
                0,
                0,
                List.of(),
                null,
                1,
                null,
                LocalDate.of(2026, 11, 30));
        UsageReport report =
                new UsageReport("dev", LocalDate.of(2026, 12, 1), 30, List.of(fresh), List.of(), List.of());
        write(sample, report);

        assertThat(Files.readString(out.resolve("products/customers.html")))
                .contains("<span class=\"badge new\">new since 2026-11-30, not read yet</span>")
                .doesNotContain("badge unused");
        assertThat(Files.readString(out.resolve("unused.html")))
                .contains("No port observed is unused in the last 30 days.")
                .contains("<h2>New ports, not read yet</h2>")
                .contains("new since 2026-11-30, not read yet</li>")
                .doesNotContain("whole product");
    }

    @Test
    void showsEachPortsReadsReadersAndTheUnusedMark() throws IOException {
        SiteData sample = SampleMesh.data();
        UsageReport.PortUsage orders = new UsageReport.PortUsage(
                "orders",
                "orders",
                "order-platform",
                List.of(),
                5,
                12,
                40,
                2,
                List.of(
                        new UsageReport.ReaderReads("<script>alice</script>", 30),
                        new UsageReport.ReaderReads("bob", 10)),
                Instant.parse("2026-11-30T08:00:00Z"),
                20,
                8192L);
        UsageReport.PortUsage clicks = new UsageReport.PortUsage(
                "customers", "customers", null, List.of(), 0, 0, 0, 0, List.of(), null, 12, null);
        UsageReport report = new UsageReport(
                "dev",
                LocalDate.of(2026, 12, 1),
                30,
                List.of(orders, clicks),
                List.of(new UsageReport.Unused("customers", "customers", null, List.of(), null, null, 12, true)),
                List.of());
        write(sample, report);

        String page = Files.readString(out.resolve("products/orders.html"));
        String row = page.substring(page.indexOf("<tr data-port=\"orders\">"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row)
                .contains(
                        "<td>5</td><td>12</td><td>40</td><td>2</td><td>2026-11-30 08:00 UTC</td>",
                        "&lt;script&gt;alice&lt;/script&gt; (30), bob (10)",
                        "<td>20</td>")
                .doesNotContain("unused");
        assertThat(page).doesNotContain("<script>alice").doesNotContain("Usage figures are not collected yet.");

        String customers = Files.readString(out.resolve("products/customers.html"));
        assertThat(customers)
                .contains(
                        "<tr data-port=\"customers\"><td>customers <span class=\"badge unused\">unused</span> <span"
                                + " class=\"unused-span\">no read in the 12 day(s) of the last 30 that collections"
                                + " observed</span>",
                        "<td>never</td>")
                .as("12 observed days are never told as 30")
                .doesNotContain("unused 30 d");
        assertThat(Files.readString(out.resolve("products/daily-revenue.html")))
                .contains("Usage figures are not collected yet.");

        String unused = Files.readString(out.resolve("unused.html"));
        assertThat(unused)
                .contains(
                        "1 port(s) nobody read in the day(s) of the last 30 that collections observed (days observed per"
                                + " port) up to 2026-12-01 (UTC)",
                        "<tr data-port=\"customers/customers\"><td><a",
                        "products/customers.html",
                        "<span class=\"badge unused\">whole product</span>",
                        "<td>unknown</td><td>never</td><td>12</td>",
                        "class=\"active\" aria-current=\"page\">Unused</a>");
        assertThat(unused).doesNotContain("data-port=\"orders/orders\"");
    }

    @Test
    void flagsAConsumerWhoStoppedReadingOnTheProducersAndTheConsumersPages() throws IOException {
        SiteData sample = SampleMesh.data();
        UsageReport.PortUsage orders = new UsageReport.PortUsage(
                "orders",
                "orders",
                "order-platform",
                List.of(),
                0,
                0,
                9,
                0,
                List.of(new UsageReport.ReaderReads("finance", 9)),
                Instant.parse("2026-10-20T08:00:00Z"),
                60,
                null);
        UsageReport.ConsumerReads stopped = new UsageReport.ConsumerReads(
                "orders",
                "orders",
                "daily-revenue",
                "orders",
                List.of("finance"),
                UsageReport.ConsumerStatus.STOPPED,
                LocalDate.of(2026, 10, 20),
                30,
                null);
        UsageReport.ConsumerReads unknown = new UsageReport.ConsumerReads(
                "orders",
                "orders",
                "<b>bi</b>",
                "orders",
                List.of(),
                UsageReport.ConsumerStatus.CANNOT_TELL,
                null,
                30,
                "no principal it reads with is known");
        UsageReport.ConsumerReads reading = new UsageReport.ConsumerReads(
                "customers",
                "customers",
                "daily-revenue",
                "customers",
                List.of("finance"),
                UsageReport.ConsumerStatus.READING,
                LocalDate.of(2026, 11, 30),
                30,
                null);
        UsageReport report = new UsageReport(
                "dev",
                LocalDate.of(2026, 12, 1),
                30,
                List.of(orders),
                List.of(),
                List.of(),
                List.of(stopped, unknown, reading),
                List.of());
        CatalogSite.builder()
                .clock(CLOCK)
                .build()
                .write(
                        new SiteData(
                                sample.environment(),
                                sample.entries(),
                                sample.quality(),
                                sample.deployments(),
                                sample.edges(),
                                report),
                        out);

        String producer = Files.readString(out.resolve("products/orders.html"));
        assertThat(producer)
                .contains(
                        "<li><span class=\"badge unused\">stopped reading</span> Port orders: consumer"
                                + " daily-revenue has not read this port in 30 days (read as finance; last read 2026-10-20)</li>",
                        "<li><span class=\"badge unused\">cannot tell</span> Port orders: cannot tell whether consumer"
                                + " &lt;b&gt;bi&lt;/b&gt; reads this port: no principal it reads with is known</li>")
                .doesNotContain("<b>bi</b>");
        String consumer = Files.readString(out.resolve("products/daily-revenue.html"));
        assertThat(consumer)
                .contains(
                        "Usage figures are not collected yet.",
                        "<li><span class=\"badge unused\">stopped"
                                + " reading</span> This product&#39;s input port orders (orders/orders) has not been read in 30 days"
                                + " (read as finance; last read 2026-10-20)</li>");
        // customers is still read by daily-revenue: no flag on its page nor for that input port.
        assertThat(Files.readString(out.resolve("products/customers.html"))).doesNotContain("consumer-flags");
        assertThat(consumer).doesNotContain("input port customers");
    }

    /** Writes the site of the sample mesh with {@code report} as its usage. */
    private void write(SiteData sample, UsageReport report) throws IOException {
        SiteData data = new SiteData(
                sample.environment(), sample.entries(), sample.quality(), sample.deployments(), sample.edges(), report);
        CatalogSite.builder().clock(CLOCK).build().write(data, out);
    }
}

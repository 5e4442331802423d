package dev.meshsdk.catalog.site;

import dev.meshsdk.UsageReport;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The "Usage" section of a product's page, from the registry's usage history ({@code mesh:usage-collect} fills
 * it): per live port the reads over 7, 30 and 90 days, the distinct readers in 30 days, the top readers and the
 * last read, and a mark on the ports nobody read in the days of the last {@value SiteData#UNUSED_DAYS} that
 * collections observed, saying how many. Without usage collected
 * for the product it says so.
 */
final class UsageSection {
    private UsageSection() {}

    static void write(StringBuilder b, SiteModel model, CatalogEntry entry) {
        b.append("<section id=\"usage\" class=\"card\">\n<h2>Usage</h2>\n");
        UsageReport report = model.usage;
        List<UsageReport.PortUsage> ports = report == null
                ? List.of()
                : report.ports().stream()
                        .filter(p -> p.productId().equals(entry.productId()))
                        .toList();
        if (ports.isEmpty()) {
            b.append("<p class=\"empty usage-pending\">Usage figures are not collected yet. The consumers listed above"
                    + " are those whose deployed input ports read this product.</p>\n");
            if (report != null) consumers(b, report, entry);
            b.append("</section>\n");
            return;
        }
        Map<String, UsageReport.Unused> unused = report.unused().stream()
                .filter(u -> u.productId().equals(entry.productId()))
                .collect(Collectors.toMap(UsageReport.Unused::port, u -> u));
        b.append("<table class=\"usage\"><thead><tr><th>Port</th><th>Reads 7 d</th><th>30 d</th><th>90 d</th>"
                + "<th>Readers 30 d</th><th>Last read</th><th>Top readers</th><th>Days observed</th></tr></thead>"
                + "<tbody>\n");
        for (UsageReport.PortUsage p : ports) {
            b.append("<tr data-port=\"");
            Html.esc(b, p.port()).append("\"><td>");
            Html.esc(b, p.port());
            UsageReport.Unused u = unused.get(p.port());
            if (u != null) {
                b.append(" <span class=\"badge unused\">unused</span> <span class=\"unused-span\">no read ")
                        .append(UsageReport.observedIn(u.observedDays(), report.unusedDays()))
                        .append("</span>");
            }
            if (p.newSince() != null) {
                b.append(" <span class=\"badge new\">");
                Html.esc(b, p.newNote().orElseThrow()).append("</span>");
            }
            b.append("</td><td>")
                    .append(p.reads7())
                    .append("</td><td>")
                    .append(p.reads30())
                    .append("</td><td>")
                    .append(p.reads90())
                    .append("</td><td>")
                    .append(p.readers30())
                    .append("</td><td>");
            Html.esc(b, p.lastRead() == null ? "never" : Html.time(p.lastRead()))
                    .append("</td><td>");
            Html.esc(
                            b,
                            p.topReaders().stream()
                                    .map(r -> r.reader() + " (" + r.reads() + ")")
                                    .collect(Collectors.joining(", ")))
                    .append("</td><td>")
                    .append(p.observedDays())
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        consumers(b, report, entry);
        b.append("<p class=\"note\">Reads counted by mesh:usage-collect up to ");
        Html.esc(b, report.asOf().toString())
                .append(" (UTC); readers are the stores' roles or principals.</p>\n" + "</section>\n");
    }

    /**
     * The consumers who stopped reading this product's ports, or whose reads nobody can tell, and this product's own
     * input ports not read in the report's days: a list of flags, nothing when there is none.
     */
    private static void consumers(StringBuilder b, UsageReport report, CatalogEntry entry) {
        int days = report.unusedDays();
        StringBuilder items = new StringBuilder();
        for (UsageReport.ConsumerReads c : report.consumers()) {
            if (c.producer().equals(entry.productId()) && c.status() != UsageReport.ConsumerStatus.READING) {
                flag(items, c.status(), "Port " + c.port() + ": " + c.producerNote(days));
            }
        }
        for (UsageReport.ConsumerReads c : report.consumers()) {
            if (c.consumer().equals(entry.productId()) && c.status() == UsageReport.ConsumerStatus.STOPPED) {
                flag(items, c.status(), "This product's " + c.consumerNote(days));
            }
        }
        if (!items.isEmpty())
            b.append("<ul class=\"consumer-flags\">\n").append(items).append("</ul>\n");
    }

    private static void flag(StringBuilder b, UsageReport.ConsumerStatus status, String note) {
        b.append("<li><span class=\"badge unused\">")
                .append(status == UsageReport.ConsumerStatus.STOPPED ? "stopped reading" : "cannot tell")
                .append("</span> ");
        Html.esc(b, note).append("</li>\n");
    }
}

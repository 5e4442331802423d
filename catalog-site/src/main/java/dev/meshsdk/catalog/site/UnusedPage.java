package dev.meshsdk.catalog.site;

import dev.meshsdk.UsageReport;

/**
 * {@code unused.html}: the ports nobody read in {@value SiteData#UNUSED_DAYS} days, from the registry's usage
 * history, biggest table first, with the owning team and members to ask whether the data is still needed.
 */
final class UnusedPage {
    private UnusedPage() {}

    static String render(SiteModel model, PageFrame frame) {
        StringBuilder b = new StringBuilder(4096);
        frame.open(b, "Unused", 0, PageFrame.Nav.UNUSED, null);
        b.append("<h1>Unused ports</h1>\n");
        UsageReport report = model.usage;
        if (report == null) {
            b.append(
                    "<p class=\"empty\">No usage figures: the registry keeps none, so unused ports cannot be told.</p>\n");
        } else if (report.ports().isEmpty()) {
            b.append("<p class=\"empty\">No usage of any port collected yet: either mesh:usage-collect has not run,"
                    + " or its collections observed none of the environment's ports (see its warnings; Delta ports"
                    + " are observed through mesh.usage.spark.readLog). Run mesh:usage-collect (daily) to count"
                    + " reads.</p>\n");
        } else if (report.unused().isEmpty()) {
            b.append("<p class=\"lead\">No port observed is unused in the last ")
                    .append(report.unusedDays())
                    .append(" days.</p>\n");
        } else {
            b.append("<p class=\"lead\">")
                    .append(report.unused().size())
                    .append(" port(s) nobody read ")
                    .append(Html.esc(report.unusedSpan()))
                    .append(" up to ");
            Html.esc(b, report.asOf().toString()).append(" (UTC), biggest first.</p>\n");
            b.append("<table class=\"unused\"><thead><tr><th>Product</th><th>Port</th><th>Team</th><th>Owners</th>"
                    + "<th>Size</th><th>Last read</th><th>Days observed</th></tr></thead><tbody>\n");
            for (UsageReport.Unused u : report.unused()) {
                b.append("<tr data-port=\"");
                Html.esc(b, u.productId() + "/" + u.port()).append("\"><td>");
                Markup.productLink(b, model, u.productId(), 0);
                if (u.wholeProduct()) b.append(" <span class=\"badge unused\">whole product</span>");
                b.append("</td><td>");
                Html.esc(b, u.port()).append("</td><td>");
                Html.esc(b, u.team() == null ? "" : u.team()).append("</td><td>");
                Html.esc(b, String.join(", ", u.owners())).append("</td><td>");
                Html.esc(b, dev.meshsdk.UsageReport.displaySize(u.bytes())).append("</td><td>");
                Html.esc(b, u.lastRead() == null ? "never" : Html.time(u.lastRead()))
                        .append("</td><td>")
                        .append(u.observedDays())
                        .append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        if (report != null && !report.newPorts().isEmpty()) {
            // the report's rule (UsageReport.PortUsage#newSince): deployed within the window, not read since
            b.append("<h2>New ports, not read yet</h2>\n<ul class=\"new-ports\">\n");
            for (UsageReport.PortUsage p : report.newPorts()) {
                b.append("<li data-port=\"");
                Html.esc(b, p.productId() + "/" + p.port()).append("\">");
                Markup.productLink(b, model, p.productId(), 0);
                b.append(" / ");
                Html.esc(b, p.port()).append(": ");
                Html.esc(b, p.newNote().orElseThrow()).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        if (report != null && !report.unobserved().isEmpty()) {
            b.append("<p class=\"note\">Not observed (no usage collected): ");
            Html.esc(b, String.join(", ", report.unobserved())).append("</p>\n");
        }
        frame.close(b);
        return b.toString();
    }
}

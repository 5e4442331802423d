package dev.meshsdk.catalog.site;

import dev.meshsdk.Lineage;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeploymentRecord;
import java.util.List;
import java.util.Locale;

/**
 * {@code products/<id>.html}: one product as a consumer wants to see it before reading it: purpose,
 * owners, ports with schema and quality, what it reads and who reads it, its lineage neighbourhood,
 * its deployments and its descriptors.
 */
final class ProductPage {
    /** How many folders below the site's root product pages lie. */
    static final int DEPTH = 1;

    private ProductPage() {}

    /** Renders the page into {@code b}, which the caller empties and reuses from page to page. */
    static void render(StringBuilder b, SiteModel model, PageFrame frame, CatalogEntry e, Settings settings) {
        frame.open(b, e.displayName(), DEPTH, PageFrame.Nav.NONE, null);
        header(b, model, e);
        owners(b, e);
        ports(b, model, e, settings.qualityHistory());
        inputs(b, model, e);
        consumers(b, model, e);
        lineage(b, model, e, settings);
        deployments(b, model, e);
        UsageSection.write(b, model, e);
        descriptors(b, e);
        frame.close(b);
    }

    /** What a product page shows of history and lineage. */
    record Settings(int qualityHistory, int hops, int neighbours) {}

    private static void header(StringBuilder b, SiteModel model, CatalogEntry e) {
        b.append("<div class=\"crumbs\"><a href=\"../index.html\">Products</a> / ");
        Html.esc(b, e.productId()).append("</div>\n<h1>");
        Html.esc(b, e.displayName()).append(' ');
        Markup.status(b, e.status());
        b.append("</h1>\n<p class=\"pid\">");
        Html.esc(b, e.productId());
        if (e.version() != null) Html.esc(b.append(" &middot; version "), e.version());
        b.append("</p>\n<section id=\"purpose\" class=\"card\">\n");
        if (e.description() != null && !e.description().isBlank()) {
            b.append("<p class=\"purpose\">");
            Html.esc(b, e.description().strip()).append("</p>\n");
        } else {
            b.append("<p class=\"empty\">No description.</p>\n");
        }
        b.append("<dl class=\"facts\">");
        Markup.fact(b, "Domain", e.domain(), false);
        Markup.fact(b, "Tenant", e.tenant(), false);
        Markup.fact(b, "Team", Markup.team(e), false);
        Markup.fact(b, "Status", e.status(), false);
        Markup.fact(b, "Updated", Html.time(e.updatedAt()), false);
        if (!e.tags().isEmpty()) {
            b.append("<dt>Tags</dt><dd>");
            Markup.tags(b, e.tags());
            b.append("</dd>");
        }
        b.append("<dt>Quality</dt><dd>");
        Markup.verdict(b, model.verdict(e));
        b.append("</dd></dl>\n</section>\n<nav class=\"toc\"><a href=\"#owners\">Owners</a><a href=\"#ports\">Ports</a>"
                + "<a href=\"#inputs\">Inputs</a><a href=\"#consumers\">Consumers</a><a href=\"#lineage\">Lineage</a>"
                + "<a href=\"#history\">Deployments</a><a href=\"#usage\">Usage</a></nav>\n");
    }

    private static void owners(StringBuilder b, CatalogEntry e) {
        b.append("<section id=\"owners\" class=\"card\">\n<h2>Owners</h2>\n");
        CatalogEntry.Owner owner = e.owner();
        if (owner == null) {
            b.append("<p class=\"empty\">No owning team is declared.</p>\n</section>\n");
            return;
        }
        b.append("<p class=\"team\">Team <strong>");
        Html.esc(b, Html.or(owner.team(), "(unnamed)")).append("</strong>");
        if (owner.description() != null) Html.esc(b.append(" &mdash; "), owner.description());
        b.append("</p>\n");
        if (owner.members().isEmpty()) {
            b.append("<p class=\"empty\">No members are listed.</p>\n");
        } else {
            b.append(
                    "<table class=\"members\"><thead><tr><th>Name</th><th>Username</th><th>Role</th></tr></thead><tbody>\n");
            for (CatalogEntry.Member m : owner.members()) {
                b.append("<tr><td>");
                Html.esc(b, Html.or(m.name(), m.username())).append("</td><td><code>");
                Html.esc(b, m.username()).append("</code></td><td>");
                Html.esc(b, m.role()).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");
    }

    private static void ports(StringBuilder b, SiteModel model, CatalogEntry e, int historyLimit) {
        List<CatalogEntry.Port> live = SiteModel.livePorts(e);
        b.append("<section id=\"ports\">\n<h2>Output ports</h2>\n");
        if (live.isEmpty()) b.append("<p class=\"empty\">No live output port.</p>\n");
        for (int i = 0; i < live.size(); i++) PortSection.write(b, model, e, live.get(i), i, historyLimit);
        long retired = e.outputPorts().size() - live.size();
        if (retired > 0) {
            b.append("<p class=\"muted\">")
                    .append(retired)
                    .append(retired == 1 ? " retired version is" : " retired versions are")
                    .append(" not listed.</p>\n");
        }
        b.append("</section>\n");
    }

    private static void inputs(StringBuilder b, SiteModel model, CatalogEntry e) {
        b.append("<section id=\"inputs\" class=\"card\">\n<h2>Input ports</h2>\n");
        if (e.inputPorts().isEmpty()) {
            b.append("<p class=\"empty\">This product reads no other product.</p>\n</section>\n");
            return;
        }
        b.append("<table class=\"inputs\"><thead><tr><th>Input</th><th>Contract</th><th>Producer</th><th>Port</th>"
                + "</tr></thead><tbody>\n");
        for (CatalogEntry.Input in : e.inputPorts()) {
            b.append("<tr><td>");
            Html.esc(b, in.name()).append("</td><td><code>");
            Html.esc(b, in.contractId())
                    .append("</code> v")
                    .append(in.majorVersion())
                    .append("</td><td>");
            if (in.producer() == null) {
                b.append("<span class=\"badge verdict-failed\">unresolved</span>");
            } else {
                Markup.productLink(b, model, in.producer(), DEPTH);
            }
            b.append("</td><td>");
            Html.esc(b, in.producerPort()).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static void consumers(StringBuilder b, SiteModel model, CatalogEntry e) {
        b.append("<section id=\"consumers\" class=\"card\">\n<h2>Consumers</h2>\n");
        List<SiteModel.Link> down = model.downstream(e.productId());
        if (down.isEmpty()) {
            b.append("<p class=\"empty\">No deployed product reads this one yet.</p>\n</section>\n");
            return;
        }
        b.append("<table class=\"consumers\"><thead><tr><th>Consumer</th><th>Their input</th><th>Reads port</th>"
                + "</tr></thead><tbody>\n");
        for (SiteModel.Link link : down) {
            for (Lineage.Edge edge : link.edges()) {
                b.append("<tr><td>");
                Markup.productLink(b, model, edge.consumer(), DEPTH);
                b.append("</td><td>");
                Html.esc(b, edge.inputPort()).append("</td><td>");
                Html.esc(b, edge.producerPort())
                        .append(" v")
                        .append(edge.majorVersion())
                        .append("</td></tr>\n");
            }
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static void lineage(StringBuilder b, SiteModel model, CatalogEntry e, Settings settings) {
        b.append("<section id=\"lineage\" class=\"card\">\n<h2>Lineage</h2>\n");
        LineageLayout layout = LineageLayout.around(model, e.productId(), settings.hops(), settings.neighbours());
        if (layout.links().isEmpty()) {
            b.append("<p class=\"empty\">No lineage: this product reads no deployed product and none reads it.</p>\n");
        } else {
            b.append("<p class=\"muted\">Producers on the left, consumers on the right, up to ")
                    .append(settings.hops())
                    .append(settings.hops() == 1 ? " link" : " links")
                    .append(" away")
                    .append(layout.truncated() ? "; cut at " + settings.neighbours() + " products each way" : "")
                    .append(". <a href=\"../lineage.html\">The whole mesh</a>.</p>\n<div class=\"graph\">");
            LineageSvg.write(b, model, layout, DEPTH, e.productId(), "Lineage around " + e.displayName());
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static void deployments(StringBuilder b, SiteModel model, CatalogEntry e) {
        b.append("<section id=\"history\" class=\"card\">\n<h2>Deployments</h2>\n");
        List<DeploymentRecord> history = model.deployments(e.productId());
        if (history.isEmpty()) {
            b.append("<p class=\"empty\">No deployment is recorded.</p>\n</section>\n");
            return;
        }
        b.append("<table class=\"history\"><thead><tr><th>When</th><th>By</th><th>Version</th><th>Outcome</th>"
                + "<th>Changes</th></tr></thead><tbody>\n");
        for (DeploymentRecord d : history) {
            b.append("<tr><td class=\"nowrap\">")
                    .append(Html.esc(Html.time(d.deployedAt())))
                    .append("</td><td>");
            Html.esc(b, d.deployedBy()).append("</td><td>");
            Html.esc(b, d.productVersion()).append("</td><td>");
            boolean ok = d.outcome() == DeploymentRecord.Outcome.SUCCEEDED;
            b.append("<span class=\"badge verdict-")
                    .append(ok ? "passed" : "failed")
                    .append("\">")
                    .append(d.outcome().name().toLowerCase(Locale.ROOT))
                    .append("</span></td><td>");
            if (!d.changes().isEmpty()) {
                b.append("<ul class=\"changes\">");
                for (String change : d.changes())
                    Html.esc(b.append("<li>"), change).append("</li>");
                b.append("</ul>");
            } else if (d.message() == null) {
                b.append("<span class=\"muted\">no changes</span>");
            }
            if (d.message() != null)
                Html.esc(b.append("<div class=\"muted\">"), d.message()).append("</div>");
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    /** The descriptors as deployed, escaped and folded away: what a consumer binds to. */
    private static void descriptors(StringBuilder b, CatalogEntry e) {
        if (e.descriptors().isEmpty()) return;
        b.append("<section id=\"descriptors\" class=\"card\">\n<h2>Descriptors</h2>\n");
        for (CatalogEntry.Descriptor d : e.descriptors()) {
            b.append("<details><summary><code>");
            Html.esc(b, d.path()).append("</code>");
            if (d.kind() != null)
                Html.esc(b.append(" <span class=\"muted\">"), d.kind()).append("</span>");
            b.append("</summary><pre>");
            Html.esc(b, d.text()).append("</pre></details>\n");
        }
        b.append("</section>\n");
    }
}

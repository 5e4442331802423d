package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code index.html}: every product in one table, with a search box and filters that work offline from
 * the file system. The rows are plain HTML (the page reads without script); the search data is a JSON
 * block the inline script parses, one element per row in the same order, holding
 * {@link CatalogQuery#searchText} and the lower-cased filter values, so the page searches exactly as
 * {@link CatalogQuery#matches} does.
 */
final class IndexPage {
    static final String SCRIPT = Resources.text("search.js");
    static final String SCRIPT_HASH = Resources.sha256Base64(SCRIPT);
    private static final int DESCRIPTION_CHARS = 220;

    private IndexPage() {}

    static String render(SiteModel model, PageFrame frame) {
        List<CatalogEntry> entries = model.entries;
        StringBuilder b = new StringBuilder(4096 + entries.size() * 1200);
        frame.open(b, "Data products", 0, PageFrame.Nav.PRODUCTS, SCRIPT_HASH);
        b.append("<h1>Data products</h1>\n<p class=\"lead\">")
                .append(entries.size())
                .append(entries.size() == 1 ? " product" : " products")
                .append(" deployed to <strong>");
        Html.esc(b, model.environment)
                .append("</strong>, ")
                .append(model.links().size())
                .append(model.links().size() == 1 ? " lineage link" : " lineage links")
                .append(". <a href=\"lineage.html\">See the lineage</a>.</p>\n");
        if (entries.isEmpty()) {
            b.append("<p class=\"empty\">No data product is deployed to this environment yet.</p>\n");
            frame.close(b);
            return b.toString();
        }
        filters(b, entries);
        b.append("<table class=\"products\" id=\"products\">\n<thead><tr><th>Product</th><th>Domain</th><th>Team</th>"
                + "<th>Status</th><th>Tags</th><th class=\"num\">Ports</th><th>Quality</th></tr></thead>\n<tbody>\n");
        for (CatalogEntry e : entries) row(b, model, e);
        b.append("</tbody>\n</table>\n<p id=\"none\" class=\"empty\" hidden>No product matches the search.</p>\n");
        b.append("<script type=\"application/json\" id=\"search-index\">");
        searchIndex(b, entries);
        b.append("</script>\n<script>").append(SCRIPT).append("</script>\n");
        frame.close(b);
        return b.toString();
    }

    private static void filters(StringBuilder b, List<CatalogEntry> entries) {
        b.append("<div class=\"filters\" role=\"search\">\n<input id=\"q\" type=\"search\" autocomplete=\"off\""
                + " placeholder=\"Search products, columns, tags&hellip;\" aria-label=\"Search products\">\n");
        select(b, "d", "domain", "All domains", values(entries, e -> List.of(nz(e.domain()))));
        select(b, "m", "team", "All teams", values(entries, e -> List.of(nz(Markup.team(e)))));
        select(b, "g", "tag", "All tags", values(entries, CatalogEntry::tags));
        select(b, "s", "status", "Any status", values(entries, e -> List.of(nz(e.status()))));
        select(b, "c", "classification", "Any classification", values(entries, IndexPage::classifications));
        b.append("<button id=\"clear\" type=\"button\">Clear</button>\n<span id=\"count\" class=\"count\">")
                .append(entries.size())
                .append(entries.size() == 1 ? " product" : " products")
                .append("</span>\n</div>\n");
    }

    private static void select(StringBuilder b, String key, String name, String all, Map<String, String> values) {
        b.append("<select id=\"filter-")
                .append(name)
                .append("\" data-key=\"")
                .append(key)
                .append("\" aria-label=\"")
                .append(name)
                .append("\"><option value=\"\">")
                .append(all)
                .append("</option>");
        values.forEach((value, label) -> {
            b.append("<option value=\"");
            Html.esc(b, value).append("\">");
            Html.esc(b, label).append("</option>");
        });
        b.append("</select>\n");
    }

    /** The distinct non-blank values, keyed by their lower case (what the script compares), sorted. */
    private static Map<String, String> values(
            List<CatalogEntry> entries, Function<CatalogEntry, Collection<String>> of) {
        Map<String, String> out = new TreeMap<>();
        for (CatalogEntry e : entries) {
            for (String v : of.apply(e)) {
                if (!v.isBlank()) out.putIfAbsent(lower(v.trim()), v.trim());
            }
        }
        return out;
    }

    private static void row(StringBuilder b, SiteModel model, CatalogEntry e) {
        b.append("<tr data-product=\"");
        Html.esc(b, e.productId()).append("\"><td><a class=\"pname\" href=\"");
        Html.esc(b, PageNames.productPath(e.productId())).append("\">");
        Html.esc(b, e.displayName()).append("</a><div class=\"pid\">");
        Html.esc(b, e.productId()).append("</div>");
        if (e.description() != null && !e.description().isBlank()) {
            b.append("<div class=\"desc\">");
            shorten(b, e.description().strip());
            b.append("</div>");
        }
        b.append("</td><td>");
        Html.esc(b, e.domain()).append("</td><td>");
        Html.esc(b, Markup.team(e)).append("</td><td>");
        Markup.status(b, e.status());
        b.append("</td><td>");
        Markup.tags(b, e.tags());
        b.append("</td><td class=\"num\">")
                .append(SiteModel.livePorts(e).size())
                .append("</td><td>");
        Markup.verdict(b, model.verdict(e));
        b.append("</td></tr>\n");
    }

    private static void searchIndex(StringBuilder b, List<CatalogEntry> entries) {
        b.append("[\n");
        for (int i = 0; i < entries.size(); i++) {
            CatalogEntry e = entries.get(i);
            b.append("{\"t\":");
            Html.json(b, CatalogQuery.searchText(e));
            b.append(",\"d\":");
            Html.json(b, lowerOrNull(e.domain()));
            b.append(",\"m\":");
            Html.json(b, lowerOrNull(Markup.team(e)));
            b.append(",\"s\":");
            Html.json(b, lowerOrNull(e.status()));
            b.append(",\"g\":");
            jsonArray(b, e.tags());
            b.append(",\"c\":");
            jsonArray(b, classifications(e));
            b.append(i + 1 < entries.size() ? "},\n" : "}\n");
        }
        b.append(']');
    }

    private static void jsonArray(StringBuilder b, Collection<String> values) {
        b.append('[');
        boolean first = true;
        for (String v : values) {
            if (v == null || v.isBlank()) continue;
            if (!first) b.append(',');
            Html.json(b, lower(v.trim()));
            first = false;
        }
        b.append(']');
    }

    /** The classifications of the product's columns, as {@link CatalogQuery#matches} looks for them. */
    private static Set<String> classifications(CatalogEntry e) {
        Set<String> out = new LinkedHashSet<>();
        for (CatalogEntry.Port p : e.outputPorts()) {
            for (CatalogEntry.Column c : p.columns()) {
                if (c.classification() != null) out.add(c.classification());
            }
        }
        return out;
    }

    private static void shorten(StringBuilder b, String text) {
        if (text.length() <= DESCRIPTION_CHARS) {
            Html.esc(b, text);
            return;
        }
        int cut = text.lastIndexOf(' ', DESCRIPTION_CHARS);
        Html.esc(b, text.substring(0, cut > DESCRIPTION_CHARS / 2 ? cut : DESCRIPTION_CHARS))
                .append(" &hellip;");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String lowerOrNull(String s) {
        return s == null || s.isBlank() ? null : lower(s.trim());
    }
}

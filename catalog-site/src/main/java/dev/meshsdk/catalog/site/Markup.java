package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.List;
import java.util.Locale;

/** The small pieces of markup several pages share: badges, tags, a fact of a list, a link to a product. */
final class Markup {
    private Markup() {}

    /** A status badge ({@code active}, {@code deprecated}, ...); nothing for no status. */
    static void status(StringBuilder b, String status) {
        if (status == null || status.isBlank()) return;
        b.append("<span class=\"badge status-").append(Html.statusClass(status)).append("\">");
        Html.esc(b, status).append("</span>");
    }

    /** A quality verdict badge. */
    static void verdict(StringBuilder b, SiteModel.Verdict v) {
        b.append("<span class=\"badge verdict-")
                .append(v.name().toLowerCase(Locale.ROOT))
                .append("\">")
                .append(v.label)
                .append("</span>");
    }

    /** The tags as chips. */
    static void tags(StringBuilder b, List<String> tags) {
        for (String t : tags) {
            b.append("<span class=\"tag\">");
            Html.esc(b, t).append("</span>");
        }
    }

    /** The owning team's name, or null. */
    static String team(CatalogEntry e) {
        return e.owner() == null ? null : e.owner().team();
    }

    /** A {@code <dt>}/{@code <dd>} pair of a facts list; nothing for a blank value. */
    static void fact(StringBuilder b, String label, String value, boolean code) {
        if (value == null || value.isBlank()) return;
        b.append("<dt>").append(label).append("</dt><dd>").append(code ? "<code>" : "");
        Html.esc(b, value).append(code ? "</code>" : "").append("</dd>");
    }

    /**
     * A link to a product's page from a page {@code depth} folders below the site's root, or the bare
     * id, marked, when the product is not in the catalog.
     */
    static void productLink(StringBuilder b, SiteModel model, String productId, int depth) {
        CatalogEntry other = model.entry(productId);
        if (other == null) {
            Html.esc(b.append("<span class=\"missing\" title=\"not in this catalog\">"), productId)
                    .append("</span>");
            return;
        }
        b.append("<a href=\"");
        Html.esc(b, SiteModel.productHref(productId, depth)).append("\" data-product=\"");
        Html.esc(b, productId).append("\">");
        Html.esc(b, other.displayName()).append("</a>");
    }
}

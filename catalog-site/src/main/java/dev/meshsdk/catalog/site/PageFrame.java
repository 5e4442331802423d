package dev.meshsdk.catalog.site;

import java.time.Instant;

/**
 * What every page shares: the document head, the top bar with the site's navigation and the footer.
 * Each page declares a Content-Security-Policy that lets only the scripts the site itself wrote run (the
 * search script, by its hash), so even text that escaped escaping could not execute.
 */
final class PageFrame {
    /** Which navigation entry a page belongs to. */
    enum Nav {
        PRODUCTS,
        LINEAGE,
        UNUSED,
        NONE
    }

    private final String siteTitle;
    private final String environment;
    private final Instant generatedAt;

    PageFrame(String siteTitle, String environment, Instant generatedAt) {
        this.siteTitle = siteTitle;
        this.environment = environment;
        this.generatedAt = generatedAt;
    }

    /**
     * Opens a page {@code depth} folders below the site's root. {@code scriptHash} is the base64 SHA-256
     * of the page's one inline script, or null for a page without script.
     */
    void open(StringBuilder b, String title, int depth, Nav nav, String scriptHash) {
        String up = "../".repeat(depth);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"script-src ")
                .append(scriptHash == null ? "'none'" : "'sha256-" + scriptHash + "'")
                .append("; object-src 'none'; base-uri 'none'; form-action 'none'\">\n<title>");
        Html.esc(b, title).append(" &middot; ");
        Html.esc(b, siteTitle)
                .append("</title>\n<link rel=\"stylesheet\" href=\"")
                .append(up)
                .append(
                        "style.css\">\n</head>\n<body>\n<header class=\"top\"><div class=\"wrap\"><a class=\"brand\" href=\"")
                .append(up)
                .append("index.html\">");
        Html.esc(b, siteTitle).append("</a><span class=\"env\" title=\"environment\">");
        Html.esc(b, environment).append("</span><nav>");
        link(b, up + "index.html", "Products", nav == Nav.PRODUCTS);
        link(b, up + "lineage.html", "Lineage", nav == Nav.LINEAGE);
        link(b, up + "unused.html", "Unused", nav == Nav.UNUSED);
        b.append("</nav></div></header>\n<main class=\"wrap\">\n");
    }

    void close(StringBuilder b) {
        b.append("</main>\n<footer class=\"wrap\">Generated ")
                .append(Html.esc(Html.time(generatedAt)))
                .append(" from the registry of environment <strong>");
        Html.esc(b, environment)
                .append("</strong>. Metadata only: no credentials and no data rows.</footer>\n")
                .append("</body>\n</html>\n");
    }

    private static void link(StringBuilder b, String href, String label, boolean active) {
        b.append("<a href=\"")
                .append(href)
                .append('"')
                .append(active ? " class=\"active\" aria-current=\"page\"" : "")
                .append('>')
                .append(label)
                .append("</a>");
    }
}

package dev.meshsdk.catalog.site;

import dev.meshsdk.Lineage;

/**
 * {@code lineage.html}: the lineage of the whole mesh. Up to {@code graphLimit} products it is drawn as a
 * layered graph, products in columns by their depth, with the table of links folded below it. Past that
 * a drawing is too large to read (and heavy to render: thousands of boxes in one SVG), so the page lists
 * the links as a table, each product's page drawing its own neighbourhood instead. The layout is linear
 * in the graph's size either way.
 */
final class LineagePage {
    private LineagePage() {}

    static String render(SiteModel model, PageFrame frame, int graphLimit) {
        int links = model.links().size();
        StringBuilder b = new StringBuilder(8192 + links * 400);
        frame.open(b, "Lineage", 0, PageFrame.Nav.LINEAGE, null);
        b.append("<h1>Lineage</h1>\n");
        if (links == 0) {
            b.append("<p class=\"empty\">No lineage yet: no deployed product reads another.</p>\n");
            frame.close(b);
            return b.toString();
        }
        LineageLayout layout = LineageLayout.mesh(model);
        b.append("<p class=\"lead\">")
                .append(layout.nodes())
                .append(" products, ")
                .append(links)
                .append(links == 1 ? " link" : " links")
                .append(", ")
                .append(layout.layers().size())
                .append(" levels: sources on the left, each product one column right of its furthest producer.</p>\n");
        boolean draw = layout.nodes() <= graphLimit;
        if (draw) {
            b.append("<div class=\"graph mesh\">");
            LineageSvg.write(b, model, layout, 0, null, "Lineage of the mesh in " + model.environment);
            b.append("</div>\n<details class=\"links\"><summary>Every link as a table</summary>\n");
        } else {
            b.append("<p class=\"note\" id=\"graph-not-drawn\">The graph is drawn for up to ")
                    .append(graphLimit)
                    .append(" products; this mesh has ")
                    .append(layout.nodes())
                    .append(". Each product's page draws"
                            + " its own neighbourhood; every link is listed below.</p>\n");
        }
        table(b, model);
        if (draw) b.append("</details>\n");
        frame.close(b);
        return b.toString();
    }

    private static void table(StringBuilder b, SiteModel model) {
        b.append("<table class=\"edges\"><thead><tr><th>Producer</th><th>Output port</th><th></th><th>Consumer</th>"
                + "<th>Input port</th><th>Contract</th></tr></thead><tbody>\n");
        for (SiteModel.Link link : model.links()) {
            for (Lineage.Edge e : link.edges()) {
                b.append("<tr data-producer=\"");
                Html.esc(b, e.producer()).append("\" data-consumer=\"");
                Html.esc(b, e.consumer()).append("\"><td>");
                Markup.productLink(b, model, e.producer(), 0);
                b.append("</td><td>");
                Html.esc(b, e.producerPort()).append("</td><td class=\"arrow\">&rarr;</td><td>");
                Markup.productLink(b, model, e.consumer(), 0);
                b.append("</td><td>");
                Html.esc(b, e.inputPort()).append("</td><td><code>");
                Html.esc(b, e.contractId())
                        .append("</code> v")
                        .append(e.majorVersion())
                        .append("</td></tr>\n");
            }
        }
        b.append("</tbody></table>\n");
    }
}

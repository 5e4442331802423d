package dev.meshsdk.catalog.site;

import dev.meshsdk.Lineage;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link LineageLayout} as inline SVG: a box per product linking to its page, a curve per
 * producer-to-consumer link. Each link is a {@code <g class="edge">} whose {@code data-producer} and
 * {@code data-consumer} attributes hold the two product ids, so a reader (or a test) can find the link
 * from {@code orders} to {@code daily-revenue} without parsing the drawing.
 */
final class LineageSvg {
    private static final int NODE_W = 190;
    private static final int NODE_H = 34;
    private static final int COL_STRIDE = NODE_W + 80;
    private static final int ROW_STRIDE = NODE_H + 14;
    private static final int MARGIN = 16;
    private static final int LABEL_CHARS = 24;

    private LineageSvg() {}

    /**
     * Appends the drawing. {@code depth} is how many folders below the site's root the page lies, for
     * the links to product pages; {@code focus} is the product the page is about, or null.
     */
    static void write(StringBuilder b, SiteModel model, LineageLayout layout, int depth, String focus, String label) {
        int rows = layout.rows().isEmpty()
                ? layout.layers().stream().mapToInt(List::size).max().orElse(0)
                : layout.rows().values().stream().mapToInt(r -> r + 1).max().orElse(0);
        int width = MARGIN * 2 + Math.max(0, layout.layers().size() - 1) * COL_STRIDE + NODE_W;
        int height = MARGIN * 2 + Math.max(0, rows - 1) * ROW_STRIDE + NODE_H;
        Map<String, int[]> at = new HashMap<>();
        for (int c = 0; c < layout.layers().size(); c++) {
            List<String> column = layout.layers().get(c);
            int offset = (rows - column.size()) * ROW_STRIDE / 2;
            for (int r = 0; r < column.size(); r++) {
                String id = column.get(r);
                int y = layout.rows().isEmpty()
                        ? offset + r * ROW_STRIDE
                        : layout.rows().get(id) * ROW_STRIDE;
                at.put(id, new int[] {MARGIN + c * COL_STRIDE, MARGIN + y});
            }
        }
        b.append("<svg class=\"lineage\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"");
        Html.esc(b, label)
                .append("\">\n<defs><marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                        + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path class=\"arrowhead\" d=\"M0,0L10,5L0,10z\"/>"
                        + "</marker></defs>\n");
        for (SiteModel.Link link : layout.links()) {
            int[] from = at.get(link.producer());
            int[] to = at.get(link.consumer());
            if (from == null || to == null) continue;
            edge(b, link, from, to);
        }
        for (List<String> column : layout.layers()) {
            for (String id : column) node(b, model.entry(id), id, at.get(id), depth, id.equals(focus));
        }
        b.append("</svg>\n");
    }

    private static void edge(StringBuilder b, SiteModel.Link link, int[] from, int[] to) {
        int x1 = from[0] + NODE_W;
        int y1 = from[1] + NODE_H / 2;
        int x2 = to[0];
        int y2 = to[1] + NODE_H / 2;
        int dx = Math.max(40, Math.abs(x2 - x1) / 2);
        b.append("<g class=\"edge\" data-producer=\"");
        Html.esc(b, link.producer()).append("\" data-consumer=\"");
        Html.esc(b, link.consumer()).append("\"><title>");
        Html.esc(b, link.producer()).append(" &rarr; ");
        Html.esc(b, link.consumer());
        for (Lineage.Edge e : link.edges()) {
            b.append("\n");
            Html.esc(b, e.producerPort()).append(" v").append(e.majorVersion()).append(" read by input ");
            Html.esc(b, e.inputPort());
        }
        b.append("</title><path d=\"M")
                .append(x1)
                .append(',')
                .append(y1)
                .append(" C")
                .append(x1 + dx)
                .append(',')
                .append(y1)
                .append(' ')
                .append(x2 - dx)
                .append(',')
                .append(y2)
                .append(' ')
                .append(x2)
                .append(',')
                .append(y2)
                .append("\" marker-end=\"url(#arrowhead)\"/></g>\n");
    }

    private static void node(StringBuilder b, CatalogEntry entry, String id, int[] xy, int depth, boolean focus) {
        String name = entry != null ? entry.displayName() : id;
        if (entry != null) {
            b.append("<a href=\"");
            Html.esc(b, SiteModel.productHref(id, depth)).append("\">");
        }
        b.append("<g class=\"node")
                .append(focus ? " focus" : "")
                .append(entry == null ? " missing" : "")
                .append("\" data-product=\"");
        Html.esc(b, id).append("\"><title>");
        Html.esc(b, name);
        if (!name.equals(id)) Html.esc(b.append(" ("), id).append(')');
        if (entry == null) b.append(" &mdash; not in this catalog");
        b.append("</title><rect x=\"")
                .append(xy[0])
                .append("\" y=\"")
                .append(xy[1])
                .append("\" width=\"")
                .append(NODE_W)
                .append("\" height=\"")
                .append(NODE_H)
                .append("\" rx=\"6\"/><text x=\"")
                .append(xy[0] + 10)
                .append("\" y=\"")
                .append(xy[1] + NODE_H / 2 + 5)
                .append("\">");
        shorten(b, name);
        b.append("</text></g>");
        if (entry != null) b.append("</a>");
        b.append('\n');
    }

    private static void shorten(StringBuilder b, String name) {
        if (name.length() <= LABEL_CHARS) {
            Html.esc(b, name);
            return;
        }
        int cut = LABEL_CHARS - 1;
        if (Character.isHighSurrogate(name.charAt(cut - 1))) cut--;
        Html.esc(b, name.substring(0, cut)).append("&hellip;");
    }
}

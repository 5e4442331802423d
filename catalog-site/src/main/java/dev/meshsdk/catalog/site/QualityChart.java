package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.registry.QualityRecord;
import java.util.List;

/**
 * A port's quality history as a strip of inline SVG bars, oldest left and newest right: a tall green
 * bar for a check where every rule passed, a red one for a check where some rule failed. Each bar's
 * tooltip gives the time, the source and how many rules passed.
 */
final class QualityChart {
    private static final int BAR_W = 12;
    private static final int GAP = 4;
    private static final int HEIGHT = 28;

    private QualityChart() {}

    /** Appends the chart of {@code newestFirst}, which must not be empty. */
    static void write(StringBuilder b, List<QualityRecord> newestFirst, String port) {
        int n = newestFirst.size();
        long passed = newestFirst.stream().filter(QualityRecord::passed).count();
        int width = n * (BAR_W + GAP) - GAP;
        b.append("<svg class=\"quality-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"");
        Html.esc(b, "Quality history of " + port + ": " + passed + " of " + n + " checks passed")
                .append("\">\n");
        for (int i = 0; i < n; i++) {
            QualityRecord r = newestFirst.get(n - 1 - i);
            boolean ok = r.passed();
            long rulesPassed = r.results().stream()
                    .filter(x -> "PASSED".equals(x.status()))
                    .count();
            b.append("<rect class=\"")
                    .append(ok ? "pass" : "fail")
                    .append("\" data-checked-at=\"")
                    .append(r.checkedAt())
                    .append("\" x=\"")
                    .append(i * (BAR_W + GAP))
                    .append("\" y=\"")
                    .append(ok ? 0 : HEIGHT / 3)
                    .append("\" width=\"")
                    .append(BAR_W)
                    .append("\" height=\"")
                    .append(ok ? HEIGHT : HEIGHT - HEIGHT / 3)
                    .append("\" rx=\"2\"><title>");
            Html.esc(b, Html.time(r.checkedAt()))
                    .append(" &mdash; ")
                    .append(ok ? "passed" : "failed")
                    .append(", ")
                    .append(rulesPassed)
                    .append(" of ")
                    .append(r.results().size())
                    .append(" rules passed");
            if (r.source() != null) Html.esc(b.append(" (by "), r.source()).append(')');
            if (r.rows() != null) b.append(", ").append(r.rows()).append(" rows");
            b.append("</title></rect>\n");
        }
        b.append("</svg>");
    }
}

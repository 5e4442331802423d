package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.QualityRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One output port in one live contract major version on a product's page: where it lives, its
 * datasets, its schema, its quality rules with their latest result and history, and its SLA.
 */
final class PortSection {
    private PortSection() {}

    static void write(
            StringBuilder b, SiteModel model, CatalogEntry e, CatalogEntry.Port p, int index, int historyLimit) {
        b.append("<section class=\"port card\" id=\"port-").append(index).append("\" data-port=\"");
        Html.esc(b, p.name())
                .append("\" data-major=\"")
                .append(p.majorVersion())
                .append("\">\n<h3>");
        Html.esc(b, p.name())
                .append(" <span class=\"major\">v")
                .append(p.majorVersion())
                .append("</span> ");
        Markup.status(b, p.status());
        b.append("</h3>\n");
        if (p.description() != null && !p.description().isBlank()) {
            b.append("<p>");
            Html.esc(b, p.description()).append("</p>\n");
        }
        b.append("<dl class=\"facts\">");
        Markup.fact(b, "Address", p.address(), true);
        Markup.fact(b, "Server", join(p.server(), p.serverType() == null ? null : "(" + p.serverType() + ")"), false);
        Markup.fact(b, "Contract", join(p.contractId(), p.contractVersion()), true);
        Markup.fact(b, "Port version", p.version(), false);
        if (p.sunset() != null) Markup.fact(b, "Sunset", p.sunset(), false);
        b.append("</dl>\n");
        datasets(b, p);
        schema(b, p);
        quality(b, model, e, p, historyLimit);
        sla(b, p);
        b.append("</section>\n");
    }

    private static void datasets(StringBuilder b, CatalogEntry.Port p) {
        if (p.datasets().isEmpty()) return;
        b.append(
                "<h4>Datasets</h4>\n<table class=\"datasets\"><thead><tr><th>Table</th><th>Address</th></tr></thead><tbody>\n");
        for (CatalogEntry.Dataset d : p.datasets()) {
            b.append("<tr><td><code>");
            Html.esc(b, d.object()).append("</code></td><td><code class=\"address\">");
            Html.esc(b, d.address()).append("</code></td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void schema(StringBuilder b, CatalogEntry.Port p) {
        b.append("<h4>Schema</h4>\n");
        if (p.columns().isEmpty()) {
            b.append("<p class=\"empty\">The contract declares no columns.</p>\n");
            return;
        }
        boolean manyObjects =
                p.columns().stream().map(CatalogEntry.Column::object).distinct().count() > 1;
        b.append("<table class=\"schema\"><thead><tr>")
                .append(manyObjects ? "<th>Table</th>" : "")
                .append("<th>Column</th><th>Logical type</th><th>Physical type</th><th>Required</th>"
                        + "<th>Classification</th><th>Description</th></tr></thead><tbody>\n");
        for (CatalogEntry.Column c : p.columns()) {
            b.append("<tr data-column=\"");
            Html.esc(b, c.name()).append("\">");
            if (manyObjects) Html.esc(b.append("<td>"), c.object()).append("</td>");
            b.append("<td><code>");
            Html.esc(b, c.name()).append("</code>");
            if (c.primaryKey()) b.append(" <span class=\"mark\" title=\"primary key\">PK</span>");
            if (c.subjectKey() != null) {
                b.append(
                        " <span class=\"mark subject-key\" title=\"identifies a data subject for erasure\">subject key: ");
                Html.esc(b, c.subjectKey()).append("</span>");
            }
            b.append("</td><td>");
            Html.esc(b, c.logicalType()).append("</td><td><code>");
            Html.esc(b, c.physicalType())
                    .append("</code></td><td>")
                    .append(c.required() ? "yes" : "no")
                    .append("</td><td>");
            classification(b, c.classification());
            b.append("</td><td>");
            Html.esc(b, c.description()).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void classification(StringBuilder b, String classification) {
        if (classification == null || classification.isBlank()) return;
        String kind =
                switch (classification.toLowerCase(Locale.ROOT)) {
                    case "public" -> "public";
                    case "internal" -> "internal";
                    default -> "sensitive";
                };
        b.append("<span class=\"badge cls-").append(kind).append("\">");
        Html.esc(b, classification).append("</span>");
    }

    private static void quality(StringBuilder b, SiteModel model, CatalogEntry e, CatalogEntry.Port p, int limit) {
        b.append("<h4>Quality</h4>\n");
        List<QualityRecord> records = model.quality(e.productId(), p, limit);
        if (records.isEmpty()) {
            b.append("<p class=\"empty no-quality\">No quality results recorded yet.</p>\n");
        } else {
            QualityRecord latest = records.get(0);
            b.append("<div class=\"quality-summary\"><div>Latest check ");
            Markup.verdict(b, latest.passed() ? SiteModel.Verdict.PASSED : SiteModel.Verdict.FAILED);
            b.append(" <span class=\"muted\">").append(Html.esc(Html.time(latest.checkedAt())));
            if (latest.source() != null) Html.esc(b.append(" by "), latest.source());
            if (latest.rows() != null) b.append(", ").append(latest.rows()).append(" rows");
            b.append("</span></div><div class=\"chart\"><span class=\"muted\">Last ")
                    .append(records.size())
                    .append(records.size() == 1 ? " check" : " checks")
                    .append("</span> ");
            QualityChart.write(b, records, p.name() + " v" + p.majorVersion());
            b.append("</div></div>\n");
        }
        rules(b, p, records.isEmpty() ? null : records.get(0));
    }

    /** The contract's rules, each with its result in the latest check; results of no listed rule after. */
    private static void rules(StringBuilder b, CatalogEntry.Port p, QualityRecord latest) {
        Map<String, QualityRecord.Result> results = new LinkedHashMap<>();
        if (latest != null) latest.results().forEach(r -> results.putIfAbsent(r.rule(), r));
        if (p.quality().isEmpty() && results.isEmpty()) {
            b.append("<p class=\"empty\">The contract declares no quality rules.</p>\n");
            return;
        }
        b.append("<table class=\"rules\"><thead><tr><th>Rule</th><th>Scope</th><th>Metric</th><th>Threshold</th>"
                + "<th>Severity</th><th class=\"num\">Measured</th><th>Latest</th></tr></thead><tbody>\n");
        List<QualityRecord.Result> shown = new ArrayList<>();
        for (CatalogEntry.Rule rule : p.quality()) {
            QualityRecord.Result r = rule.name() == null ? null : results.get(rule.name());
            if (r != null) shown.add(r);
            row(
                    b,
                    Html.or(rule.name(), rule.type()),
                    rule.scope(),
                    Html.or(rule.metric(), rule.type()),
                    rule.threshold(),
                    rule.severity(),
                    rule.description(),
                    r);
        }
        for (QualityRecord.Result r : results.values()) {
            if (!shown.contains(r)) row(b, r.rule(), r.scope(), r.metric(), r.threshold(), r.severity(), null, r);
        }
        b.append("</tbody></table>\n");
    }

    private static void row(
            StringBuilder b,
            String name,
            String scope,
            String metric,
            String threshold,
            String severity,
            String description,
            QualityRecord.Result r) {
        b.append("<tr data-rule=\"");
        Html.esc(b, name).append("\"><td>");
        Html.esc(b, name);
        if (description != null)
            Html.esc(b.append("<div class=\"muted\">"), description).append("</div>");
        b.append("</td><td><code>");
        Html.esc(b, scope).append("</code></td><td>");
        Html.esc(b, metric).append("</td><td>");
        Html.esc(b, r != null && r.threshold() != null ? r.threshold() : threshold)
                .append("</td><td>");
        Html.esc(b, severity).append("</td><td class=\"num measured\">");
        if (r != null && r.measured() != null) b.append(Html.esc(r.measured().toPlainString()));
        b.append("</td><td class=\"result\">");
        if (r == null) {
            b.append("<span class=\"muted\">not checked</span>");
        } else {
            b.append("<span class=\"badge verdict-")
                    .append(Html.statusClass(r.status()))
                    .append("\">");
            Html.esc(b, r.status().toLowerCase(Locale.ROOT)).append("</span>");
            if (r.message() != null && !"PASSED".equals(r.status())) {
                Html.esc(b.append("<div class=\"muted\">"), r.message()).append("</div>");
            }
        }
        b.append("</td></tr>\n");
    }

    private static void sla(StringBuilder b, CatalogEntry.Port p) {
        if (p.sla().isEmpty()) return;
        b.append("<h4>Service levels</h4>\n<table class=\"sla\"><thead><tr><th>Property</th><th>Value</th>"
                + "<th>Element</th></tr></thead><tbody>\n");
        for (CatalogEntry.Sla s : p.sla()) {
            b.append("<tr><td>");
            Html.esc(b, s.property()).append("</td><td>");
            Html.esc(b, join(s.value(), s.unit())).append("</td><td>");
            Html.esc(b, s.element()).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static String join(String a, String c) {
        if (a == null) return c;
        if (c == null) return a;
        return a + " " + c;
    }
}

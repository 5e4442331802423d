package dev.meshsdk.spark;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SettableGauge;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityResult;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where quality results go once measured.
 *
 * <p>Metrics: per rule, a gauge {@code mesh.quality.spark.<product>.<port>.<object>[.<property>].<rule>.measured}
 * (the last measured value) and counters {@code mesh.quality.spark.passed|failed|error}.
 *
 * <p>Kept: one JSON document per evaluation and table at
 * {@code <port root>/_mesh_quality/<table>/<UTC time>-<run id>.json} (beside the table, never inside it, so
 * Delta and VACUUM ignore it), written through Hadoop's file system so that it works on local folders and
 * S3A alike. It holds the product, port, table, time, row count and every rule's status, measured value,
 * threshold, severity and dimension, for a catalog to show.
 */
final class QualityReporting {
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private final AdapterContext context;
    private final ObjectMapper json = new ObjectMapper();

    QualityReporting(AdapterContext context) {
        this.context = context;
    }

    /** Reports to the metric registry and keeps the results; returns where they were written. */
    String record(
            SparkSession spark, PortBinding port, PortTables.Table table, String phase, QualityRun.Outcome outcome) {
        metrics(port, outcome.results());
        return keep(spark, port, table, phase, outcome);
    }

    private void metrics(PortBinding port, List<QualityResult> results) {
        MetricRegistry registry = context.metrics();
        for (QualityResult r : results) {
            registry.counter("mesh.quality.spark." + r.status().name().toLowerCase(Locale.ROOT))
                    .inc();
            if (r.measured() == null) continue;
            String name = MetricRegistry.name(
                    "mesh.quality.spark",
                    safe(port.product().id()),
                    safe(port.port().name()),
                    safe(r.rule().scope()),
                    safe(r.rule().rule().label()),
                    "measured");
            @SuppressWarnings("unchecked")
            SettableGauge<BigDecimal> gauge =
                    registry.gauge(name, () -> new com.codahale.metrics.DefaultSettableGauge<>());
            gauge.setValue(r.measured());
        }
    }

    private String keep(
            SparkSession spark, PortBinding port, PortTables.Table table, String phase, QualityRun.Outcome outcome) {
        Instant now = context.clock().instant();
        ObjectNode doc = json.createObjectNode();
        doc.put("product", port.product().id());
        doc.put("port", port.port().name());
        doc.put("environment", port.environment());
        doc.put("contract", port.contract().id());
        doc.put("contractVersion", port.contract().version());
        doc.put("object", table.object());
        doc.put("table", table.uri());
        doc.put("phase", phase);
        doc.put("engine", "spark");
        doc.put("evaluatedAt", now.toString());
        doc.put("rowCount", outcome.rowCount());
        ArrayNode rules = doc.putArray("results");
        for (QualityResult r : outcome.results()) {
            ObjectNode n = rules.addObject();
            n.put("rule", r.rule().rule().label());
            n.put("scope", r.rule().scope());
            n.put("type", r.rule().rule().effectiveType());
            if (r.rule().rule().metric() != null)
                n.put("metric", r.rule().rule().metric());
            n.put("status", r.status().name());
            if (r.measured() != null) n.put("measured", r.measured());
            if (r.threshold() != null) n.put("threshold", r.threshold().toString());
            if (r.rule().rule().unit() != null) n.put("unit", r.rule().rule().unit());
            n.put("severity", r.severity() == null ? "error" : r.severity());
            if (r.dimension() != null) n.put("dimension", r.dimension());
            n.put("blocking", r.rule().rule().blocking());
            n.put("message", r.message());
        }
        String file = table.resultsDir() + "/" + FILE_TIME.format(now) + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".json";
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        table.hadoopConf().forEach(conf::set);
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(conf);
            try (OutputStream out = fs.create(path, false)) {
                json.writerWithDefaultPrettyPrinter().writeValue(out, doc);
            }
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot keep the quality results of port '"
                            + port.port().name() + "' at " + file + ": " + QualityRun.reason(e)
                            + "; check that the location is writable",
                    e);
        }
        return file;
    }

    private static String safe(String s) {
        return s == null ? "_" : s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}

package dev.meshsdk.internal.data;

import dev.meshsdk.ClassifyResult;
import dev.meshsdk.ClassifyResult.Finding;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.internal.engine.Plugins;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples output ports' tables through {@link PortData#sample} and reports the columns that the contract does
 * not classify as personal but whose values look like personal data ({@link Detector}). Reads only; never
 * keeps or shows a value.
 *
 * <p>Settings: {@value #SAMPLE_ROWS} (rows sampled per table, default {@value #DEFAULT_SAMPLE_ROWS}) and
 * {@value #MIN_SHARE} (the share of a column's non-empty sampled values that must match, default
 * {@value #DEFAULT_MIN_SHARE}).
 */
public final class Classifier {
    public static final String SAMPLE_ROWS = "mesh.classify.sampleRows";
    public static final String MIN_SHARE = "mesh.classify.minShare";
    static final int DEFAULT_SAMPLE_ROWS = 10_000;
    static final double DEFAULT_MIN_SHARE = 0.3;
    /** Fewer matches than this are never reported, unless the column has fewer non-empty values. */
    static final int MIN_MATCHES = 3;

    private final AdapterContext context;
    private final Plugins plugins;
    private final List<Detector> detectors;
    private final int sampleRows;
    private final double minShare;

    public Classifier(AdapterContext context, Plugins plugins) {
        this.context = context;
        this.plugins = plugins;
        this.detectors = Detector.all(context.clock());
        this.sampleRows = intSetting(context, SAMPLE_ROWS, DEFAULT_SAMPLE_ROWS);
        this.minShare = shareSetting(context);
    }

    /** The findings of every live port version of the products named (every product when none is named). */
    public ClassifyResult classify(MeshCatalog catalog, List<String> productIds) {
        List<CatalogEntry> entries = dev.meshsdk.internal.engine.DeployedProducts.select(
                catalog.products(), context.environment(), productIds, "classify");
        List<Finding> findings = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int ports = 0;
        for (CatalogEntry e : entries) {
            for (CatalogEntry.Port p : e.outputPorts()) {
                if (!p.live()) continue;
                Location where = Location.of(
                        Path.of(e.productId()).resolve(p.contractFile() != null ? p.contractFile() : "product.yaml"));
                try {
                    PortBinding binding = catalog.binding(e.productId(), p.name(), p.majorVersion());
                    PortData data = plugins.portDataFor(binding, context).orElse(null);
                    if (data == null) {
                        warnings.add(
                                Diagnostic.warning(
                                        "MESH-CLASSIFY",
                                        where,
                                        "Cannot sample port '" + p.name()
                                                + "' v" + p.majorVersion() + " of product '" + e.productId()
                                                + "': no data module"
                                                + " serves server type '" + p.serverType() + "'",
                                        "add the module that reads it"
                                                + " (mesh-spark for local and s3, mesh-storage-postgres, mesh-storage-redshift)"));
                        continue;
                    }
                    Judged judged = judgePort(binding, data);
                    if (judged.rows() == 0) {
                        // nothing to judge: not counted as classified, named so that no one takes it for clean
                        skipped.add(e.productId() + "/" + p.name()
                                + (p.majorVersion() >= 2 ? " v" + p.majorVersion() : ""));
                        continue;
                    }
                    findings.addAll(judged.findings());
                    ports++;
                } catch (MeshException x) {
                    warnings.add(Diagnostic.warning(
                            "MESH-CLASSIFY",
                            where,
                            "Cannot sample port '" + p.name() + "' v" + p.majorVersion() + " of product '"
                                    + e.productId() + "': " + x.getMessage(),
                            null));
                }
            }
        }
        return new ClassifyResult(context.environment(), ports, findings, warnings, skipped);
    }

    /** The findings of one port: every table sampled, every unclassified column judged. */
    public List<Finding> classifyPort(PortBinding binding, PortData data) {
        return judgePort(binding, data).findings();
    }

    /** The findings of one port's tables, and how many rows their samples held together. */
    private record Judged(List<Finding> findings, long rows) {}

    private Judged judgePort(PortBinding binding, PortData data) {
        List<Finding> out = new ArrayList<>();
        long rows = 0;
        for (SchemaObject object : binding.contract().schema()) {
            Sample sample = data.sample(binding, object.name(), sampleRows);
            rows += sample.rows().size();
            out.addAll(judge(
                    binding.product().id(), binding.port().name(), binding.contractMajorVersion(), object, sample));
        }
        return new Judged(out, rows);
    }

    /** How many rows a sample holds at most ({@value #SAMPLE_ROWS}). */
    int sampleRows() {
        return sampleRows;
    }

    /** The findings of one table's sample: per unclassified column, the detector matching most values, if enough. */
    List<Finding> judge(String productId, String port, int major, SchemaObject object, Sample sample) {
        List<Finding> out = new ArrayList<>();
        for (int col = 0; col < sample.columns().size(); col++) {
            String column = sample.columns().get(col);
            SchemaProperty property = property(object, column);
            if (property != null && PersonalData.classified(property)) continue;
            List<Detector> applicable =
                    detectors.stream().filter(d -> d.appliesTo(column)).toList();
            long[] matched = new long[applicable.size()];
            long values = 0;
            for (List<String> row : sample.rows()) {
                String v = row.get(col);
                if (v == null) continue;
                v = v.trim();
                if (v.isEmpty()) continue;
                values++;
                for (int d = 0; d < applicable.size(); d++)
                    if (applicable.get(d).matches(v)) matched[d]++;
            }
            int best = -1;
            for (int d = 0; d < applicable.size(); d++) if (best < 0 || matched[d] > matched[best]) best = d;
            if (best < 0 || values == 0) continue;
            double share = (double) matched[best] / values;
            if (share >= minShare && matched[best] >= Math.min(MIN_MATCHES, values)) {
                out.add(new Finding(
                        productId,
                        port,
                        major,
                        object.storeName(),
                        column,
                        applicable.get(best).name(),
                        Math.round(share * 10_000) / 10_000.0,
                        matched[best],
                        values));
            }
        }
        return out;
    }

    private static SchemaProperty property(SchemaObject object, String column) {
        for (SchemaProperty p : object.properties()) {
            if (column.equalsIgnoreCase(p.storeName()) || column.equalsIgnoreCase(p.name())) return p;
        }
        return null;
    }

    private static int intSetting(AdapterContext context, String key, int fallback) {
        String v = context.setting(key).orElse(null);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new MeshException(
                ErrorCode.INVALID_CONFIGURATION,
                "Cannot read " + key + " '" + v + "': write a whole number of rows above 0, such as 10000");
    }

    private static double shareSetting(AdapterContext context) {
        String v = context.setting(MIN_SHARE).orElse(null);
        if (v == null) return DEFAULT_MIN_SHARE;
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && d <= 1) return d;
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new MeshException(
                ErrorCode.INVALID_CONFIGURATION,
                "Cannot read " + MIN_SHARE + " '" + v + "': write a share above 0 and at most 1, such as 0.3");
    }
}

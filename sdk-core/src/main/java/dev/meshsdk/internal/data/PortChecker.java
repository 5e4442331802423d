package dev.meshsdk.internal.data;

import com.codahale.metrics.MetricRegistry;
import dev.meshsdk.CheckReport;
import dev.meshsdk.CheckRequest;
import dev.meshsdk.MeshException;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.TableFacts;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.QualityRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks deployed output ports: every quality rule of the contract through the quality engine that serves the
 * port (one per port, in the engine's few passes), the freshness against the contract's SLA, each table's
 * row count against the previous check's, and, when a policy engine is loaded, the policies on a sample of each
 * table ({@link DataPolicies}: personal data in columns the deployed contract does not classify). Each port's
 * results are recorded in the registry's quality history
 * (source {@code check}), reported as metrics ({@code mesh.check.*}) and announced as events. A port whose store
 * fails is reported with errors and the other ports are still checked.
 */
public final class PortChecker {
    /** How far back the registry's history is read for the previous check and the last publish. */
    private static final int HISTORY = 50;

    private final DataEnvironment env;

    public PortChecker(DataEnvironment env) {
        this.env = env;
    }

    public CheckReport check(CheckRequest request) {
        CheckSettings settings = CheckSettings.from(env.context());
        long start = System.nanoTime();
        List<CatalogEntry> entries = entries(request);
        Instant now = env.context().clock().instant();
        List<CheckReport.PortCheck> ports = new ArrayList<>();
        try (var ignored = env.context().metrics().timer("mesh.check").time()) {
            for (CatalogEntry entry : entries) {
                for (CatalogEntry.Port port : entry.outputPorts()) {
                    if (port.live()) ports.add(checkPort(entry, port, now, settings));
                }
            }
        }
        CheckReport report = new CheckReport(env.catalog().environment(), request.failOn(), now, ports);
        env.context()
                .metrics()
                .counter(report.passed() ? "mesh.check.passed" : "mesh.check.failed")
                .inc();
        env.listener().onEvent(new MeshEvent.CheckFinished(report, Duration.ofNanos(System.nanoTime() - start)));
        return report;
    }

    /** The products asked for, all of them known before anything is checked. */
    private List<CatalogEntry> entries(CheckRequest request) {
        return dev.meshsdk.internal.engine.DeployedProducts.select(
                env.catalog().products(), env.catalog().environment(), request.products(), "check");
    }

    private CheckReport.PortCheck checkPort(
            CatalogEntry entry, CatalogEntry.Port p, Instant now, CheckSettings settings) {
        long start = System.nanoTime();
        String productId = entry.productId();
        PortBinding port;
        try {
            port = env.catalog().binding(productId, p.name(), p.majorVersion());
        } catch (MeshException e) {
            return finish(
                    productId,
                    p.name(),
                    p.majorVersion(),
                    null,
                    null,
                    null,
                    List.of(new CheckReport.RuleCheck(
                            CheckReport.Kind.QUALITY,
                            "bind",
                            p.name(),
                            null,
                            null,
                            null,
                            null,
                            "error",
                            CheckReport.Verdict.ERROR,
                            e.getMessage())),
                    now,
                    start);
        }
        List<CheckReport.RuleCheck> results = new ArrayList<>();
        String engine = evaluate(port, results);
        Map<String, TableFacts> facts = facts(port, results);
        judge(port, facts, results);
        Long rows = facts.values().stream().allMatch(f -> f.rows() >= 0) && !facts.isEmpty()
                ? facts.values().stream().mapToLong(TableFacts::rows).sum()
                : null;
        List<QualityRecord> history =
                env
                        .registry()
                        .get()
                        .quality()
                        .latest(productId, p.name(), env.catalog().environment(), HISTORY)
                        .stream()
                        .filter(r -> r.majorVersion() == p.majorVersion())
                        .toList();
        Instant lastChange = lastChange(history, facts);
        freshness(port, lastChange, now, settings).ifPresent(results::add);
        Optional<QualityRecord> previous =
                history.stream().filter(r -> "check".equals(r.source())).findFirst();
        for (Map.Entry<String, TableFacts> f : facts.entrySet()) {
            if (f.getValue().rows() < 0) continue;
            results.add(RowCountChange.evaluate(
                    f.getKey(),
                    f.getValue().rows(),
                    previous.flatMap(r -> previousRows(r, f.getKey(), facts.size()))
                            .orElse(null),
                    settings.maxRowChange(),
                    settings.rowChangeSeverity()));
        }
        env.registry()
                .get()
                .quality()
                .record(new QualityRecord(
                        productId,
                        p.name(),
                        env.catalog().environment(),
                        p.majorVersion(),
                        now,
                        "check",
                        rows,
                        results.stream().map(QualityRecords::result).toList()));
        return finish(productId, p.name(), p.majorVersion(), engine, rows, lastChange, results, now, start);
    }

    /** Evaluates the contract's rules; returns the engine's name, or null when no engine could. */
    private String evaluate(PortBinding port, List<CheckReport.RuleCheck> out) {
        List<ScopedRule> rules = ScopedRules.of(port.contract());
        if (rules.isEmpty()) return null;
        Optional<QualityEngine> engine = env.modules().qualityEngine(port);
        if (engine.isEmpty()) {
            String why = "Cannot evaluate the rule: no loaded quality engine serves server type '"
                    + port.server().type() + "'; add "
                    + DataModules.moduleFor(port.server().type())
                    + " to the dependencies";
            rules.forEach(r -> out.add(error(r, why)));
            return null;
        }
        try {
            engine.get().evaluate(port, rules).forEach(r -> out.add(QualityRecords.check(r)));
        } catch (MeshException e) {
            rules.forEach(r -> out.add(error(r, e.getMessage())));
        }
        return env.modules().engineName(engine.get());
    }

    /** What the store says about each table; empty (unknown) facts when no data module serves the port. */
    private Map<String, TableFacts> facts(PortBinding port, List<CheckReport.RuleCheck> out) {
        Map<String, TableFacts> facts = new LinkedHashMap<>();
        Optional<PortData> data = env.modules().optionalPortData(port);
        for (SchemaObject o : port.contract().schema()) {
            if (data.isEmpty()) {
                facts.put(o.storeName(), TableFacts.unknown());
                continue;
            }
            try {
                facts.put(o.storeName(), data.get().facts(port, o.storeName()));
            } catch (MeshException e) {
                facts.put(o.storeName(), TableFacts.unknown());
                out.add(new CheckReport.RuleCheck(
                        CheckReport.Kind.ROW_COUNT_CHANGE,
                        RowCountChange.RULE,
                        o.storeName(),
                        RowCountChange.METRIC,
                        null,
                        null,
                        "rows",
                        "error",
                        CheckReport.Verdict.ERROR,
                        e.getMessage()));
            }
        }
        return facts;
    }

    /**
     * The policies' denials of the port's data (a sample of each table, its detected personal data), one failed
     * result each; nothing when no policy engine is loaded, no data module serves the port, or the store says that
     * every table is empty (a sample of nothing finds nothing, and costs a query or a Spark job).
     */
    private void judge(PortBinding port, Map<String, TableFacts> facts, List<CheckReport.RuleCheck> out) {
        if (env.policies() == null) return;
        if (!facts.isEmpty() && facts.values().stream().allMatch(f -> f.rows() == 0)) return;
        Optional<PortData> data = env.modules().optionalPortData(port);
        if (data.isEmpty()) return;
        try {
            for (PolicyFinding f : env.policies().judgePort(port, data.get())) {
                out.add(policy(
                        port,
                        f.rule(),
                        CheckReport.Verdict.FAILED,
                        env.policies().describe(port, f)));
            }
        } catch (MeshException e) {
            out.add(policy(
                    port,
                    "policies",
                    CheckReport.Verdict.ERROR,
                    "Cannot let the policies judge the data of " + DataFiles.describe(port) + ": " + e.getMessage()));
        }
    }

    private static CheckReport.RuleCheck policy(
            PortBinding port, String rule, CheckReport.Verdict verdict, String message) {
        return new CheckReport.RuleCheck(
                CheckReport.Kind.POLICY, rule, port.port().name(), null, null, null, null, "error", verdict, message);
    }

    /**
     * The newest of the last publish the registry recorded and the stores' last change. A table that holds no rows
     * changed only by being created (or altered): its last change is not a publish of data, so a new major version
     * nobody published to has no last change, and its freshness says so.
     */
    private static Instant lastChange(List<QualityRecord> history, Map<String, TableFacts> facts) {
        Instant last = history.stream()
                .filter(r -> "publish".equals(r.source()))
                .map(QualityRecord::checkedAt)
                .findFirst()
                .orElse(null);
        for (TableFacts f : facts.values()) {
            if (f.rows() == 0) continue;
            if (f.lastModified() != null && (last == null || f.lastModified().isAfter(last))) last = f.lastModified();
        }
        return last;
    }

    private static Optional<CheckReport.RuleCheck> freshness(
            PortBinding port, Instant lastChange, Instant now, CheckSettings settings) {
        Optional<Freshness.Allowed> allowed;
        try {
            allowed = Freshness.allowed(port.contract());
        } catch (IllegalArgumentException e) {
            return Optional.of(new CheckReport.RuleCheck(
                    CheckReport.Kind.FRESHNESS,
                    Freshness.RULE,
                    port.port().name(),
                    Freshness.RULE,
                    null,
                    null,
                    "hours",
                    settings.freshnessSeverity(),
                    CheckReport.Verdict.ERROR,
                    "Cannot check the freshness of port '" + port.port().name() + "': " + e.getMessage()
                            + " in contract " + port.contract().id()));
        }
        return allowed.map(
                a -> Freshness.evaluate(port.port().name(), a, lastChange, now, settings.freshnessSeverity()));
    }

    /** A table's row count in a previous check's record: its row-count result, else the port's for one table. */
    private static Optional<RowCountChange.Previous> previousRows(QualityRecord r, String object, int tables) {
        for (QualityRecord.Result x : r.results()) {
            if (RowCountChange.RULE.equals(x.rule()) && object.equals(x.scope()) && x.measured() != null) {
                return Optional.of(new RowCountChange.Previous(x.measured().longValue(), r.checkedAt()));
            }
        }
        if (tables == 1 && r.rows() != null) return Optional.of(new RowCountChange.Previous(r.rows(), r.checkedAt()));
        return Optional.empty();
    }

    private CheckReport.PortCheck finish(
            String productId,
            String port,
            int major,
            String engine,
            Long rows,
            Instant lastChange,
            List<CheckReport.RuleCheck> results,
            Instant now,
            long start) {
        CheckReport.PortCheck check =
                new CheckReport.PortCheck(productId, port, major, engine, rows, lastChange, results);
        metrics(check, now);
        env.listener().onEvent(new MeshEvent.PortChecked(check, Duration.ofNanos(System.nanoTime() - start)));
        return check;
    }

    private void metrics(CheckReport.PortCheck check, Instant now) {
        MetricRegistry metrics = env.context().metrics();
        String base = MetricRegistry.name(
                "mesh.check",
                QualityRecords.metricPart(check.productId()),
                QualityRecords.metricPart(check.port())
                        + (check.majorVersion() >= 2 ? ".v" + check.majorVersion() : ""));
        for (CheckReport.RuleCheck r : check.rules()) {
            metrics.counter("mesh.check.results." + r.verdict().name().toLowerCase(Locale.ROOT))
                    .inc();
            if (r.measured() == null) continue;
            FilePublisher.gauge(
                            metrics,
                            MetricRegistry.name(
                                    base, QualityRecords.metricPart(r.scope()), QualityRecords.metricPart(r.rule())))
                    .setValue(r.measured());
        }
        if (check.rows() != null) FilePublisher.gauge(metrics, base + ".rows").setValue(check.rows());
        if (check.lastChange() != null) {
            FilePublisher.gauge(metrics, base + ".ageSeconds")
                    .setValue(Duration.between(check.lastChange(), now).getSeconds());
        }
    }

    private static CheckReport.RuleCheck error(ScopedRule r, String why) {
        return QualityRecords.check(new QualityResult(
                r, QualityResult.Status.ERROR, null, r.rule().threshold().orElse(null), why));
    }
}

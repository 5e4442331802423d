package dev.meshsdk.internal.data;

import com.codahale.metrics.DefaultSettableGauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SettableGauge;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.ProductSource;
import dev.meshsdk.PublishReport;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.internal.engine.Deployer;
import dev.meshsdk.internal.engine.PortChecks;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.PublishResult;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.QualityRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Publishes one file into one table of a deployed output port: binds the port from the catalog, finds the
 * data module that serves it, lets it write-audit-publish (the contract's blocking rules and, when a policy engine
 * is loaded, the policies on a sample of the candidate rows: {@link DataPolicies}), then records the committed
 * publish in the registry's quality history (source {@code publish}), reports metrics ({@code mesh.publish.*})
 * and emits events. A publish that fails is not recorded (nothing changed) but counted and announced.
 */
public final class FilePublisher {
    private final DataEnvironment env;

    public FilePublisher(DataEnvironment env) {
        this.env = env;
    }

    /**
     * The lock an append holds while it runs: its rules judge the table with the new rows, which is only true while
     * no other append (or deploy) of the product commits between the read and the commit; so an append takes the
     * product's deploy lock and a second one fails at once naming the first. Null for a replace, whose rules judge
     * its own rows only.
     */
    private DeployLock appendLock(PortBinding port, Path file, PublishRequest.Mode mode) {
        if (mode != PublishRequest.Mode.APPEND) return null;
        String productId = port.product().id();
        try {
            return env.registry()
                    .get()
                    .locks()
                    .lock(productId, port.environment(), Deployer.lockHolder(env.user()) + ", appending");
        } catch (MeshException e) {
            if (e.code() != ErrorCode.LOCK_HELD) throw e;
            throw new MeshException(
                    ErrorCode.LOCK_HELD,
                    "Cannot append " + file + " to " + DataFiles.describe(port) + ": a deploy or another append of"
                            + " product '" + productId + "' is running (" + e.getMessage() + "); nothing was"
                            + " published, append again when it has finished");
        }
    }

    /**
     * @param object the schema object, or null for the port's only one
     * @param format the file's format, or null to tell it from the file's name
     */
    public PublishReport publish(
            String productId,
            String portName,
            String object,
            Path given,
            PublishRequest.FileFormat format,
            PublishRequest.Mode mode) {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(portName, "port");
        Objects.requireNonNull(given, "file");
        Objects.requireNonNull(mode, "mode");
        // relative to the Mesh's base directory (the project), not to the JVM's working directory
        Path file =
                env.context().baseDirectory().resolve(given).toAbsolutePath().normalize();
        PortBinding port = env.catalog().binding(productId, portName);
        String table = object(port, object);
        if (!Files.isRegularFile(file)) {
            throw new MeshException(
                    ErrorCode.INVALID_INPUT,
                    "Cannot publish " + file + " to "
                            + DataFiles.describe(port) + ": there is no such file; check the path"
                            + (given.isAbsolute()
                                    ? ""
                                    : " (a relative path is relative to the base directory, "
                                            + env.context()
                                                    .baseDirectory()
                                                    .toAbsolutePath()
                                                    .normalize() + ")"));
        }
        PublishRequest.FileFormat fileFormat = format != null
                ? format
                : PublishRequest.FileFormat.of(file)
                        .orElseThrow(() -> new MeshException(
                                ErrorCode.INVALID_INPUT,
                                "Cannot publish " + file + ": its name"
                                        + " does not say its format; name it .csv (with a header line), .jsonl (or .ndjson, .json:"
                                        + " one JSON object per line) or .parquet, or give the format"));
        PortData data = env.modules().portData(port, "publish to");
        List<ScopedRule> rules = ScopedRules.of(port.contract()).stream()
                .filter(r -> r.object().equals(table))
                .toList();
        PublishRequest request = new PublishRequest(
                file,
                fileFormat,
                mode,
                table,
                rules,
                env.policies() == null ? null : env.policies().audit(port, table, file));
        MetricRegistry metrics = env.context().metrics();
        env.listener().onEvent(new MeshEvent.PublishStarted(productId, portName, table, file, mode));
        long start = System.nanoTime();
        PublishResult result;
        try (var ignored = metrics.timer("mesh.publish").time();
                DeployLock held = appendLock(port, file, mode)) {
            // a header the contract cannot take is refused here, before the store is asked (a Spark session to
            // start, a database to load into), at the header cell, as the stores refuse it
            if (fileFormat == PublishRequest.FileFormat.CSV) DataFiles.matchCsvColumns(port, table, file);
            result = data.publish(port, request);
        } catch (PublishBlockedException e) {
            metrics.counter("mesh.publish.blocked").inc();
            env.listener()
                    .onEvent(new MeshEvent.PublishFailed(productId, portName, table, file, e.code(), since(start)));
            throw blocked(port, file, mode, e);
        } catch (RuntimeException e) {
            ErrorCode code = e instanceof MeshException m ? m.code() : ErrorCode.INTERNAL;
            metrics.counter(code == ErrorCode.POLICY_DENIED ? "mesh.publish.denied" : "mesh.publish.failed")
                    .inc();
            env.listener().onEvent(new MeshEvent.PublishFailed(productId, portName, table, file, code, since(start)));
            throw e instanceof MeshException m ? located(port, m) : e;
        }
        record(port, result);
        metrics.counter("mesh.publish.succeeded").inc();
        metrics.counter("mesh.publish.rows").inc(result.rows());
        gauge(
                        metrics,
                        MetricRegistry.name(
                                "mesh.publish",
                                QualityRecords.metricPart(productId),
                                QualityRecords.metricPart(portName),
                                QualityRecords.metricPart(table),
                                "rows"))
                .setValue(result.rows());
        PublishReport report = new PublishReport(
                productId,
                portName,
                port.contractMajorVersion(),
                table,
                file,
                fileFormat,
                mode,
                result.table(),
                result.rows(),
                result.total(),
                result.version(),
                result.committedAt(),
                result.results(),
                since(start));
        env.listener().onEvent(new MeshEvent.PublishFinished(report));
        return report;
    }

    /**
     * A store's refusal of something in the port's contract (a key the store cannot merge on, say), located in the
     * contract as deployed, the way planning locates it; any other failure as it is.
     */
    private MeshException located(PortBinding port, MeshException e) {
        if (!PortChecks.inContract(e)) return e;
        ProductSource source;
        try {
            source = env.catalog().deployed(port.product().id());
        } catch (MeshException unreadable) {
            e.addSuppressed(unreadable);
            return e;
        }
        return PortChecks.locatedInContract(source, port, e);
    }

    /** The schema object to publish into: the one named, else the port's only one. */
    private static String object(PortBinding port, String object) {
        List<SchemaObject> schema = port.contract().schema();
        if (object != null) return DataFiles.schemaObject(port, object).storeName();
        if (schema.size() == 1) return schema.get(0).storeName();
        throw new MeshException(
                ErrorCode.INVALID_INPUT,
                "Cannot publish to " + DataFiles.describe(port) + ": its"
                        + " contract " + port.contract().id() + " has " + schema.size() + " schema objects "
                        + schema.stream().map(o -> "'" + o.storeName() + "'").toList()
                        + "; say which one the file is for");
    }

    /**
     * The module's refusal, worded alike for every store: the file, what the rules judged (an append: the port's rows
     * with the file's), each blocking rule and its value.
     */
    private static PublishBlockedException blocked(
            PortBinding port, Path file, PublishRequest.Mode mode, PublishBlockedException e) {
        List<QualityResult> blocking =
                e.results().stream().filter(QualityResult::blocks).toList();
        String rules = blocking.isEmpty()
                ? e.getMessage()
                : blocking.stream().map(QualityResult::message).collect(Collectors.joining("; "));
        // the first offending row's place leads, so that IDEs and CI link it; then a line per offending row
        List<DataFiles.BadValue> offending = e.offending();
        return new PublishBlockedException(
                (offending.isEmpty() ? "" : offending.get(0).location() + ": ")
                        + "Cannot publish " + file + " to " + DataFiles.describe(port) + ": "
                        + blocking.size() + " blocking quality rule(s) failed on "
                        + (mode == PublishRequest.Mode.APPEND ? "the port's rows with its rows appended" : "its rows")
                        + ": " + rules + "; nothing was"
                        + " published, the port is as it was; fix the data and publish again"
                        + (offending.isEmpty() ? "" : DataFiles.listing(offending, e.offendingTotal())),
                e.results(),
                offending,
                e.offendingTotal());
    }

    /**
     * Records the committed publish. The rows are in the store by now: a registry that fails here must not
     * make the caller publish again (an append would double the rows), so it is a warning, not an error.
     */
    private void record(PortBinding port, PublishResult result) {
        QualityRecord record = new QualityRecord(
                port.product().id(),
                port.port().name(),
                port.environment(),
                port.contractMajorVersion(),
                result.committedAt(),
                "publish",
                result.rows(),
                result.results().stream().map(QualityRecords::result).toList());
        try {
            env.registry().get().quality().record(record);
        } catch (RuntimeException e) {
            env.context().metrics().counter("mesh.publish.unrecorded").inc();
            env.listener()
                    .onEvent(new MeshEvent.Warning(Diagnostic.warning(
                            "MESH-PUBLISH",
                            Location.of(Path.of(port.contract().id())),
                            "Cannot record the publish to " + DataFiles.describe(port)
                                    + " in the registry: " + e.getMessage() + "; the rows were published ("
                                    + result.table()
                                    + (result.version() == null ? "" : " version " + result.version())
                                    + "), only the catalog's"
                                    + " quality history misses this publish",
                            "do not publish the same file again")));
        }
    }

    /** A gauge holding the last value set; the same one for the same name. */
    @SuppressWarnings("unchecked")
    static SettableGauge<Number> gauge(MetricRegistry metrics, String name) {
        return (SettableGauge<Number>) metrics.gauge(name, () -> new DefaultSettableGauge<Number>());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

package dev.meshsdk.storage.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import io.delta.kernel.Snapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Erases one data subject from a port's local Delta tables. Delta Kernel cannot delete rows, so the rows go
 * through a {@link DeltaEraser} found with {@link ServiceLoader} (the {@code mesh-spark} module provides one):
 * one Delta commit per table with a subject-key column (custom property {@code subjectKey}, of the request's
 * type when it names one). Then one audit line is appended to {@code <port folder>/_mesh_erasures.jsonl}:
 * request id, requester, product, port, environment, tables, rows deleted and time, never the subject's value.
 *
 * <p>Each table is purged so the rows leave the disk when the request asks for it ({@link ErasureRequest#purge()})
 * or when {@code mesh.local.erasure.purgeRetention} is set (an ISO-8601 duration such as {@code P7D} or
 * {@code PT0S}): the eraser's {@link DeltaEraser#deleteAndPurge} rewrites the files the rows were in (mesh-spark:
 * in the delete's own commit), then VACUUM removes files
 * removed longer ago than the setting, else than the table's {@code delta.deletedFileRetentionDuration}
 * (Delta's default: one week). Each table's receipt says when time travel can no longer bring the rows back.
 *
 * <p>{@code Mesh.forget} erases up to {@code mesh.local.erasure.concurrency} ports at once (default: one per core):
 * an erasure of a few rows spends part of its time waiting on Spark's driver, so two at once beat one at a time on
 * two cores, but four or eight at once only contend for them (ForgetBenchmark).
 */
final class LocalErasure {
    static final String AUDIT_FILE = "_mesh_erasures.jsonl";
    static final String PURGE_RETENTION = "mesh.local.erasure.purgeRetention";
    static final String CONCURRENCY = "mesh.local.erasure.concurrency";

    private LocalErasure() {}

    /** A table with a subject-key column the request erases by. */
    private record Target(String table, String column, SchemaProperty property) {}

    static ErasureResult erase(
            AdapterContext context,
            DeltaTableStore delta,
            ObjectMapper json,
            PortBinding port,
            ErasureRequest request,
            Optional<DeltaEraser> found) {
        List<Target> targets = targets(port, request);
        Optional<Duration> configured = purgeRetention(context);
        DeltaEraser eraser = found.orElseThrow(() -> new MeshException(
                ErrorCode.UNSUPPORTED,
                "Cannot erase a"
                        + " data subject from port '" + port.port().name()
                        + "': the 'local' storage adapter does not support"
                        + " erasure without a DeltaEraser (Delta Kernel cannot delete rows) and none is on the class path; add"
                        + " the Spark module dev.meshsdk:mesh-spark, which provides one"));
        Path root = TableSpecs.root(port, context.baseDirectory());
        List<TableErasure> tables = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Target t : targets) {
            Path dir = TableSpecs.dir(root, t.table());
            String uri = DeltaTableStore.uri(dir).replaceAll("/$", "");
            Optional<Snapshot> before = delta.snapshot(dir);
            if (before.isEmpty()) {
                // A deployed port has its tables; none here means this path is not where the data lives (a forget
                // run from another project than the owner's resolves a relative path elsewhere), or the table was
                // removed by hand. Saying "nothing to erase" would be a false receipt.
                String already = done.isEmpty() ? "" : " (already erased from " + String.join(", ", done) + ")";
                throw new MeshException(
                        ErrorCode.STORAGE_FAILURE,
                        "Cannot erase request " + request.requestId()
                                + " from local table '" + t.table() + "' of port '"
                                + port.port().name() + "'" + already
                                + ": there is no Delta table at " + uri
                                + "; run mesh:forget in the project that deploys the"
                                + " port (the local store's path is relative to it) or give the server an absolute path");
            }
            if (!request.fits(t.property())) {
                tables.add(new TableErasure(
                        uri,
                        t.column(),
                        0,
                        String.valueOf(before.get().getVersion()),
                        true,
                        null,
                        "the subject's value is not a valid " + t.property().logicalType()
                                + ": no row can be the subject's"));
                continue;
            }
            try {
                Optional<Duration> retention = configured.isPresent()
                        ? configured
                        : request.purge()
                                ? Optional.of(DeltaEraser.deletedFileRetention(
                                        before.get().getTableProperties()))
                                : Optional.empty();
                long rows;
                Instant purgedAt = null;
                if (retention.isPresent()) {
                    rows = eraser.deleteAndPurge(uri, Map.of(), t.column(), request.subjectValue(), retention.get());
                    purgedAt = context.clock().instant();
                } else {
                    rows = eraser.delete(uri, Map.of(), t.column(), request.subjectValue());
                }
                long version = delta.snapshot(dir)
                        .map(Snapshot::getVersion)
                        .orElse(before.get().getVersion());
                tables.add(receipt(uri, t.column(), rows, version, retention.orElse(null), purgedAt));
            } catch (RuntimeException e) {
                String already = done.isEmpty()
                        ? ""
                        : " (already erased from " + String.join(", ", done) + "; running the request again is safe)";
                String reason = e instanceof MeshException
                        ? e.getMessage()
                        : e.getClass().getSimpleName();
                throw new MeshException(
                        e instanceof MeshException m ? m.code() : ErrorCode.STORAGE_FAILURE,
                        "Cannot erase request " + request.requestId() + " from local table '" + t.table()
                                + "' of port '" + port.port().name() + "'" + already + ": " + reason,
                        e instanceof MeshException ? e : null);
            }
            done.add(t.table());
        }
        ErasureResult result = ErasureResult.of(tables);
        audit(context, json, root, port, request, done, result.rowsDeleted());
        return new ErasureResult(String.join(",", done), result.rowsDeleted(), result.tables());
    }

    /**
     * A Delta table's receipt. Purged with retention zero, the files that held the rows are gone now; with a
     * longer retention they stay, readable by time travel, until a VACUUM after {@code purgedAt + retention}.
     * Unpurged, the rows are only marked deleted and stay in the current files.
     */
    static TableErasure receipt(
            String table, String column, long rows, long version, Duration retention, Instant purgedAt) {
        if (retention == null) {
            return new TableErasure(
                    table,
                    column,
                    rows,
                    String.valueOf(version),
                    false,
                    null,
                    "not purged: the rows"
                            + " are marked deleted (deletion vectors) but stay in the data files, and time travel reads them;"
                            + " purge with forget, or set " + PURGE_RETENTION);
        }
        boolean gone = retention.isZero();
        Instant from = purgedAt.plus(retention);
        return new TableErasure(
                table,
                column,
                rows,
                String.valueOf(version),
                gone,
                from,
                gone
                        ? "purged: the files that held the rows are rewritten and vacuumed"
                        : "purged: the files that held the rows are rewritten; the old files stay for time travel until a"
                                + " VACUUM after " + from + " (retention " + retention + ") removes them");
    }

    /** The tables and subject-key columns the request erases by; fails when the contract marks none. */
    private static List<Target> targets(PortBinding port, ErasureRequest request) {
        List<Target> out = new ArrayList<>();
        for (SchemaObject object : port.contract().schema()) {
            String target = TableSpecs.target(object, port.contractMajorVersion());
            for (SchemaProperty p : object.properties()) {
                if (request.erasesBy(p)) out.add(new Target(target, p.storeName(), p));
            }
        }
        if (out.isEmpty()) {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot erase a data subject from port '"
                            + port.port().name() + "': contract "
                            + port.contract().id() + " marks no property with"
                            + " customProperties subjectKey: "
                            + (request.subjectType() == null ? "true" : request.subjectType())
                            + "; mark the column that identifies a person");
        }
        return out;
    }

    private static Optional<Duration> purgeRetention(AdapterContext context) {
        Optional<String> v = context.setting(PURGE_RETENTION);
        if (v.isEmpty()) return Optional.empty();
        try {
            Duration d = Duration.parse(v.get().trim());
            if (d.isNegative()) throw new DateTimeParseException("negative", v.get(), 0);
            return Optional.of(d);
        } catch (DateTimeParseException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot read " + PURGE_RETENTION + " '" + v.get()
                            + "': write an ISO-8601 duration of zero or more, such as P7D or PT0S");
        }
    }

    /** How many ports {@code Mesh.forget} may erase at once: {@value #CONCURRENCY}, default 4. */
    static int concurrency(AdapterContext context) {
        String v = context.setting(CONCURRENCY)
                .orElse(String.valueOf(Runtime.getRuntime().availableProcessors()))
                .trim();
        try {
            int n = Integer.parseInt(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot read " + CONCURRENCY + " '" + v
                            + "': write a whole number of 1 or more (1 erases one port at a time)");
        }
    }

    /** The Delta eraser on the class path (the thread's context class loader first), if any. */
    static Optional<DeltaEraser> eraser() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Optional<DeltaEraser> found = tccl == null
                ? Optional.empty()
                : ServiceLoader.load(DeltaEraser.class, tccl).findFirst();
        return found.isPresent()
                ? found
                : ServiceLoader.load(DeltaEraser.class, LocalErasure.class.getClassLoader())
                        .findFirst();
    }

    private static void audit(
            AdapterContext context,
            ObjectMapper json,
            Path root,
            PortBinding port,
            ErasureRequest request,
            List<String> tables,
            long rows) {
        ObjectNode n = json.createObjectNode();
        n.put("requestId", request.requestId());
        n.put("requestedBy", request.requestedBy());
        n.put("product", port.product().id());
        n.put("port", port.port().name());
        n.put("environment", port.environment());
        n.put("tables", String.join(",", tables));
        n.put("rowsDeleted", rows);
        n.put("erasedAt", context.clock().instant().toString());
        Path file = root.resolve(AUDIT_FILE);
        try {
            Files.createDirectories(root);
            byte[] line = (json.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(line));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot record the audit entry of erasure request "
                            + request.requestId() + " in " + file + ": " + e.getMessage() + "; the rows are erased ("
                            + rows + "), record the request by hand",
                    e);
        }
    }
}

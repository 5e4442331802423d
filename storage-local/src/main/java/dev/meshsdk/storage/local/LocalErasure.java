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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Erases one data subject from a port's local Delta tables. Delta Kernel cannot delete rows, so the rows go
 * through a {@link DeltaEraser} found with {@link ServiceLoader} (the {@code mesh-spark} module provides one):
 * one Delta commit per table with a subject-key column (custom property {@code subjectKey: true}). Then one
 * audit line is appended to {@code <port folder>/_mesh_erasures.jsonl}: request id, requester, product, port,
 * environment, tables, rows deleted and time, never the subject's value. When
 * {@code mesh.local.erasure.purgeRetention} is set (an ISO-8601 duration such as {@code P7D} or {@code PT0S}),
 * each table is also purged so the rows leave the disk.
 */
final class LocalErasure {
    static final String AUDIT_FILE = "_mesh_erasures.jsonl";
    static final String PURGE_RETENTION = "mesh.local.erasure.purgeRetention";

    private LocalErasure() {}

    static ErasureResult erase(AdapterContext context, DeltaTableStore delta, ObjectMapper json, PortBinding port,
                               ErasureRequest request) {
        List<String[]> targets = targets(port);
        Optional<Duration> purge = purgeRetention(context);
        DeltaEraser eraser = eraser().orElseThrow(() -> new MeshException(ErrorCode.UNSUPPORTED, "Cannot erase a"
                + " data subject from port '" + port.port().name() + "': the 'local' storage adapter uses Delta Kernel,"
                + " which cannot delete rows, and no DeltaEraser is on the class path; add the Spark module"
                + " dev.meshsdk:mesh-spark, which provides one"));
        Path root = TableSpecs.root(port, context.baseDirectory());
        long total = 0;
        List<String> done = new ArrayList<>();
        for (String[] t : targets) {
            Path dir = TableSpecs.dir(root, t[0]);
            if (delta.snapshot(dir).isEmpty()) continue; // not deployed yet: nothing of the subject is there
            try {
                total += eraser.delete(dir.toUri().toString(), Map.of(), t[1], request.subjectValue());
                if (purge.isPresent()) eraser.purge(dir.toUri().toString(), Map.of(), purge.get());
            } catch (RuntimeException e) {
                String already = done.isEmpty() ? "" : " (already erased from " + String.join(", ", done)
                        + "; running the request again is safe)";
                String reason = e instanceof MeshException ? e.getMessage() : e.getClass().getSimpleName();
                throw new MeshException(e instanceof MeshException m ? m.code() : ErrorCode.STORAGE_FAILURE,
                        "Cannot erase request " + request.requestId() + " from local table '" + t[0] + "' of port '"
                                + port.port().name() + "'" + already + ": " + reason, e instanceof MeshException ? e : null);
            }
            done.add(t[0]);
        }
        audit(context, json, root, port, request, done, total);
        return new ErasureResult(String.join(",", done), total);
    }

    /** The tables and subject-key columns as {@code {target, column}}; fails when the contract marks none. */
    private static List<String[]> targets(PortBinding port) {
        List<String[]> out = new ArrayList<>();
        for (SchemaObject object : port.contract().schema()) {
            String target = TableSpecs.target(object, port.contractMajorVersion());
            for (SchemaProperty p : object.properties()) {
                if (p.subjectKey()) out.add(new String[] {target, p.storeName()});
            }
        }
        if (out.isEmpty()) {
            throw new MeshException(ErrorCode.UNSUPPORTED, "Cannot erase a data subject from port '"
                    + port.port().name() + "': contract " + port.contract().id() + " marks no property with"
                    + " customProperties subjectKey: true; mark the column that identifies a person");
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
            throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot read " + PURGE_RETENTION + " '" + v.get()
                    + "': write an ISO-8601 duration of zero or more, such as P7D or PT0S");
        }
    }

    private static Optional<DeltaEraser> eraser() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Optional<DeltaEraser> found = tccl == null ? Optional.empty()
                : ServiceLoader.load(DeltaEraser.class, tccl).findFirst();
        return found.isPresent() ? found
                : ServiceLoader.load(DeltaEraser.class, LocalErasure.class.getClassLoader()).findFirst();
    }

    private static void audit(AdapterContext context, ObjectMapper json, Path root, PortBinding port,
                              ErasureRequest request, List<String> tables, long rows) {
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
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(line));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot record the audit entry of erasure request "
                    + request.requestId() + " in " + file + ": " + e.getMessage() + "; the rows are erased ("
                    + rows + "), record the request by hand", e);
        }
    }
}

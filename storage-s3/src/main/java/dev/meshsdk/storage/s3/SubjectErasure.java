package dev.meshsdk.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.DeltaEraser;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.ErasureResult.TableErasure;
import io.delta.kernel.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Erases one data subject from a port, by the property marked {@code subjectKey: true}.
 *
 * <ul>
 *   <li>Delta tables: the rows go in one Delta commit through a {@link DeltaEraser} found with
 *       {@link java.util.ServiceLoader} (the {@code mesh-spark} module, which deletes with deletion vectors);
 *       without one, erasure is unsupported and the message says to add {@code mesh-spark}.</li>
 *   <li>Parquet prefixes: the subject key must be a partition column; every object under
 *       {@code <table>/<column>=<value>/} is deleted, all versions of it where the bucket keeps versions.</li>
 * </ul>
 *
 * An audit record without the subject's value (request id, who asked, when, product, port, tables, count)
 * is written to {@code <location>/_mesh/erasures/}. The value never appears in a log or a message.
 */
final class SubjectErasure {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubjectErasure() {}

    static ErasureResult erase(
            PortBinding port,
            ErasureRequest request,
            S3Connection conn,
            DeltaLog log,
            Supplier<Optional<DeltaEraser>> erasers,
            Runnable onWrite,
            Clock clock) {
        List<TableSpec> specs = TableSpecs.of(port);
        Map<String, SchemaProperty> subjectColumns = new LinkedHashMap<>();
        int major = port.contractMajorVersion();
        for (SchemaObject object : port.contract().schema()) {
            for (SchemaProperty p : object.properties()) {
                if (request.erasesBy(p)) subjectColumns.put(TableSpecs.target(object, major), p);
            }
        }
        if (subjectColumns.isEmpty()) {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot erase a data subject from port '"
                            + port.port().name() + "': contract "
                            + port.contract().id() + " marks no property with"
                            + " customProperties subjectKey: "
                            + (request.subjectType() == null ? "true" : request.subjectType())
                            + "; mark the column that identifies a person");
        }
        boolean delta = TableSpecs.format(port).equals("delta");
        DeltaEraser eraser = null;
        if (delta) {
            eraser = erasers.get()
                    .orElseThrow(() -> new MeshException(
                            ErrorCode.UNSUPPORTED,
                            "Cannot erase a data subject from port '"
                                    + port.port().name() + "': the 's3' storage adapter does"
                                    + " not support erasure without a DeltaEraser (deleting rows from a Delta table needs"
                                    + " Spark) and none is on the classpath; add the mesh-spark"
                                    + " module (dev.meshsdk:mesh-spark) as a dependency of the mesh-maven-plugin"));
        }
        List<TableErasure> tables = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (TableSpec spec : specs) {
            SchemaProperty property = subjectColumns.get(spec.target());
            if (property == null) continue;
            String column = property.storeName();
            String where = spec.location().toString();
            if (delta) {
                Optional<Snapshot> before = log.snapshot(spec.location());
                if (before.isEmpty()) {
                    tables.add(new TableErasure(where, column, 0, null, true, null, "the table does not exist"));
                    continue;
                }
                if (!request.fits(property)) {
                    tables.add(new TableErasure(
                            where,
                            column,
                            0,
                            String.valueOf(before.get().getVersion()),
                            true,
                            null,
                            "the subject's value is not a valid " + property.logicalType()
                                    + ": no row can be the subject's"));
                    continue;
                }
                Map<String, String> conf = new LinkedHashMap<>(conn.hadoopConf());
                conf.put("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
                long rows;
                Duration retention = null;
                Instant purgedAt = null;
                if (request.purge()) {
                    retention = DeltaEraser.deletedFileRetention(before.get().getTableProperties());
                    rows = eraser.deleteAndPurge(
                            DeltaLog.uri(spec.location()), conf, column, request.subjectValue(), retention);
                    purgedAt = clock.instant();
                } else {
                    rows = eraser.delete(DeltaLog.uri(spec.location()), conf, column, request.subjectValue());
                }
                long version = log.snapshot(spec.location())
                        .map(Snapshot::getVersion)
                        .orElse(before.get().getVersion());
                tables.add(deltaReceipt(where, column, rows, version, retention, purgedAt));
            } else {
                if (!spec.partitionBy().contains(column)) {
                    throw new MeshException(
                            ErrorCode.UNSUPPORTED,
                            "Cannot erase a data subject from Parquet table "
                                    + spec.location() + ": its subject key '" + column
                                    + "' is not a partition column, and"
                                    + " rows inside Parquet files cannot be deleted without rewriting them; partition by the"
                                    + " subject key or use format delta");
                }
                onWrite.run();
                long objects = deletePrefix(
                        conn.client(),
                        spec.location().bucket(),
                        spec.location().prefix() + "/" + column + "=" + escape(request.subjectValue()) + "/");
                // every version of every object under the subject's partition is deleted: nothing to travel back to
                tables.add(new TableErasure(
                        where,
                        column,
                        objects,
                        null,
                        true,
                        clock.instant(),
                        "Parquet: " + objects
                                + " object(s) of the subject's partition deleted, all their versions included (the count is"
                                + " of objects, not rows)"));
            }
            targets.add(where);
        }
        long total = tables.stream().mapToLong(TableErasure::rowsDeleted).sum();
        audit(conn.client(), port, request, targets, total, delta ? "rows" : "objects", onWrite, clock);
        return new ErasureResult(String.join(",", targets), total, tables);
    }

    /** A Delta table's receipt; see {@code LocalErasure.receipt} in {@code storage-local}, which it mirrors. */
    private static TableErasure deltaReceipt(
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
                            + " are marked deleted (deletion vectors) but stay in the data files, and time travel reads them");
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
                                + " VACUUM after " + from
                                + " (the table's delta.deletedFileRetentionDuration) removes them");
    }

    /** Deletes every object (every version and delete marker, where the bucket keeps them) under {@code prefix}. */
    static long deletePrefix(S3Client s3, String bucket, String prefix) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        try {
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix)).forEach(page -> {
                page.versions()
                        .forEach(v -> ids.add(ObjectIdentifier.builder()
                                .key(v.key())
                                .versionId(v.versionId())
                                .build()));
                page.deleteMarkers()
                        .forEach(m -> ids.add(ObjectIdentifier.builder()
                                .key(m.key())
                                .versionId(m.versionId())
                                .build()));
            });
        } catch (S3Exception e) {
            if (e.statusCode() != 501 && e.statusCode() != 400) throw e;
            // The store keeps no versions (S3Proxy): plain keys.
            ids.clear();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .forEach(
                            o -> ids.add(ObjectIdentifier.builder().key(o.key()).build()));
        }
        for (int i = 0; i < ids.size(); i += 1000) {
            List<ObjectIdentifier> batch = ids.subList(i, Math.min(ids.size(), i + 1000));
            var response = s3.deleteObjects(
                    b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            if (!response.errors().isEmpty()) {
                var first = response.errors().get(0);
                throw new MeshException(
                        ErrorCode.STORAGE_FAILURE,
                        "Cannot delete " + response.errors().size()
                                + " object(s) of a data subject in bucket '" + bucket + "': " + first.code()
                                + "; erase again once the cause is fixed");
            }
        }
        return ids.size();
    }

    /** Hive's partition path escaping: {@code %XX} for control and path-special characters. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x20 || c == 0x7f || c >= 0x80 || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
                b.append('%').append(String.format("%02X", c));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static void audit(
            S3Client s3,
            PortBinding port,
            ErasureRequest request,
            List<String> targets,
            long count,
            String unit,
            Runnable onWrite,
            Clock clock) {
        S3Location root = TableSpecs.root(port);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("requestId", request.requestId());
        record.put("requestedBy", request.requestedBy());
        record.put("erasedAt", clock.instant().toString());
        record.put("product", port.product().id());
        record.put("port", port.port().name());
        record.put("targets", targets);
        record.put("count", count);
        record.put("unit", unit);
        String id = request.requestId().replaceAll("[^A-Za-z0-9._-]", "_");
        String key = (root.prefix().isEmpty() ? "" : root.prefix() + "/") + "_mesh/erasures/" + clock.millis() + "-"
                + id + "-" + port.port().name().replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        try {
            byte[] body = JSON.writeValueAsBytes(record);
            onWrite.run();
            s3.putObject(
                    b -> b.bucket(root.bucket()).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write the erasure audit record", e);
        }
    }
}

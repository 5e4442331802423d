package dev.meshsdk.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A Parquet port's schema: plain Parquet files carry no table-level schema or properties, so the SDK keeps
 * what the contract provisioned in {@code <table>/_mesh/schema.json} (columns, partition columns, properties)
 * and plans against it with the same rules as for Delta tables.
 */
final class ParquetManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParquetManifest() {}

    record Manifest(List<Column> columns, List<String> partitionColumns, Map<String, String> properties) {}

    static String key(TableSpec spec) {
        return spec.location().prefix() + "/_mesh/schema.json";
    }

    static TableState read(S3Client s3, TableSpec spec) {
        try {
            byte[] body = s3.getObjectAsBytes(
                            b -> b.bucket(spec.location().bucket()).key(key(spec)))
                    .asByteArray();
            Manifest m = JSON.readValue(body, Manifest.class);
            return new TableState(spec.target(), true, 0, m.columns(), m.partitionColumns(), m.properties());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return TableState.absent(spec.target());
            throw e;
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot read the schema manifest " + spec.location()
                            + "/_mesh/schema.json: it is not what the SDK wrote; delete it and deploy again",
                    e);
        }
    }

    static void apply(S3Client s3, TableSpec spec, Change change, Runnable onWrite) {
        TableState found = read(s3, spec);
        Manifest next;
        if (change instanceof Change.CreateTable c) {
            if (found.exists()) return;
            next = new Manifest(c.columns(), c.partitionBy(), new TreeMap<>(c.properties()));
        } else if (!found.exists()) {
            throw new MeshException(
                    ErrorCode.STALE_PLAN,
                    "Cannot " + change.summary() + ": there is no schema manifest" + " at " + spec.location()
                            + " any more; plan again");
        } else if (change instanceof Change.AddColumn c) {
            if (found.columns().stream()
                    .anyMatch(x -> x.name().equalsIgnoreCase(c.column().name()))) return;
            List<Column> columns = new ArrayList<>(found.columns());
            columns.add(c.column());
            next = new Manifest(columns, found.partitionColumns(), found.properties());
        } else if (change instanceof Change.AlterColumn c) {
            List<Column> columns = new ArrayList<>();
            for (Column x : found.columns()) columns.add(x.name().equalsIgnoreCase(c.to().name()) ? c.to() : x);
            next = new Manifest(columns, found.partitionColumns(), found.properties());
        } else if (change instanceof Change.SetProperties c) {
            Map<String, String> properties = new TreeMap<>(found.properties());
            properties.putAll(c.properties());
            c.removed().forEach(properties::remove);
            next = new Manifest(found.columns(), found.partitionColumns(), properties);
        } else {
            return;
        }
        if (found.exists()
                && next.columns().equals(found.columns())
                && next.properties().equals(found.properties())) {
            return;
        }
        try {
            byte[] body = JSON.writeValueAsBytes(next);
            onWrite.run();
            s3.putObject(
                    b -> b.bucket(spec.location().bucket()).key(key(spec)).contentType("application/json"),
                    RequestBody.fromBytes(body));
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write the schema manifest of " + spec.location(), e);
        }
    }
}

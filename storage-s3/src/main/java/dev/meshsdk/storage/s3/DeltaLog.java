package dev.meshsdk.storage.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Column;
import dev.meshsdk.storage.delta.DeltaColumns;
import dev.meshsdk.storage.delta.DeltaTypes;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A Delta table's log in a bucket. Reading goes through Delta Kernel over Hadoop S3A, which replays JSON
 * commits and Parquet checkpoints whoever wrote them (this adapter, Spark). Writing is this class's own: Delta
 * Kernel 4.4 refuses to write any commit to a table that has CHECK constraints (its {@code checkConstraints}
 * writer support ends there), so table creation and metadata changes are written here as one JSON commit
 * each ({@code protocol}, {@code metaData}, {@code commitInfo}), put only if that version does not exist yet.
 * Data files are never written by this adapter.
 */
final class DeltaLog {
    static final String ENGINE_INFO = "mesh-sdk-storage-s3";
    private static final Set<String> READER_FEATURES = Set.of("deletionVectors", "typeWidening");
    private static final Set<String> WRITER_FEATURES = Set.of("deletionVectors", "typeWidening", "checkConstraints");

    private final S3Connection connection;
    private final ObjectMapper json = new ObjectMapper();
    private Engine engine;

    DeltaLog(S3Connection connection) {
        this.connection = connection;
    }

    private synchronized Engine engine() {
        if (engine == null) {
            Configuration conf = new Configuration();
            conf.setClassLoader(DefaultEngine.class.getClassLoader());
            conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
            connection.hadoopConf().forEach(conf::set);
            engine = DefaultEngine.create(conf);
        }
        return engine;
    }

    static String uri(S3Location table) {
        return "s3a://" + table.bucket() + "/" + table.prefix();
    }

    private static String logKey(S3Location table, long version) {
        return table.prefix() + "/_delta_log/" + String.format("%020d", version) + ".json";
    }

    /** Whether anything lies under the table's {@code _delta_log/}. */
    private boolean hasLog(S3Location table) {
        return connection
                        .client()
                        .listObjectsV2(b -> b.bucket(table.bucket())
                                .prefix(table.prefix() + "/_delta_log/")
                                .maxKeys(1))
                        .keyCount()
                > 0;
    }

    /** The latest snapshot, or empty when there is no Delta table at {@code table}. */
    Optional<Snapshot> snapshot(S3Location table) {
        if (!hasLog(table)) return Optional.empty();
        try {
            return Optional.of(TableManager.loadSnapshot(uri(table)).build(engine()));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
    }

    /** What the snapshot holds, as plan state. */
    static TableState state(String target, Snapshot s) {
        return new TableState(
                target,
                true,
                s.getVersion(),
                DeltaTypes.columns(s.getSchema()),
                s.getPartitionColumnNames(),
                s.getTableProperties());
    }

    /** Creates the table: version 0 with protocol, schema, partition columns and properties. */
    void create(
            S3Location table,
            List<Column> columns,
            List<String> partitionBy,
            Map<String, String> properties,
            String comment) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : columns) fields.add(DeltaTypes.field(c));
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("minReaderVersion", 3);
        protocol.put("minWriterVersion", 7);
        protocol.put("readerFeatures", new TreeSet<>(READER_FEATURES));
        protocol.put("writerFeatures", new TreeSet<>(WRITER_FEATURES));
        long now = System.currentTimeMillis();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", UUID.randomUUID().toString());
        if (comment != null) metadata.put("description", comment);
        metadata.put("format", Map.of("provider", "parquet", "options", Map.of()));
        metadata.put("schemaString", new StructType(fields).toJson());
        metadata.put("partitionColumns", partitionBy);
        metadata.put("configuration", new java.util.TreeMap<>(properties));
        metadata.put("createdTime", now);
        commit(table, 0, "CREATE TABLE", protocol, metadata);
    }

    /**
     * Commits new metadata on top of {@code s}: a schema (or null to keep it) and the properties to set and
     * unset. Adds the protocol features the new properties need.
     */
    void update(
            S3Location table,
            Snapshot s,
            StructType schema,
            Map<String, String> set,
            Set<String> unset,
            String operation) {
        Metadata current = ((SnapshotImpl) s).getMetadata();
        Protocol protocol = ((SnapshotImpl) s).getProtocol();
        Map<String, String> configuration = new java.util.TreeMap<>(current.getConfiguration());
        configuration.putAll(set);
        unset.forEach(configuration::remove);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", current.getId());
        current.getName().ifPresent(n -> metadata.put("name", n));
        current.getDescription().ifPresent(d -> metadata.put("description", d));
        metadata.put(
                "format",
                Map.of(
                        "provider",
                        current.getFormat().getProvider(),
                        "options",
                        current.getFormat().getOptions()));
        metadata.put(
                "schemaString",
                schema == null
                        ? current.getSchemaString()
                        : DeltaColumns.withTypeChanges(s.getSchema(), schema).toJson());
        metadata.put("partitionColumns", new ArrayList<>(current.getPartitionColNames()));
        metadata.put("configuration", configuration);
        current.getCreatedTime().ifPresent(t -> metadata.put("createdTime", t));
        commit(table, s.getVersion() + 1, operation, upgraded(table, protocol, configuration), metadata);
    }

    /** The protocol with the features the configuration needs, or null when it has them already. */
    private static Map<String, Object> upgraded(S3Location table, Protocol p, Map<String, String> configuration) {
        Set<String> readers = new TreeSet<>(p.getReaderFeatures());
        Set<String> writers = new TreeSet<>(p.getWriterFeatures());
        if ("true".equals(configuration.get(TableSpecs.DELETION_VECTORS))) {
            readers.add("deletionVectors");
            writers.add("deletionVectors");
        }
        if ("true".equals(configuration.get(TableSpecs.TYPE_WIDENING))) {
            readers.add("typeWidening");
            writers.add("typeWidening");
        }
        if (configuration.keySet().stream().anyMatch(k -> k.startsWith(TableSpecs.CONSTRAINT))) {
            writers.add("checkConstraints");
        }
        if (readers.equals(p.getReaderFeatures()) && writers.equals(p.getWriterFeatures())) return null;
        if (!p.supportsWriterFeatures() || p.getMinReaderVersion() < 3) {
            throw new MeshException(
                    ErrorCode.UNSUPPORTED,
                    "Cannot change table " + table + ": its Delta protocol ("
                            + p.getMinReaderVersion() + "/" + p.getMinWriterVersion()
                            + ") predates table features and the"
                            + " change needs " + writers
                            + "; upgrade it once with Spark (ALTER TABLE ... SET TBLPROPERTIES"
                            + " ('delta.minReaderVersion'='3','delta.minWriterVersion'='7')) and deploy again");
        }
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("minReaderVersion", p.getMinReaderVersion());
        protocol.put("minWriterVersion", p.getMinWriterVersion());
        protocol.put("readerFeatures", readers);
        protocol.put("writerFeatures", new LinkedHashSet<>(writers));
        return protocol;
    }

    private void commit(
            S3Location table,
            long version,
            String operation,
            Map<String, Object> protocol,
            Map<String, Object> metadata) {
        StringBuilder body = new StringBuilder();
        try {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("timestamp", System.currentTimeMillis());
            info.put("operation", operation);
            info.put("operationParameters", Map.of());
            info.put("isBlindAppend", true);
            info.put("engineInfo", ENGINE_INFO);
            body.append(json.writeValueAsString(Map.of("commitInfo", info))).append('\n');
            if (protocol != null)
                body.append(json.writeValueAsString(Map.of("protocol", protocol)))
                        .append('\n');
            body.append(json.writeValueAsString(Map.of("metaData", metadata))).append('\n');
        } catch (JsonProcessingException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write a Delta commit for " + table, e);
        }
        String key = logKey(table, version);
        S3Client s3 = connection.client();
        try {
            s3.headObject(b -> b.bucket(table.bucket()).key(key));
            throw taken(table, version, null);
        } catch (NoSuchKeyException e) {
            // free, as expected
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw e;
        }
        try {
            // Put-if-absent where the store supports it, so two writers never both commit this version.
            s3.putObject(
                    b -> b.bucket(table.bucket()).key(key).ifNoneMatch("*").contentType("application/json"),
                    RequestBody.fromString(body.toString()));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) throw taken(table, version, e);
            throw e;
        }
    }

    private static MeshException taken(S3Location table, long version, Exception cause) {
        return new MeshException(
                ErrorCode.STALE_PLAN,
                "Cannot commit version " + version + " of Delta table " + table
                        + ": another writer committed it first; plan again",
                cause);
    }
}

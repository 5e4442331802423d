package dev.meshsdk.storage.local;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads and changes Delta tables' metadata with Delta Kernel (no Spark). Schema changes rely on column
 * mapping ({@code delta.columnMapping.mode=name}), which the adapter sets on every table it creates:
 * kernel 4.4 refuses to update the schema of a table without it.
 */
final class DeltaTableStore {
    static final String ENGINE_INFO = "mesh-sdk";

    private Engine engine;

    /** The kernel engine, created on first use so that creating an adapter touches nothing. */
    private synchronized Engine engine() {
        if (engine == null) engine = createEngine();
        return engine;
    }

    private static Engine createEngine() {
        Configuration configuration = new Configuration();
        // Resolve Hadoop's plugin classes (file systems) where the kernel lives, not via the caller's context loader.
        configuration.setClassLoader(DefaultEngine.class.getClassLoader());
        return DefaultEngine.create(configuration);
    }

    /** The latest snapshot of the table in {@code dir}, or empty when there is no Delta table there. */
    Optional<Snapshot> snapshot(Path dir) {
        if (!Files.isDirectory(dir.resolve("_delta_log"))) return Optional.empty();
        try {
            return Optional.of(TableManager.loadSnapshot(uri(dir)).build(engine()));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Creates the table with its schema, partition columns and properties, in one commit (version 0). */
    void create(Path dir, StructType schema, List<String> partitionBy, Map<String, String> properties) {
        DataLayoutSpec layout = partitionBy.isEmpty()
                ? DataLayoutSpec.noDataLayout()
                : DataLayoutSpec.partitioned(partitionBy.stream()
                        .map(c -> new io.delta.kernel.expressions.Column(c))
                        .toList());
        TableManager.buildCreateTableTransaction(uri(dir), schema, ENGINE_INFO)
                .withTableProperties(properties)
                .withDataLayoutSpec(layout)
                .build(engine())
                .commit(engine(), CloseableIterable.emptyIterable());
    }

    /** Commits a new schema (added columns, new comments, relaxed nullability, widened types). */
    void updateSchema(Snapshot snapshot, StructType schema) {
        snapshot.buildUpdateTableTransaction(ENGINE_INFO, Operation.MANUAL_UPDATE)
                .withUpdatedSchema(schema)
                .build(engine())
                .commit(engine(), CloseableIterable.emptyIterable());
    }

    /** Commits table property changes. */
    void updateProperties(Snapshot snapshot, Map<String, String> added, Set<String> removed) {
        var builder = snapshot.buildUpdateTableTransaction(ENGINE_INFO, Operation.MANUAL_UPDATE);
        if (!added.isEmpty()) builder = builder.withTablePropertiesAdded(added);
        if (!removed.isEmpty()) builder = builder.withTablePropertiesRemoved(removed);
        builder.build(engine()).commit(engine(), CloseableIterable.emptyIterable());
    }

    static String uri(Path dir) {
        return dir.toAbsolutePath().toUri().toString();
    }
}

package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.DeletionVectorDescriptor;
import org.apache.spark.sql.delta.actions.FileAction;
import org.apache.spark.sql.delta.actions.RemoveFile;
import org.apache.spark.sql.delta.deletionvectors.RoaringBitmapArray;
import org.apache.spark.sql.delta.deletionvectors.RoaringBitmapArrayFormat$;
import org.apache.spark.sql.delta.storage.dv.DeletionVectorStore;
import org.apache.spark.sql.delta.storage.dv.DeletionVectorStore$;
import org.apache.spark.sql.delta.storage.dv.DeletionVectorStoreUtils;
import org.apache.spark.sql.delta.util.PathWithFileSystem;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Deletes the rows where one column equals one value from a Delta table with deletion vectors, in one Spark
 * job and one commit: the lean path of {@link SparkDeltaEraser}.
 *
 * <p>Delta's own {@code DELETE} spends most of an erasure of a few rows on fixed work: it reconstructs the
 * table state and aggregates it, runs data skipping as a job, builds the bitmaps in a job, writes them in a
 * job, and joins the new files with the state again for their statistics: about 2.3 s on two cores, whatever
 * the table's size. This path takes the file list from the version checksum (Delta stores it there for tables
 * of few files; otherwise from the state), skips files by their min/max statistics for integer keys, reads
 * the candidate files' key column with {@code _metadata.row_index} in one job, joined to a one-row local
 * table holding the value (so that no query plan in Spark's UI or event log shows it), adds the matches to
 * each file's existing deletion vector, writes the new vectors to one file, and commits the remove/add pairs
 * with Delta's own transaction (conflict detection, checksum, checkpoints). These are the actions Delta's
 * {@code DELETE} writes (a file whose rows are all deleted is removed), with one difference: the commit is a
 * {@code DELETE} without a predicate, with a user-metadata note instead, so the subject's value does not
 * enter the table's log.
 *
 * <p>With {@code rewrite} (a delete followed by a purge) the same job finds the files that hold the subject's rows,
 * and a second job replaces them by copies without those rows (and without rows earlier vectors deleted) in the
 * same single commit: what Delta's {@code DELETE} writes on a table without deletion vectors, again without the
 * predicate.
 *
 * <p>{@link #delete} returns empty, and the caller uses {@code DELETE}, for tables this path does not cover:
 * without deletion vectors (copy-on-write), with change data feed or row tracking, append-only, catalog
 * managed, with {@code id} column mapping, randomized file prefixes, partitioned tables, keys that are not an
 * integer or a string of the default collation ({@code CHAR}/{@code VARCHAR} included), files without row
 * counts in their statistics, and subjects of more than {@link #MAX_ROWS} rows.
 */
final class DeletionVectorDelete {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PHYSICAL_NAME = "delta.columnMapping.physicalName";
    private static final String CHAR_VARCHAR = "__CHAR_VARCHAR_TYPE_STRING";
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
    /** The most row positions brought to the driver; a subject with more rows goes to Delta's DELETE. */
    static final int MAX_ROWS = 100_000;

    private DeletionVectorDelete() {}

    /**
     * Deletes the rows of {@code snapshot}'s table whose {@code field} equals {@code value} (already checked
     * to cast to the field's type) and returns how many rows it deleted, or empty when the table needs
     * Delta's {@code DELETE}. Runs in {@code spark}, which must be the active session. With {@code rewrite} the
     * files that hold the rows are replaced by copies without them (copy-on-write, see {@link #rewrite}) instead of
     * getting deletion vectors.
     */
    static OptionalLong delete(
            SparkSession spark,
            DeltaLog log,
            Snapshot snapshot,
            StructField field,
            String value,
            Map<String, String> hadoopConf,
            boolean rewrite)
            throws IOException {
        if (!covers(snapshot, field)) return OptionalLong.empty();
        String physical =
                field.metadata().contains(PHYSICAL_NAME) ? field.metadata().getString(PHYSICAL_NAME) : field.name();
        DataType type = field.dataType();
        Long integral = type.equals(DataTypes.StringType) ? null : Long.parseLong(value.trim());

        // The candidate files: all of them, less those whose statistics exclude an integer key.
        List<AddFile> all = files(snapshot);
        Map<String, AddFile> byName = new HashMap<>();
        List<AddFile> candidates = new ArrayList<>();
        for (AddFile f : all) {
            if (byName.put(f.toPath().getName(), f) != null) return OptionalLong.empty(); // names must be unique
            if (integral == null || mayHold(f.stats(), physical, integral)) candidates.add(f);
        }
        OptimisticTransaction txn = log.startTransaction(Option.empty(), Option.apply(snapshot));
        txn.readWholeTable(); // any concurrent change to the table's files is a conflict
        if (candidates.isEmpty()) return OptionalLong.of(0);

        // One job: the physical row positions of the matching rows in the candidate files. The value comes in as
        // the one row of a local table joined to the key column, so no query plan (Spark's UI, its event log)
        // shows it; the price is a read of the whole key column instead of Parquet's page skipping.
        String[] paths =
                candidates.stream().map(f -> f.absolutePath(log).toString()).toArray(String[]::new);
        Object typed = value;
        if (type instanceof LongType) typed = integral;
        else if (type instanceof IntegerType) typed = (int) (long) integral;
        else if (type instanceof ShortType) typed = (short) (long) integral;
        else if (type instanceof ByteType) typed = (byte) (long) integral;
        Dataset<Row> subject =
                spark.createDataFrame(List.of(RowFactory.create(typed)), new StructType().add("subject", type, false));
        Dataset<Row> keys = spark.read()
                .options(hadoopConf)
                .option("ignoreMissingFiles", "false")
                .option("ignoreCorruptFiles", "false")
                .schema(new StructType().add(physical, type))
                .parquet(paths)
                .select(
                        col("`" + physical.replace("`", "``") + "`").as("key"),
                        col("_metadata.file_path").as("file"),
                        col("_metadata.row_index").as("row"));
        List<Row> hits = keys.join(broadcast(subject), keys.col("key").equalTo(subject.col("subject")))
                .select("file", "row")
                .limit(MAX_ROWS + 1)
                .collectAsList();
        if (hits.size() > MAX_ROWS) return OptionalLong.empty(); // a subject this large: Delta builds the bitmaps
        Map<AddFile, List<Long>> rowsByFile = new LinkedHashMap<>();
        for (Row r : hits) {
            AddFile f = byName.get(new Path(URI.create(r.getString(0))).getName());
            if (f == null) return OptionalLong.empty(); // a path this path cannot map back: let DELETE do it
            rowsByFile.computeIfAbsent(f, k -> new ArrayList<>()).add(r.getLong(1));
        }

        // The new deletion vectors: each file's old rows plus the new ones.
        DeletionVectorStore store = DeletionVectorStore$.MODULE$.createInstance(log.newDeltaHadoopConf());
        Map<AddFile, RoaringBitmapArray> changed = new LinkedHashMap<>();
        long deleted = 0;
        for (Map.Entry<AddFile, List<Long>> e : rowsByFile.entrySet()) {
            AddFile f = e.getKey();
            RoaringBitmapArray bitmap = f.deletionVector() == null
                    ? new RoaringBitmapArray()
                    : store.read(f.deletionVector(), log.dataPath());
            long before = bitmap.cardinality();
            for (long row : e.getValue()) bitmap.add(row);
            if (bitmap.cardinality() == before) continue; // those rows were deleted already
            // Delta requires the row count of a file that gets a vector; without statistics, DELETE reads footers.
            if (f.numPhysicalRecords().isEmpty()) return OptionalLong.empty();
            deleted += bitmap.cardinality() - before;
            changed.put(f, bitmap);
        }
        if (changed.isEmpty()) return OptionalLong.of(0);
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("numDeletedRows", deleted);
        List<Action> actions = rewrite
                ? rewrite(log, txn, snapshot, List.copyOf(changed.keySet()), field, subject, deleted, figures)
                : vectors(log, store, changed, figures);
        commit(spark, txn, field, actions, figures);
        return OptionalLong.of(deleted);
    }

    /**
     * Copy-on-write: the actions that replace {@code touched} by copies without the subject's rows, written in one
     * Spark job. Delta reads the files with their deletion vectors applied, an anti join with the one-row table
     * {@code subject} drops the subject's rows (the value stays out of the query plan), and Delta's own writer
     * writes the rest, one file per task, with the table's statistics settings. Checks that the copies hold every
     * other row: the touched files' live rows less {@code deleted}.
     */
    private static List<Action> rewrite(
            DeltaLog log,
            OptimisticTransaction txn,
            Snapshot snapshot,
            List<AddFile> touched,
            StructField field,
            Dataset<Row> subject,
            long deleted,
            Map<String, Long> figures) {
        Dataset<Row> rows = log.createDataFrame(snapshot, seq(touched), false, Option.apply("delete"));
        Column key = rows.col("`" + field.name().replace("`", "``") + "`");
        Dataset<Row> kept = rows.join(broadcast(subject), key.equalTo(subject.col("subject")), "left_anti");
        List<Action> actions = new ArrayList<>();
        long now = System.currentTimeMillis(), before = 0, copied = 0, added = 0, addedBytes = 0, removedBytes = 0;
        for (AddFile f : touched) {
            actions.add(f.removeWithTimestamp(now, true));
            removedBytes += f.size();
            Option<Object> live = f.numLogicalRecords();
            before = before < 0 || live.isEmpty() ? -1 : before + ((Number) live.get()).longValue();
        }
        for (FileAction a : CollectionConverters.asJava(txn.writeFiles(kept))) {
            actions.add(a);
            if (!(a instanceof AddFile f)) continue;
            added++;
            addedBytes += f.size();
            Option<Object> n = f.numLogicalRecords();
            copied = copied < 0 || n.isEmpty() ? -1 : copied + ((Number) n.get()).longValue();
        }
        if (before >= 0 && copied >= 0 && before - deleted != copied) {
            throw new IllegalStateException("the rewrite kept " + copied + " of " + before + " rows, not all but the "
                    + deleted + " of the subject; nothing was committed");
        }
        figures.put("numRemovedFiles", (long) touched.size());
        figures.put("numAddedFiles", added);
        figures.put("numCopiedRows", Math.max(0, copied));
        figures.put("numAddedChangeFiles", 0L);
        figures.put("numRemovedBytes", removedBytes);
        figures.put("numAddedBytes", addedBytes);
        figures.put("numDeletionVectorsAdded", 0L);
        figures.put(
                "numDeletionVectorsRemoved",
                touched.stream().filter(f -> f.deletionVector() != null).count());
        figures.put("numDeletionVectorsUpdated", 0L);
        return actions;
    }

    /**
     * The actions that give each file of {@code changed} its new deletion vector, all written into one new file
     * beside the data (unreferenced until the commit: VACUUM removes it if the commit fails); a file whose every
     * row is now deleted is removed instead.
     */
    private static List<Action> vectors(
            DeltaLog log,
            DeletionVectorStore store,
            Map<AddFile, RoaringBitmapArray> changed,
            Map<String, Long> figures)
            throws IOException {

        List<Action> actions = new ArrayList<>();
        long removedFiles = 0, removedBytes = 0, vectorsAdded = 0, vectorsUpdated = 0, vectorsRemoved = 0;
        for (Map.Entry<AddFile, RoaringBitmapArray> e : List.copyOf(changed.entrySet())) {
            AddFile f = e.getKey();
            Option<Object> physicalRows = f.numPhysicalRecords();
            if (physicalRows.isDefined()
                    && ((Number) physicalRows.get()).longValue() == e.getValue().cardinality()) {
                actions.add(f.removeWithTimestamp(System.currentTimeMillis(), true));
                removedFiles++;
                removedBytes += f.size();
                if (f.deletionVector() != null) vectorsRemoved++;
                changed.remove(f);
            }
        }
        if (!changed.isEmpty()) {
            UUID id = UUID.randomUUID();
            PathWithFileSystem dvFile = store.generateFileNameInTable(store.pathWithFileSystem(log.dataPath()), id, "");
            try (DeletionVectorStoreUtils.Writer writer = store.createWriter(dvFile)) {
                for (Map.Entry<AddFile, RoaringBitmapArray> e : changed.entrySet()) {
                    RoaringBitmapArray bitmap = e.getValue();
                    DeletionVectorStoreUtils.DVRangeDescriptor range =
                            writer.write(bitmap.serializeAsByteArray(RoaringBitmapArrayFormat$.MODULE$.Portable()));
                    DeletionVectorDescriptor dv = DeletionVectorDescriptor.onDiskWithRelativePath(
                            id, "", range.length(), bitmap.cardinality(), Option.apply(range.offset()), bitmap.last());
                    Tuple2<AddFile, RemoveFile> pair = e.getKey().removeRows(dv, true, true);
                    actions.add(pair._1());
                    actions.add(pair._2());
                    if (e.getKey().deletionVector() == null) vectorsAdded++;
                    else vectorsUpdated++;
                }
            }
        }

        // The history's figures, as Delta's DELETE reports them.
        figures.put("numRemovedFiles", removedFiles);
        figures.put("numAddedFiles", 0L);
        figures.put("numCopiedRows", 0L);
        figures.put("numAddedChangeFiles", 0L);
        figures.put("numRemovedBytes", removedBytes);
        figures.put("numAddedBytes", 0L);
        figures.put("numDeletionVectorsAdded", vectorsAdded);
        figures.put("numDeletionVectorsRemoved", vectorsRemoved);
        figures.put("numDeletionVectorsUpdated", vectorsUpdated);
        return actions;
    }

    /**
     * Commits {@code actions} as a {@code DELETE} with the history's {@code figures} and without a predicate: it
     * would carry the subject's value. The commit says why.
     */
    private static void commit(
            SparkSession spark,
            OptimisticTransaction txn,
            StructField field,
            List<Action> actions,
            Map<String, Long> figures) {
        Map<String, SQLMetric> metrics = new LinkedHashMap<>();
        figures.forEach((k, v) -> {
            SQLMetric m = SQLMetrics.createMetric(spark.sparkContext(), k);
            m.set(v);
            metrics.put(k, m);
        });
        txn.registerSQLMetrics(
                spark, scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(metrics)));
        spark.conf()
                .set(
                        USER_METADATA,
                        "mesh-sdk erasure of one data subject by column '" + field.name()
                                + "' (the value is not recorded)");
        try {
            txn.commit(seq(actions), new DeltaOperations.Delete(seq(List.of())));
        } finally {
            spark.conf().unset(USER_METADATA);
        }
    }

    /** Whether this path covers the table and key; see the class comment. */
    static boolean covers(Snapshot snapshot, StructField field) {
        Map<String, String> conf =
                CollectionConverters.asJava(snapshot.metadata().configuration());
        Map<String, String> props = new HashMap<>();
        conf.forEach((k, v) -> props.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v.toLowerCase(Locale.ROOT)));
        DataType type = field.dataType();
        boolean keyType = type.equals(DataTypes.StringType)
                || type instanceof LongType
                || type instanceof IntegerType
                || type instanceof ShortType
                || type instanceof ByteType;
        String mapping = props.getOrDefault("delta.columnmapping.mode", "none");
        scala.collection.immutable.Set<String> features = snapshot.protocol().readerAndWriterFeatureNames();
        return "true".equals(props.get("delta.enabledeletionvectors"))
                && !features.contains("catalogManaged")
                && !features.contains("catalogOwned-preview")
                && !field.metadata().contains(CHAR_VARCHAR) // CHAR(n) is padded on write: DELETE pads its literal
                && snapshot.protocol().writerFeatureNames().contains("deletionVectors")
                && !snapshot.protocol().writerFeatureNames().contains("rowTracking")
                && !"true".equals(props.get("delta.enablechangedatafeed"))
                && !"true".equals(props.get("delta.appendonly"))
                && !"true".equals(props.get("delta.randomizefileprefixes"))
                && ("none".equals(mapping) || "name".equals(mapping))
                && snapshot.metadata().partitionColumns().isEmpty()
                && keyType;
    }

    /**
     * Whether some file of the table carries a deletion vector, that is rows still in the data files which
     * {@code REORG ... APPLY (PURGE)} would rewrite away: from the version checksum's count when Delta kept it,
     * else from the files.
     */
    static boolean hasDeletionVectors(Snapshot snapshot) {
        Option<Object> counted = snapshot.numDeletionVectorsOpt();
        if (counted.isDefined()) return ((Number) counted.get()).longValue() > 0;
        return files(snapshot).stream().anyMatch(f -> f.deletionVector() != null);
    }

    /** The table's files: from the version checksum when Delta kept them there, else from the state. */
    static List<AddFile> files(Snapshot snapshot) {
        Optional<List<AddFile>> fromChecksum = Optional.empty();
        if (snapshot.checksumOpt().isDefined()
                && snapshot.checksumOpt().get().allFiles().isDefined()) {
            fromChecksum = Optional.of(CollectionConverters.asJava(
                    snapshot.checksumOpt().get().allFiles().get()));
        }
        return fromChecksum.orElseGet(() -> snapshot.allFiles().collectAsList());
    }

    /** Whether a file's statistics allow {@code value} in the column (no statistics: it may). */
    static boolean mayHold(String stats, String physical, long value) {
        if (stats == null || stats.isEmpty()) return true;
        try {
            JsonNode s = JSON.readTree(stats);
            JsonNode min = s.path("minValues").path(physical);
            JsonNode max = s.path("maxValues").path(physical);
            if (s.path("numRecords").isIntegralNumber() && s.path("numRecords").asLong() == 0) return false;
            if (min.isIntegralNumber() && value < min.asLong()) return false;
            return !(max.isIntegralNumber() && value > max.asLong());
        } catch (IOException e) {
            return true;
        }
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return CollectionConverters.asScala(list).toSeq();
    }
}

package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * The lean deletion-vector path of {@link SparkDeltaEraser} against Delta's own {@code DELETE}, on twin tables
 * in a real Spark session: the same rows go, the same rows stay, Delta reads the vectors it wrote, a second
 * erasure in the same files merges with the first, the purge makes it physical, and the subject's value stays
 * out of the table's history. Tables the path does not cover go to Delta's {@code DELETE}.
 */
class DeletionVectorDeleteIT {
    private final SparkSession spark = TestSpark.session();

    /** 2,000 rows in 4 files: customer (bigint, 10 rows each, spread over every file), email (string). */
    private String table(String name, Map<String, String> properties) {
        String uri = TestSpark.newDir("dv-" + name).resolve("t").toUri().toString();
        var w = spark.range(0, 2000, 1, 4)
                .selectExpr("id", "id % 200 AS customer", "concat('user-', id % 200, '@example.com') AS email")
                .write()
                .format("delta");
        properties.forEach(w::option);
        w.save(uri);
        return uri;
    }

    /** As the storage adapters create tables: deletion vectors, column mapping by name. */
    private static final Map<String, String> ADAPTER_LIKE =
            Map.of("delta.enableDeletionVectors", "true", "delta.columnMapping.mode", "name");

    @Test
    void theLeanPathDeletesWhatDeltasDeleteDeletesAndKeepsTheValueOutOfTheHistory() throws Exception {
        String lean = table("lean", ADAPTER_LIKE);
        String delta = table("delete", ADAPTER_LIKE);
        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);
        SparkDeltaEraser deleteOnly = new SparkDeltaEraser(spark);
        assertThat(covers(lean, "customer")).isTrue();
        assertThat(covers(lean, "email")).isTrue();

        long before = version(lean);
        assertThat(eraser.delete(lean, Map.of(), "customer", "77")).isEqualTo(10);
        assertThat(version(lean)).as("one commit").isEqualTo(before + 1);
        // a second subject in the same four files: its rows join the vectors written by the first erasure
        assertThat(eraser.delete(lean, Map.of(), "email", "user-78@example.com"))
                .isEqualTo(10);
        spark.conf().set(SparkDeltaEraser.LEAN_PATH, "false");
        try {
            assertThat(deleteOnly.delete(delta, Map.of(), "customer", "77")).isEqualTo(10);
            assertThat(deleteOnly.delete(delta, Map.of(), "email", "user-78@example.com"))
                    .isEqualTo(10);
        } finally {
            spark.conf().unset(SparkDeltaEraser.LEAN_PATH);
        }

        assertThat(rows(lean)).as("the same rows remain").isEqualTo(rows(delta)).hasSize(1980);
        assertThat(rows(lean)).noneMatch(r -> r.startsWith("77,") || r.startsWith("78,"));
        assertThat(spark.read()
                        .format("delta")
                        .load(lean)
                        .where("customer IN (77, 78)")
                        .count())
                .isZero();

        assertThat(lastDeleteMetrics(lean))
                .containsEntry("numDeletedRows", "10")
                .containsEntry("numRemovedFiles", "0")
                .containsEntry("numDeletionVectorsUpdated", "4");
        assertThat(logText(lean)).doesNotContain("user-78@example.com").doesNotContain("= 77");
        assertThat(logText(delta)).as("Delta's DELETE records its predicate").contains("user-78@example.com");

        // erased already: nothing to do, no commit
        long now = version(lean);
        assertThat(eraser.delete(lean, Map.of(), "customer", "77")).isZero();
        assertThat(eraser.delete(lean, Map.of(), "customer", "100000")).isZero();
        assertThat(version(lean)).isEqualTo(now);

        assertThat(rawRows(lean, 77)).as("deletion vectors only hide the rows").isEqualTo(10);
        assertThat(eraser.purge(lean, Map.of(), Duration.ZERO)).isPositive();
        assertThat(rawRows(lean, 77)).as("purged").isZero();
        assertThat(rows(lean)).isEqualTo(rows(delta));
    }

    @Test
    void deleteAndPurgeRewritesTheFilesInTheDeleteCommitWhatDeltasDeleteAndPurgeLeave() throws Exception {
        String uri = table("rewrite", ADAPTER_LIKE);
        String twin = table("rewrite-twin", ADAPTER_LIKE);
        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);
        // an earlier erasure without purge left deletion vectors in all four files
        assertThat(eraser.delete(uri, Map.of(), "email", "user-78@example.com")).isEqualTo(10);
        assertThat(eraser.delete(twin, Map.of(), "email", "user-78@example.com"))
                .isEqualTo(10);
        List<String> files = dataFiles(uri);
        long before = version(uri);

        assertThat(eraser.deleteAndPurge(uri, Map.of(), "customer", "77", Duration.ofDays(7)))
                .isEqualTo(10);

        assertThat(operationsAfter(uri, before))
                .as("one commit, no REORG, no VACUUM commits")
                .containsExactly("DELETE");
        assertThat(lastDeleteMetrics(uri))
                .containsEntry("numDeletedRows", "10")
                .containsEntry("numRemovedFiles", "4")
                .containsEntry("numCopiedRows", "1980")
                .containsEntry("numDeletionVectorsAdded", "0")
                .containsEntry("numDeletionVectorsRemoved", "4")
                .containsEntry("numAddedFiles", String.valueOf(dataFiles(uri).size()));
        assertThat(dataFiles(uri))
                .doesNotContainAnyElementsOf(files)
                .as("rewritten one file per task: one per core (local[2])")
                .hasSize(spark.sparkContext().defaultParallelism());
        assertThat(liveRawRows(uri, 77)).as("out of every live file").isZero();
        assertThat(liveRawRows(uri, 78))
                .as("the earlier vectors' rows went too")
                .isZero();
        assertThat(rawRows(uri, 77))
                .as("the old files stay for time travel (7 days)")
                .isEqualTo(10);
        assertThat(logText(uri)).doesNotContain("user-78@example.com").doesNotContain("= 77");

        // the same rows remain as after Delta's DELETE and the purge the old way (deletion vectors, REORG)
        spark.conf().set(SparkDeltaEraser.PURGE, SparkDeltaEraser.REORG);
        try {
            assertThat(eraser.deleteAndPurge(twin, Map.of(), "customer", "77", Duration.ZERO))
                    .isEqualTo(10);
        } finally {
            spark.conf().unset(SparkDeltaEraser.PURGE);
        }
        assertThat(operationsAfter(twin, before)).containsExactly("DELETE", "REORG");
        assertThat(rows(uri)).isEqualTo(rows(twin)).hasSize(1980);

        // retention zero: the old files and vectors are vacuumed; nothing of 77 or 78 is left on disk
        assertThat(eraser.deleteAndPurge(uri, Map.of(), "customer", "77", Duration.ZERO))
                .isZero();
        assertThat(rawRows(uri, 77)).isZero();
        assertThat(rawRows(uri, 78)).isZero();
        assertThat(deletionVectorFiles(uri)).isEmpty();
        assertThat(rows(uri)).isEqualTo(rows(twin));
    }

    @Test
    void aPurgeWithNothingToRewriteLeavesTheFilesAsTheyAreAndOnlyVacuums() throws Exception {
        String uri = table("no-match", ADAPTER_LIKE);
        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);
        assertThat(eraser.delete(uri, Map.of(), "customer", "100000")).isZero();
        List<String> files = dataFiles(uri);
        long before = version(uri);

        assertThat(eraser.purge(uri, Map.of(), Duration.ZERO))
                .as("no file to remove")
                .isZero();
        assertThat(dataFiles(uri)).as("no file rewritten").isEqualTo(files).hasSize(4);
        assertThat(operationsAfter(uri, before))
                .as("no REORG, and the VACUUM done in the driver commits nothing")
                .isEmpty();

        // once a delete leaves deletion vectors, the purge rewrites those files and removes the old ones
        assertThat(eraser.delete(uri, Map.of(), "customer", "5")).isEqualTo(10);
        long deleted = version(uri);
        assertThat(eraser.purge(uri, Map.of(), Duration.ZERO))
                .as("the 4 old files and the vectors' file, at least")
                .isGreaterThanOrEqualTo(5);
        assertThat(operationsAfter(uri, deleted)).containsExactly("REORG");
        assertThat(dataFiles(uri))
                .doesNotContainAnyElementsOf(files)
                .as("the 4 files rewritten in one group per core (local[2]); Delta's default makes one group, one file")
                .hasSize(spark.sparkContext().defaultParallelism());
        assertThat(spark.read().format("delta").load(uri).count()).isEqualTo(1990);
        assertThat(rawRows(uri, 5)).isZero();
        assertThat(deletionVectorFiles(uri))
                .as("no vector is referenced after the REORG: its files went too")
                .isEmpty();
    }

    @Test
    void deltasOwnVacuumStatementRemovesTheSameFilesWhenTheDriverVacuumIsOff() throws Exception {
        String driver = table("driver-vacuum", ADAPTER_LIKE);
        String statement = table("statement-vacuum", ADAPTER_LIKE);
        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);
        long[] removed = new long[2];
        for (int i = 0; i < 2; i++) {
            String uri = i == 0 ? driver : statement;
            assertThat(eraser.delete(uri, Map.of(), "customer", "5")).isEqualTo(10);
            long deleted = version(uri);
            if (i == 1) spark.conf().set(SparkDeltaEraser.DRIVER_VACUUM, "false");
            try {
                removed[i] = eraser.purge(uri, Map.of(), Duration.ZERO);
            } finally {
                spark.conf().unset(SparkDeltaEraser.DRIVER_VACUUM);
            }
            assertThat(operationsAfter(uri, deleted))
                    .as(uri)
                    .containsExactlyElementsOf(
                            i == 0 ? List.of("REORG") : List.of("REORG", "VACUUM START", "VACUUM END"));
            assertThat(rawRows(uri, 5)).as(uri).isZero();
        }
        assertThat(removed[0])
                .as("the same rule: as many files removed as Delta's VACUUM removes")
                .isEqualTo(removed[1]);
        assertThat(dataFiles(driver)).hasSameSizeAs(dataFiles(statement));
    }

    @Test
    void aRetentionKeepsTheFilesARecentCommitRemovedForTimeTravel() throws Exception {
        String uri = table("retained", ADAPTER_LIKE);
        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);
        assertThat(eraser.delete(uri, Map.of(), "customer", "5")).isEqualTo(10);
        long deleted = version(uri);
        assertThat(eraser.purge(uri, Map.of(), Duration.ofDays(7)))
                .as("removed minutes ago: kept for 7 days")
                .isZero();
        assertThat(rawRows(uri, 5)).as("the old files are still there").isPositive();
        assertThat(spark.read()
                        .format("delta")
                        .option("versionAsOf", deleted - 1)
                        .load(uri)
                        .where("customer = 5")
                        .count())
                .as("time travel still reads them")
                .isEqualTo(10);
    }

    @Test
    void erasuresOfDifferentTablesRunAtOnceFromThreadsOfOneEraser() throws Exception {
        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);
        List<String> tables = List.of(
                table("at-once-1", ADAPTER_LIKE), table("at-once-2", ADAPTER_LIKE), table("at-once-3", ADAPTER_LIKE));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(tables.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(tables.size());
        try {
            List<java.util.concurrent.Future<Long>> erased = new java.util.ArrayList<>();
            for (String t : tables) {
                erased.add(pool.submit(() -> {
                    start.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    long rows = eraser.delete(t, Map.of(), "email", "user-42@example.com");
                    eraser.purge(t, Map.of(), Duration.ZERO);
                    return rows;
                }));
            }
            for (var f : erased)
                assertThat(f.get(10, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        for (String t : tables) {
            assertThat(rawRows(t, 42)).as("%s purged", t).isZero();
            assertThat(spark.read().format("delta").load(t).count()).isEqualTo(1990);
        }
    }

    @Test
    void theValueIsInNoQueryPlanNorSettingSparkReports() throws Exception {
        String uri = table("plans", ADAPTER_LIKE);
        String value = "user-78@example.com";
        List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onOtherEvent(org.apache.spark.scheduler.SparkListenerEvent event) {
                if (event instanceof org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart e) {
                    reported.add(e.description() + "\n" + e.details() + "\n" + e.physicalPlanDescription() + "\n"
                            + e.modifiedConfigs());
                    plan(e.sparkPlanInfo(), reported);
                } else if (event
                        instanceof org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate e) {
                    reported.add(e.physicalPlanDescription());
                    plan(e.sparkPlanInfo(), reported);
                }
            }

            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart job) {
                reported.add(String.valueOf(job.properties()));
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            assertThat(new SparkDeltaEraser(spark).delete(uri, Map.of(), "email", value))
                    .isEqualTo(10);
            // the copy-on-write rewrite too: its anti join takes the value from a local table as well
            assertThat(new SparkDeltaEraser(spark)
                            .deleteAndPurge(uri, Map.of(), "email", "user-79@example.com", Duration.ZERO))
                    .isEqualTo(10);
            spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }

        String all = String.join("\n", reported);
        assertThat(all)
                .as("the erasure's scan was reported")
                .contains("Scan parquet")
                .contains("LocalTableScan");
        assertThat(all)
                .doesNotContain(value)
                .doesNotContain(SparkDeltaEraser.hex(value))
                .doesNotContainIgnoringCase("user-78")
                .doesNotContainIgnoringCase("user-79")
                .doesNotContain(SparkDeltaEraser.hex("user-79@example.com"));
    }

    private static void plan(org.apache.spark.sql.execution.SparkPlanInfo node, List<String> out) {
        out.add(node.nodeName() + " " + node.simpleString() + " " + node.metadata());
        scala.jdk.javaapi.CollectionConverters.asJava(node.children()).forEach(c -> plan(c, out));
    }

    @Test
    void aFileWhoseRowsAreAllErasedIsRemovedAndTheOthersGetVectors() {
        String uri = TestSpark.newDir("dv-whole").resolve("t").toUri().toString();
        spark.range(0, 30)
                .selectExpr("id", "CAST(5 AS BIGINT) AS customer")
                .coalesce(1)
                .write()
                .format("delta")
                .option("delta.enableDeletionVectors", "true")
                .save(uri); // a file of subject 5 only
        spark.range(30, 100)
                .selectExpr("id", "id % 10 AS customer")
                .coalesce(1)
                .write()
                .format("delta")
                .mode("append")
                .save(uri);

        assertThat(new SparkDeltaEraser(spark).delete(uri, Map.of(), "customer", "5"))
                .isEqualTo(37);

        assertThat(spark.read().format("delta").load(uri).count()).isEqualTo(63);
        assertThat(spark.read().format("delta").load(uri).where("customer = 5").count())
                .isZero();
        Row commit = DeltaTable.forPath(spark, uri).history(1).first();
        Map<String, String> metrics = commit.getJavaMap(commit.fieldIndex("operationMetrics"));
        assertThat(metrics)
                .containsEntry("numDeletedRows", "37")
                .containsEntry("numRemovedFiles", "1")
                .containsEntry("numDeletionVectorsAdded", "1");
        assertThat(DeltaLog.forTable(spark, uri)
                        .update(false, scala.Option.empty(), scala.Option.empty())
                        .allFiles()
                        .count())
                .as("one file left")
                .isEqualTo(1);
    }

    @Test
    void aCommitThatRemovedTheSameFilesMeanwhileIsAConflictAndARerunConverges() throws Exception {
        String uri = table("conflict", ADAPTER_LIKE);
        DeltaLog log = DeltaLog.forTable(spark, uri);
        Snapshot stale = log.update(false, scala.Option.empty(), scala.Option.empty());
        StructField customer = null;
        for (StructField f : stale.metadata().schema().fields()) if (f.name().equals("customer")) customer = f;
        // another writer deletes a different subject from every file after the erasure read the table
        spark.sql("DELETE FROM delta.`" + uri + "` WHERE customer = 3").collectAsList();
        long version = version(uri);

        StructField key = customer;
        Throwable conflict = org.assertj.core.api.Assertions.catchThrowable(
                () -> DeletionVectorDelete.delete(spark, log, stale, key, "77", Map.of(), false));

        assertThat(conflict).isInstanceOf(io.delta.exceptions.DeltaConcurrentModificationException.class);
        assertThat(version(uri)).as("nothing committed").isEqualTo(version);
        assertThat(spark.read().format("delta").load(uri).where("customer = 77").count())
                .isEqualTo(10);
        assertThat(new SparkDeltaEraser(spark).delete(uri, Map.of(), "customer", "77"))
                .isEqualTo(10);
        assertThat(spark.read().format("delta").load(uri).count()).isEqualTo(1980);
    }

    @Test
    void tablesThePathDoesNotCoverGoToDeltasDelete() {
        String cdf = table("cdf", Map.of("delta.enableDeletionVectors", "true", "delta.enableChangeDataFeed", "true"));
        String cow = table("cow", Map.of("delta.enableDeletionVectors", "false"));
        String partitioned = TestSpark.newDir("dv-part").resolve("t").toUri().toString();
        spark.range(0, 100)
                .selectExpr("id", "id % 10 AS customer")
                .write()
                .format("delta")
                .option("delta.enableDeletionVectors", "true")
                .partitionBy("customer")
                .save(partitioned);
        assertThat(covers(cdf, "customer")).isFalse();
        assertThat(covers(cow, "customer")).isFalse();
        assertThat(covers(partitioned, "customer")).isFalse();
        assertThat(covers(cdf, "id")).isFalse();

        SparkDeltaEraser eraser = new SparkDeltaEraser(spark);
        assertThat(eraser.delete(cdf, Map.of(), "customer", "5")).isEqualTo(10);
        assertThat(eraser.delete(cow, Map.of(), "customer", "5")).isEqualTo(10);
        assertThat(eraser.delete(partitioned, Map.of(), "customer", "5")).isEqualTo(10);
        for (String t : List.of(cdf, cow, partitioned)) {
            assertThat(spark.read()
                            .format("delta")
                            .load(t)
                            .where("customer = 5")
                            .count())
                    .as(t)
                    .isZero();
            Row commit = DeltaTable.forPath(spark, t).history(1).first();
            assertThat(commit.<String, String>getJavaMap(commit.fieldIndex("operationParameters"))
                            .get("predicate"))
                    .as("Delta's DELETE ran: it records its predicate")
                    .contains("customer");
        }
        assertThat(spark.read().format("delta").load(cdf).count()).isEqualTo(1990);
        assertThat(spark.read()
                        .format("delta")
                        .option("readChangeFeed", "true")
                        .option("startingVersion", 1)
                        .load(cdf)
                        .where("_change_type = 'delete'")
                        .count())
                .as("the change feed records the deletes")
                .isEqualTo(10);
    }

    @Test
    void statisticsRuleOutFilesOnlyWhenTheValueIsOutsideTheirRange() {
        String stats = "{\"numRecords\":5,\"minValues\":{\"col-1\":10},\"maxValues\":{\"col-1\":20},\"nullCount\":{}}";
        assertThat(DeletionVectorDelete.mayHold(stats, "col-1", 10)).isTrue();
        assertThat(DeletionVectorDelete.mayHold(stats, "col-1", 20)).isTrue();
        assertThat(DeletionVectorDelete.mayHold(stats, "col-1", 9)).isFalse();
        assertThat(DeletionVectorDelete.mayHold(stats, "col-1", 21)).isFalse();
        assertThat(DeletionVectorDelete.mayHold(stats, "other", 21))
                .as("no statistics for the column")
                .isTrue();
        assertThat(DeletionVectorDelete.mayHold(null, "col-1", 21)).isTrue();
        assertThat(DeletionVectorDelete.mayHold("{\"numRecords\":0}", "col-1", 15))
                .isFalse();
        assertThat(DeletionVectorDelete.mayHold("not json", "col-1", 15)).isTrue();
    }

    private boolean covers(String uri, String column) {
        Snapshot s = DeltaLog.forTable(spark, uri).update(false, scala.Option.empty(), scala.Option.empty());
        StructField field = null;
        for (StructField f : s.metadata().schema().fields()) if (f.name().equals(column)) field = f;
        return DeletionVectorDelete.covers(s, field);
    }

    /** The last commit's history figures, once checked that it is a {@code DELETE} without predicate (no value). */
    private Map<String, String> lastDeleteMetrics(String uri) {
        Row commit = DeltaTable.forPath(spark, uri).history(1).first();
        assertThat(commit.<String>getAs("operation")).isEqualTo("DELETE");
        Map<String, String> parameters = commit.getJavaMap(commit.fieldIndex("operationParameters"));
        assertThat(parameters.get("predicate")).as("no predicate, no value").isEqualTo("[]");
        return commit.getJavaMap(commit.fieldIndex("operationMetrics"));
    }

    private long version(String uri) {
        return SparkDeltaEraser.version(DeltaTable.forPath(spark, uri));
    }

    /** The table's live data files, sorted. */
    private List<String> dataFiles(String uri) {
        return java.util.Arrays.stream(spark.read().format("delta").load(uri).inputFiles())
                .sorted()
                .toList();
    }

    /** The deletion vector files in the table's folder. */
    private static List<String> deletionVectorFiles(String uri) throws Exception {
        try (var files = Files.list(Path.of(java.net.URI.create(uri)))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("deletion_vector_"))
                    .toList();
        }
    }

    /** The operations of the commits after {@code version}, in order. */
    private List<String> operationsAfter(String uri, long version) {
        return DeltaTable.forPath(spark, uri)
                .history()
                .where("version > " + version)
                .orderBy("version")
                .select("operation")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
    }

    /** The table's rows through Delta, as sorted text. */
    private List<String> rows(String uri) {
        Dataset<Row> df = spark.read().format("delta").load(uri);
        return df
                .selectExpr("concat_ws(',', customer, id, email)")
                .orderBy("id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()
                .stream()
                .sorted()
                .toList();
    }

    /** Every commit file of the table's log, as one text. */
    private static String logText(String uri) throws Exception {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(Path.of(java.net.URI.create(uri)).resolve("_delta_log"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) b.append(Files.readString(f));
        }
        return b.toString();
    }

    /** Rows of a customer in the Parquet files on disk, deleted or not (physical column names differ). */
    private long rawRows(String uri, long customer) throws Exception {
        try (var s = Files.walk(Path.of(java.net.URI.create(uri)))) {
            return rawRows(
                    s.map(Path::toString)
                            .filter(f -> f.endsWith(".parquet") && !f.contains("_delta_log"))
                            .toList(),
                    customer);
        }
    }

    /** Rows of a customer in the table's live Parquet files, read as Parquet: deletion vectors not applied. */
    private long liveRawRows(String uri, long customer) {
        return rawRows(dataFiles(uri), customer);
    }

    private long rawRows(List<String> files, long customer) {
        Dataset<Row> raw = spark.read().parquet(files.toArray(new String[0]));
        String customerColumn = raw.schema().fields()[1].name(); // id, customer, email in write order
        return raw.where(org.apache
                        .spark
                        .sql
                        .functions
                        .col("`" + customerColumn + "`")
                        .equalTo(customer))
                .count();
    }
}

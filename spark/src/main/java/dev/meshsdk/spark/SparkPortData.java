package dev.meshsdk.spark;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.PublishResult;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.data.TableFacts;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The data side of {@code local} and {@code s3} ports on Spark and Delta Lake:
 *
 * <ul>
 *   <li>publish: the file is read with Spark ({@link PublishFiles}: CSV with a header, JSON lines, Parquet; columns
 *       matched by name, values typed as the table's, a value that does not fit named by file, line and column),
 *       then write-audit-publish with the {@link DeltaPublisher}: the contract's rules of the table and NOT NULL of
 *       its required columns on exactly those rows, then the request's audit on a sample of them
 *       ({@link DatasetSample}), one Delta commit, nothing committed when a blocking rule fails or the audit denies;</li>
 *   <li>facts: the row count from the Delta log's file statistics (Delta answers {@code count()} from them without
 *       reading the data when every file has them), the last commit's time and the size from {@code DESCRIBE
 *       DETAIL}; for Parquet ports the count reads the files' footers and the time is the newest file's;</li>
 *   <li>sample: one Spark job, a Bernoulli sample over every file with a fraction sized from the row count (which
 *       Delta answers from its statistics), cut to the rows asked for on the driver; a table never written gives
 *       an empty sample.</li>
 * </ul>
 *
 * The Spark session is obtained on first use, never when created or asked {@link #supports}.
 */
final class SparkPortData implements PortData {
    private final Supplier<SparkSession> session;
    private final AdapterContext context;
    private final Optional<S3Settings> s3Defaults;
    private final DeltaPublisher publisher;
    private SparkSession spark;

    SparkPortData(Supplier<SparkSession> session, AdapterContext context) {
        this.session = session;
        this.context = context;
        this.s3Defaults = S3Settings.fromConfig(context);
        this.publisher = new DeltaPublisher(context);
    }

    @Override
    public boolean supports(PortBinding port) {
        return PortTables.supports(port);
    }

    @Override
    public PublishResult publish(PortBinding port, PublishRequest request) {
        SparkSession s = session();
        PortTables.Table table = PortTables.table(port, request.object(), context, s3Defaults);
        DeltaTable delta = DeltaPublisher.open(s, port, table);
        DeltaPublisher.Mode mode = request.mode() == PublishRequest.Mode.APPEND
                ? DeltaPublisher.Mode.APPEND
                : DeltaPublisher.Mode.OVERWRITE;
        try (PublishFiles.Read read =
                PublishFiles.read(s, port, request, delta.toDF().schema())) {
            DeltaPublisher.PublishResult r = publisher.publish(
                    port,
                    request.object(),
                    read.rows(),
                    mode,
                    request.rules(),
                    !read.persisted(),
                    request.audit(),
                    read.places());
            long total = count(s, table);
            return new PublishResult(
                    r.table(),
                    r.rows(),
                    total,
                    String.valueOf(r.version()),
                    context.clock().instant(),
                    r.results());
        }
    }

    /**
     * Up to {@code rows} rows of schema object {@code object} (its name or store name), values as text, in one Spark
     * job ({@link DatasetSample}): the row count comes from the table's metadata (Delta statistics, Parquet
     * footers), then each row is kept with the probability that yields at least the rows asked for, over every
     * file in parallel, and what is over is cut on the driver. Deleted rows (deletion vectors) are not read. A table
     * never written gives an empty sample.
     */
    @Override
    public Sample sample(PortBinding port, String object, int rows) {
        SchemaObject o = port.contract().schema().stream()
                .filter(x -> object.equals(x.name()) || object.equals(x.storeName()))
                .findFirst()
                .orElseThrow(() -> new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot sample schema object '"
                                + object + "' of " + DataFiles.describe(port) + ": contract "
                                + port.contract().id()
                                + " has no such object"));
        SparkSession s = session();
        PortTables.Table table = PortTables.table(port, o.storeName(), context, s3Defaults);
        Dataset<Row> data;
        try {
            data = s.read().format(table.format()).options(table.hadoopConf()).load(table.uri());
        } catch (Exception e) {
            if (e instanceof AnalysisException a && notThere(a)) {
                return Sample.empty(
                        o.properties().stream().map(SchemaProperty::storeName).toList());
            }
            throw sampleFailure(port, table, e);
        }
        try {
            return DatasetSample.of(data, data.count(), rows); // Delta counts from its statistics, Parquet from footers
        } catch (Exception e) {
            throw sampleFailure(port, table, e);
        }
    }

    private static MeshException sampleFailure(PortBinding port, PortTables.Table table, Exception e) {
        return new MeshException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot sample table '" + table.target() + "' of "
                        + DataFiles.describe(port) + " at " + table.uri() + ": "
                        + PublishFailure.redact(QualityRun.reason(e), table.hadoopConf())
                        + "; check that the store is reachable",
                e);
    }

    /** Whether reading failed because the table was never written (deployed, not yet published to). */
    private static boolean notThere(AnalysisException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("PATH_NOT_FOUND")
                || m.contains("not a Delta table")
                || m.contains("DELTA_MISSING_DELTA_TABLE")
                || m.contains("does not exist");
    }

    @Override
    public TableFacts facts(PortBinding port, String object) {
        SparkSession s = session();
        PortTables.Table table = PortTables.table(port, object, context, s3Defaults);
        try {
            if (table.format().equals("delta")) {
                Row detail = DeltaTable.forPath(s, table.uri(), table.hadoopConf())
                        .detail()
                        .first();
                Timestamp last = detail.getAs("lastModified");
                Long bytes = detail.getAs("sizeInBytes");
                return new TableFacts(
                        count(s, table), last == null ? null : last.toInstant(), bytes == null ? -1 : bytes);
            }
            Configuration conf = new Configuration(s.sparkContext().hadoopConfiguration());
            table.hadoopConf().forEach(conf::set);
            Path dir = new Path(table.uri());
            long newest = 0;
            long bytes = 0;
            FileSystem fs = dir.getFileSystem(conf);
            for (FileStatus f : fs.listStatus(dir)) {
                if (!f.isFile()
                        || f.getPath().getName().startsWith("_")
                        || f.getPath().getName().startsWith(".")) {
                    continue;
                }
                newest = Math.max(newest, f.getModificationTime());
                bytes += f.getLen();
            }
            return new TableFacts(count(s, table), newest == 0 ? null : Instant.ofEpochMilli(newest), bytes);
        } catch (MeshException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot read the facts of table '" + table.target()
                            + "' of " + DataFiles.describe(port) + " at " + table.uri() + ": "
                            + PublishFailure.redact(QualityRun.reason(e), table.hadoopConf())
                            + "; deploy the product first,"
                            + " and check the location and credentials",
                    e);
        }
    }

    /** The row count; on Delta answered from the log's file statistics where every file has them. */
    private static long count(SparkSession s, PortTables.Table table) {
        return s.read()
                .format(table.format())
                .options(table.hadoopConf())
                .load(table.uri())
                .count();
    }

    private synchronized SparkSession session() {
        if (spark == null) spark = session.get();
        return spark;
    }

    @Override
    public void close() {
        // The session belongs to whoever built it (see SparkSettings#getOrCreate).
    }
}

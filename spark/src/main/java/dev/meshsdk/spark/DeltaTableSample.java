package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.col;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A sample of one table of a {@code local} or {@code s3} port (Delta or Parquet), values as text, for
 * {@link dev.meshsdk.spi.data.PortData#sample}: the row count comes from the table's metadata (Delta statistics,
 * Parquet footers), then each row is kept with the probability that yields about the rows asked for (a
 * Bernoulli sample, not the first rows), and at most that many are returned. Deleted rows (deletion vectors) are
 * not read. Values never leave the returned {@link Sample}; failures name the table, not a value.
 */
public final class DeltaTableSample {
    private static final long SEED = 0x6d657368L;
    private final Supplier<SparkSession> session;
    private final AdapterContext context;

    public DeltaTableSample(Supplier<SparkSession> session, AdapterContext context) {
        this.session = session;
        this.context = context;
    }

    /** Whether the port is a {@code local} or {@code s3} server in format {@code delta} or {@code parquet}. */
    public boolean supports(PortBinding port) {
        return PortTables.supports(port);
    }

    /**
     * Up to {@code rows} rows of schema object {@code object} (its name or store name); an empty sample when the
     * table was never written.
     */
    public Sample sample(PortBinding port, String object, int rows) {
        SchemaObject o = port.contract().schema().stream()
                .filter(x -> object.equals(x.name()) || object.equals(x.storeName())).findFirst()
                .orElseThrow(() -> new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot sample schema object '"
                        + object + "' of port '" + port.port().name() + "': contract " + port.contract().id()
                        + " has no such object"));
        PortTables.Table t = PortTables.table(port, o.storeName(), context, Optional.empty());
        SparkSession spark = session.get();
        Dataset<Row> df;
        try {
            df = spark.read().format(t.format()).options(t.hadoopConf()).load(t.uri());
        } catch (Exception e) {
            if (e instanceof AnalysisException a && notThere(a)) {
                return Sample.empty(o.properties().stream().map(p -> p.storeName()).toList());
            }
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot sample table " + t.uri() + " of port '"
                    + port.port().name() + "': " + QualityRun.reason(e) + "; check that the store is reachable", e);
        }
        try {
            long total = df.count(); // Delta answers from its statistics, Parquet from the footers
            // no limit after the sample: a limit makes Spark scan partition after partition, job after job;
            // one job over every file in parallel returns about 1.1 x rows, cut below
            Dataset<Row> picked = total <= rows ? df.limit(rows)
                    : df.sample(false, Math.min(1.0, rows * 1.1 / total), SEED);
            List<String> columns = List.of(df.columns());
            Column[] asText = columns.stream().map(c -> col(QualityRun.quote(c)).cast("string").as(c)).toArray(Column[]::new);
            List<List<String>> out = new ArrayList<>();
            for (Row r : picked.select(asText).collectAsList()) {
                if (out.size() == rows) break;
                List<String> values = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) values.add(r.isNullAt(i) ? null : r.getString(i));
                out.add(values);
            }
            return new Sample(columns, out, total);
        } catch (Exception e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot sample table " + t.uri() + " of port '"
                    + port.port().name() + "': " + QualityRun.reason(e) + "; check that the store is reachable", e);
        }
    }

    private static boolean notThere(AnalysisException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("PATH_NOT_FOUND") || m.contains("not a Delta table") || m.contains("DELTA_MISSING_DELTA_TABLE")
                || m.contains("does not exist");
    }
}

package dev.meshsdk.spark;

import static org.apache.spark.sql.functions.col;

import dev.meshsdk.spi.data.Sample;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark's one sampler, for a port's table ({@link SparkPortData#sample}) and a publish's candidate rows
 * ({@link DeltaPublisher}): in one Spark job each row is kept with the probability that yields at least the rows
 * asked for ({@link Sample#bernoulliFraction}), over every partition in parallel, and what is over is cut on the
 * driver. Values as text; they never leave the {@link Sample}.
 */
final class DatasetSample {
    /** Fixed so that sampling the same data twice reads the same rows. */
    private static final long SEED = 0x6d657368L;

    private DatasetSample() {}

    /** Up to {@code rows} rows of {@code data}, which holds {@code total} rows. */
    static Sample of(Dataset<Row> data, long total, int rows) {
        // no limit after the sample: a limit makes Spark scan partition after partition, job after job
        Dataset<Row> picked = total <= rows ? data : data.sample(false, Sample.bernoulliFraction(rows, total), SEED);
        List<String> columns = List.of(data.columns());
        Column[] text = columns.stream()
                .map(c -> col(QualityRun.quote(c)).cast("string").as(c))
                .toArray(Column[]::new);
        List<List<String>> out = new ArrayList<>();
        for (Row r : picked.select(text).collectAsList()) {
            if (out.size() == rows) break;
            List<String> values = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) values.add(r.isNullAt(i) ? null : r.getString(i));
            out.add(values);
        }
        return new Sample(columns, out, total);
    }
}

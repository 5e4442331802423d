package dev.meshsdk.spi.data;

import java.util.List;
import java.util.Objects;

/**
 * Rows read from a table for classification, values as text (null for SQL NULL). Personal data:
 * {@link #toString()} shows only the shape.
 *
 * @param scanned how many rows the sample was drawn from, when known (else -1)
 */
public record Sample(List<String> columns, List<List<String>> rows, long scanned) {
    public Sample {
        columns = List.copyOf(columns);
        rows = rows.stream()
                .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                .toList();
        for (List<String> r : rows) {
            if (r.size() != columns.size())
                throw new IllegalArgumentException(
                        "Cannot build a sample: a row has " + r.size() + " values for " + columns.size() + " columns");
        }
    }

    public static Sample empty(List<String> columns) {
        return new Sample(Objects.requireNonNull(columns, "columns"), List.of(), 0);
    }

    /**
     * The share of a table's {@code total} rows to keep, each row on its own (a Bernoulli sample), so that at
     * least {@code rows} rows are kept but for a chance of about one in 30,000: the expected count plus four
     * standard deviations and a few rows, which is 1.04 times the rows for 10,000 and 3 times for 10. A sampler
     * keeps that share and cuts what is over {@code rows}; 1 when the table is not larger than that.
     */
    public static double bernoulliFraction(int rows, long total) {
        if (rows <= 0) throw new IllegalArgumentException("rows must be positive");
        if (total <= 0) return 1.0;
        double wanted = rows + 4 * Math.sqrt(rows) + 8;
        return Math.min(1.0, wanted / total);
    }

    @Override
    public String toString() {
        return "Sample[" + columns + ", " + rows.size() + " row(s), values hidden]";
    }
}

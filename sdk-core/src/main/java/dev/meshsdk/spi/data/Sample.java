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
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        for (List<String> r : rows) {
            if (r.size() != columns.size()) throw new IllegalArgumentException("Cannot build a sample: a row has "
                    + r.size() + " values for " + columns.size() + " columns");
        }
    }

    public static Sample empty(List<String> columns) {
        return new Sample(Objects.requireNonNull(columns, "columns"), List.of(), 0);
    }

    @Override
    public String toString() {
        return "Sample[" + columns + ", " + rows.size() + " row(s), values hidden]";
    }
}

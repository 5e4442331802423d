package dev.meshsdk.spi.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One record of a CSV file, where it starts and where each field starts. The fields are row values, personal
 * data as far as the SDK knows: {@link #toString()} shows only the position.
 *
 * @param line     the 1-based physical line the record starts on
 * @param lastLine the physical line it ends on (later than {@code line} when a quoted field holds line breaks)
 * @param lines    the 1-based physical line each field starts on
 * @param columns  the 1-based character column of each field's first character on its line
 * @param fields   the values; null for an unquoted empty field, the empty text for {@code ""}
 */
public record CsvRecord(long line, long lastLine, List<Long> lines, List<Integer> columns, List<String> fields) {
    public CsvRecord {
        lines = List.copyOf(lines);
        columns = List.copyOf(columns);
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    /** The line where field {@code index} (0-based) starts, or the record's first line when it has no such field. */
    public long line(int index) {
        return index >= 0 && index < lines.size() ? lines.get(index) : line;
    }

    /** The column where field {@code index} (0-based) starts, or 0 when the record has no such field. */
    public int column(int index) {
        return index >= 0 && index < columns.size() ? columns.get(index) : 0;
    }

    @Override
    public String toString() {
        return "CsvRecord[line " + line + ", " + fields.size() + " field(s), values hidden]";
    }
}

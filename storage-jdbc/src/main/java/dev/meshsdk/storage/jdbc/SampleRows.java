package dev.meshsdk.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the rows of a sampling query as text, for a {@link dev.meshsdk.spi.data.Sample}. */
public final class SampleRows {
    private SampleRows() {}

    /** Every row of {@code sql}, its first {@code width} columns as text (null for NULL). */
    public static List<List<String>> read(Statement s, String sql, int width) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }
}

package dev.meshsdk.storage.postgres;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.load.LoadFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every bad value of a file {@code COPY} refused, not only the first: {@code COPY} stops at its first error, so
 * once it failed the file is read once more into a temporary table of text columns and each value is assigned to a
 * variable of its column's type in a temporary PL/pgSQL function (the input function with the column's modifier,
 * as {@code COPY} uses it, on every PostgreSQL version) and checked against {@code NOT NULL}. Only on the failure
 * path: a publish that succeeds never pays for it. Nothing of the values leaves the server but their row, column
 * and SQLSTATE.
 *
 * <p>The scan only adds to what {@code COPY} said: when the file cannot be read as text
 * rows (a CSV format error), the scan finds nothing, or its first bad value is not where {@code COPY} stopped, the
 * first error alone is reported, as before.
 */
final class BadValueScan {
    private BadValueScan() {}

    /**
     * The bad values of {@code request}'s file as one {@code INVALID_INPUT}, or {@code first} (what {@code COPY}
     * refused) when they cannot be told. {@code words}: each column's type as messages name it (the contract's).
     */
    static MeshException all(
            ConnectionSource connections,
            PortBinding port,
            PublishRequest request,
            String target,
            Map<String, String> words,
            MeshException first) {
        try {
            MeshException all = NumberedCopy.rolledBack(
                    connections, port, request, (c, file) -> scan(c, port, file, target, words));
            return all == null || !firstLine(all).equals(firstLine(first)) ? first : all;
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            first.addSuppressed(new IllegalStateException("the other bad values could not be looked for: "
                    + e.getClass().getSimpleName()));
            return first;
        }
    }

    private static String firstLine(MeshException e) {
        String m = e.getMessage();
        int colon = m.indexOf(": Cannot publish");
        return colon < 0 ? m : m.substring(0, colon);
    }

    private static MeshException scan(
            Connection c, PortBinding port, LoadFile file, String target, Map<String, String> words)
            throws SQLException, java.io.IOException {
        List<String> columns = file.columns();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Boolean> required = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT attname, format_type(atttypid, atttypmod), attnotnull"
                + " FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped")) {
            s.setString(1, target);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    types.put(r.getString(1), r.getString(2));
                    required.put(r.getString(1), r.getBoolean(3));
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (String col : columns) {
            if (!types.containsKey(col)) return null;
            text.append(text.isEmpty() ? "" : ", ")
                    .append(Identifiers.quote("column", col))
                    .append(" text");
        }
        NumberedCopy.copy(c, file, "mesh_scan", text.toString());
        // a function per column that answers the SQLSTATE of assigning a value to the column's type, or null
        for (int i = 0; i < columns.size(); i++) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION pg_temp.mesh_try_" + i + "(v text) RETURNS text LANGUAGE plpgsql AS $f$"
                        + " DECLARE x " + types.get(columns.get(i)) + "; BEGIN x := v; RETURN NULL;"
                        + " EXCEPTION WHEN others THEN RETURN SQLSTATE; END $f$");
            }
        }
        // one row per bad value: its record's line, its column's position, the SQLSTATE; the record's line in the
        // CSV text is its last, counting the line breaks inside values, as COPY's line numbers do
        StringBuilder checks = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String col = Identifiers.quote("column", columns.get(i));
            checks.append(checks.isEmpty() ? "" : ", ")
                    .append("(")
                    .append(i)
                    .append(", CASE WHEN ")
                    .append(col)
                    .append(" IS NULL THEN ")
                    .append(required.get(columns.get(i)) ? "'23502'" : "NULL")
                    .append(" ELSE pg_temp.mesh_try_")
                    .append(i)
                    .append("(")
                    .append(col)
                    .append(") END)");
        }
        String bad = "WITH rows AS (SELECT *, " + NumberedCopy.line(columns)
                + " AS mesh_line FROM mesh_scan), bad AS (SELECT mesh_line, k, state FROM rows, LATERAL (VALUES "
                + checks + ") v(k, state) WHERE state IS NOT NULL)";
        List<DataFiles.BadValue> found = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(bad + " SELECT mesh_line, k, state FROM bad ORDER BY mesh_line, k LIMIT "
                        + DataFiles.BAD_VALUES_SHOWN)) {
            while (r.next()) {
                String col = columns.get(r.getInt(2));
                found.add(new DataFiles.BadValue(
                        file.location(r.getLong(1), col),
                        col,
                        CopyErrors.problem(r.getString(3), null, words.getOrDefault(col, types.get(col)), null)));
            }
        }
        if (found.isEmpty()) return null;
        Map<String, Long> byColumn = new LinkedHashMap<>();
        long total = 0;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(bad + " SELECT k, count(*) FROM bad GROUP BY k ORDER BY k")) {
            while (r.next()) {
                byColumn.put(columns.get(r.getInt(1)), r.getLong(2));
                total += r.getLong(2);
            }
        }
        return DataFiles.badValues(port, found, total, byColumn);
    }
}

package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test double for Redshift's {@code COPY ... FROM 's3://...'}, because there is no Redshift here: it records
 * the generated COPY text, reads the staged gzip parts back from S3 (S3Proxy), skips each header line, parses the
 * CSV (quoted fields, an unquoted empty field is NULL) and inserts the rows into the COPY's table and columns
 * (the column list of the COPY text, else the table's order), cast to the column types, through the Redshift driver
 * on the publishing connection.
 *
 * <p>A row that does not fit fails the COPY as Redshift does: one row in {@code STL_LOAD_ERRORS} (a table of that
 * name in PostgreSQL's {@code public} schema, written outside the load's transaction, with the part's
 * {@code s3://} name, the line in the part counting the header as 1, the column and the load error code; and, as
 * Redshift keeps them, the raw line and value and a reason quoting the value, which the SDK must never read), a
 * {@code pg_last_copy_id()} function returning its query id, and Redshift's error message.
 */
final class RedshiftCopyDouble implements RedshiftPublisher.CopyRunner {
    private static final Pattern COPY = Pattern.compile("^COPY (\"[^\"]+\")(?: \\(([^)]*)\\))? FROM");
    private static boolean fakeSystemTables;

    private final RedshiftWireServer server;
    private final TestS3 s3;
    String sql;
    final List<String> keysSeen = new ArrayList<>();
    final List<String> contents = new ArrayList<>();

    RedshiftCopyDouble(RedshiftWireServer server, TestS3 s3) {
        this.server = server;
        this.s3 = s3;
        synchronized (RedshiftCopyDouble.class) {
            if (!fakeSystemTables) {
                server.exec(
                        "CREATE SEQUENCE IF NOT EXISTS public.stl_load_errors_query",
                        "CREATE TABLE IF NOT EXISTS public.stl_load_errors (query int, filename char(256), line_number"
                                + " bigint, colname char(127), err_code int, raw_line char(1024), raw_field_value"
                                + " char(1024), err_reason varchar(100))",
                        "CREATE OR REPLACE FUNCTION public.pg_last_copy_id() RETURNS int LANGUAGE sql AS"
                                + " 'SELECT coalesce(max(query), -1) FROM public.stl_load_errors'");
                fakeSystemTables = true;
            }
        }
    }

    @Override
    public void copy(Connection c, String sql, StagedFiles files) throws SQLException {
        this.sql = sql;
        List<String> staged = s3.keys(files.folder());
        assertThat(staged)
                .as("the parts the publisher says it staged are in the bucket")
                .isEqualTo(files.keys());
        keysSeen.addAll(staged);
        Matcher m = COPY.matcher(sql);
        assertThat(m.find()).as("a COPY statement: " + sql).isTrue();
        String table = m.group(1);
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) types.put(md.getColumnName(i), md.getColumnTypeName(i));
        }
        List<String> columns = m.group(2) == null
                ? new ArrayList<>(types.keySet())
                : List.of(m.group(2).replace("\"", "").split(",\\s*"));
        String insert = "INSERT INTO " + table + " ("
                + String.join(", ", columns.stream().map(n -> "\"" + n + "\"").toList()) + ") VALUES ("
                + String.join(
                        ", ",
                        columns.stream()
                                .map(n -> "CAST(? AS " + types.get(n) + ")")
                                .toList()) + ")";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (String key : staged) {
                String text = s3.gunzipped(key);
                contents.add(text);
                List<List<String>> records = parse(text);
                for (int r = 1; r < records.size(); r++) {
                    List<String> values = records.get(r);
                    long line = lineOf(text, r);
                    Savepoint sp = c.setSavepoint();
                    try {
                        for (int i = 0; i < columns.size(); i++) ps.setString(i + 1, values.get(i));
                        ps.executeUpdate();
                        c.releaseSavepoint(sp);
                    } catch (SQLException e) {
                        c.rollback(sp);
                        refuse(c, files.bucket(), key, line, columns, types, values, e);
                    }
                }
            }
        }
    }

    /** Writes the STL_LOAD_ERRORS row the way Redshift does and fails the COPY with Redshift's message. */
    private void refuse(
            Connection c,
            String bucket,
            String key,
            long line,
            List<String> columns,
            Map<String, String> types,
            List<String> values,
            SQLException cause)
            throws SQLException {
        String column = "";
        int code = 1200;
        String value = "";
        for (int i = 0; i < columns.size(); i++) {
            String type = types.get(columns.get(i));
            String v = values.get(i);
            Savepoint sp = c.setSavepoint();
            try (PreparedStatement probe = c.prepareStatement("SELECT CAST(? AS " + type + ")")) {
                probe.setString(1, v);
                probe.executeQuery().close();
                c.releaseSavepoint(sp);
            } catch (SQLException e) {
                c.rollback(sp);
                column = columns.get(i);
                value = v;
                code = type.startsWith("int") || type.equals("bigint")
                        ? 1207
                        : type.startsWith("numeric") ? 1209 : 1200;
                break;
            }
            if (v == null
                    && "23502".equals(cause.getSQLState())
                    && cause.getMessage().contains("\"" + columns.get(i) + "\"")) {
                column = columns.get(i);
                code = 1213;
                break;
            }
        }
        try (Connection admin = server.admin();
                PreparedStatement ps = admin.prepareStatement(
                        "INSERT INTO"
                                + " public.stl_load_errors VALUES (nextval('public.stl_load_errors_query'), ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, "s3://" + bucket + "/" + key);
            ps.setLong(2, line);
            ps.setString(3, column);
            ps.setInt(4, code);
            ps.setString(
                    5,
                    String.join(
                            ",", values.stream().map(v -> v == null ? "" : v).toList()));
            ps.setString(6, value == null ? "" : value);
            ps.setString(7, "Invalid digit, Value '" + (value == null ? "" : value) + "', Pos 0");
            ps.executeUpdate();
        }
        throw new SQLException(
                "Load into table 'mesh_stage' failed.  Check 'stl_load_errors' system table for" + " details.",
                "XX000");
    }

    /** The 1-based line of the part where record {@code r} (0 is the header) starts. */
    private static long lineOf(String text, int r) {
        long line = 1;
        int record = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() && record < r; i++) {
            char ch = text.charAt(i);
            if (ch == '"') quoted = !quoted;
            if (ch == '\n') {
                line++;
                if (!quoted) record++;
            }
        }
        return line;
    }

    /** RFC 4180 records; an unquoted empty field is null. */
    static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',' || ch == '\n') {
                record.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (ch == '\n') {
                    out.add(record);
                    record = new ArrayList<>();
                }
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        if (field.length() > 0 || wasQuoted || !record.isEmpty()) {
            record.add(field.length() == 0 && !wasQuoted ? null : field.toString());
            out.add(record);
        }
        return out;
    }
}

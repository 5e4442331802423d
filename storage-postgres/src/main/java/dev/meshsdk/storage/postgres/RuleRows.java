package dev.meshsdk.storage.postgres;

import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import dev.meshsdk.storage.jdbc.Identifiers;
import dev.meshsdk.storage.jdbc.TableQuality;
import dev.meshsdk.storage.jdbc.load.LoadFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Places in the file the rows that break a refused publish's failed blocking row-level rules ({@code nullValues},
 * {@code missingValues}, {@code invalidValues}: each row that breaks it; {@code duplicateValues}: each row repeating
 * a key of an earlier row of the file or, appending, of the table), as Delta's publisher does: the rules ran on the
 * table, whose rows know no line, so the file is read again into a temporary table of the target's columns that
 * numbers its rows, and each rule's condition picks the first ones. Only on the failure path; nothing of a value
 * leaves the server but its row's line.
 */
final class RuleRows {
    private RuleRows() {}

    /**
     * {@code refused} with the offending rows placed, or as it is when none can be; a failure while placing them is
     * attached to it as suppressed, never put in its stead (the refusal is what the user must see). A rule no
     * condition can express (an {@code invalidValues} without valid values or a pattern: an {@code ERROR} result)
     * has no rows to place; the other rules' rows still are placed.
     *
     * @param target the port's table, as it is after the publish rolled back
     */
    static PublishBlockedException placed(
            PublishBlockedException refused,
            ConnectionSource connections,
            PortBinding port,
            PublishRequest request,
            String target) {
        if (refused.results().stream().noneMatch(QualityResult::blocks)) return refused;
        try {
            return NumberedCopy.rolledBack(
                    connections, port, request, (c, file) -> place(refused, c, file, request.mode(), target));
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            refused.addSuppressed(e);
            return refused;
        }
    }

    private static PublishBlockedException place(
            PublishBlockedException refused, Connection c, LoadFile file, PublishRequest.Mode mode, String target)
            throws SQLException, java.io.IOException {
        List<String> columns = file.columns();
        NumberedCopy.copy(c, file, "mesh_rows", "LIKE " + target);
        String rows = "(SELECT *, " + NumberedCopy.line(columns) + " AS mesh_line FROM mesh_rows) r";
        List<DataFiles.BadValue> offending = new ArrayList<>();
        long total = 0;
        for (QualityResult q : refused.results()) {
            ScopedRule r = q.rule();
            if (!q.blocks() || r.property() == null || !r.rule().effectiveType().equalsIgnoreCase("library")) continue;
            String metric = Objects.requireNonNullElse(r.rule().metric(), "");
            String what = DataFiles.ruleProblem(metric, r.rule().label());
            if (what == null || !columns.contains(r.property())) continue;
            String col = Identifiers.quote("column", r.property());
            List<Object> params = new ArrayList<>();
            String from = rows;
            String where;
            boolean duplicates = metric.equals("duplicateValues");
            if (duplicates) {
                // the rows repeating a key of an earlier row of the file, or (appending) of the table
                from = "(SELECT *, row_number() OVER (PARTITION BY " + col + " ORDER BY mesh_row) AS mesh_nth FROM "
                        + rows + ") d";
                where = col + " IS NOT NULL AND (mesh_nth > 1"
                        + (mode == PublishRequest.Mode.APPEND
                                ? " OR " + col + " IN (SELECT " + col + " FROM " + target + ")"
                                : "")
                        + ")";
            } else {
                String condition;
                try {
                    condition = TableQuality.offending(PostgresQualityEngine.DIALECT, r, params);
                } catch (IllegalArgumentException notEvaluated) {
                    continue; // the rule is an ERROR result, not a failed one: no row breaks it; place the others
                }
                if (condition == null) continue;
                where = "(" + condition + ")";
            }
            try (PreparedStatement s = c.prepareStatement("SELECT mesh_line, count(*) OVER ()"
                    + (duplicates ? ", mesh_nth > 1" : ", true") + " FROM " + from + " WHERE " + where
                    + " ORDER BY mesh_row LIMIT " + DataFiles.BAD_VALUES_SHOWN)) {
                for (int i = 0; i < params.size(); i++) s.setObject(i + 1, params.get(i));
                try (ResultSet rs = s.executeQuery()) {
                    long counted = 0;
                    while (rs.next()) {
                        offending.add(new DataFiles.BadValue(
                                file.location(rs.getLong(1), r.property()),
                                r.property(),
                                rs.getBoolean(3)
                                        ? what
                                        : DataFiles.repeatsTableKey(r.rule().label())));
                        counted = rs.getLong(2);
                    }
                    total += counted;
                }
            }
        }
        return offending.isEmpty()
                ? refused
                : new PublishBlockedException(refused.getMessage(), refused.results(), offending, total);
    }
}

package dev.meshsdk.storage.jdbc;

import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the rules of one table: every library metric ({@code rowCount}, {@code nullValues},
 * {@code missingValues}, {@code invalidValues}, {@code duplicateValues}) in one aggregate query, then each
 * {@code sql} rule on its own. Values from the contract (valid values, patterns) are bind parameters; names
 * are quoted identifiers. Runs on the caller's connection, so it can check a staging table inside the
 * publishing transaction. The dialect spells conditional counts and text casts
 * ({@link SqlDialect#countWhere}, {@link SqlDialect#asText}).
 */
public final class TableQuality {
    private TableQuality() {}

    /**
     * One result per rule, in order.
     *
     * @param table the table as SQL: a quoted, qualified name
     */
    public static List<QualityResult> evaluate(Connection c, SqlDialect dialect, String table, List<ScopedRule> rules)
            throws SQLException {
        QualityResult[] results = new QualityResult[rules.size()];
        List<String> selects = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        List<Integer> libraryRules = new ArrayList<>();
        selects.add("count(*)");
        for (int i = 0; i < rules.size(); i++) {
            ScopedRule r = rules.get(i);
            QualityRule rule = r.rule();
            String type = rule.effectiveType().toLowerCase(Locale.ROOT);
            if (rule.threshold().isEmpty()) {
                results[i] = error(r, "it has no mustBe... threshold to compare with; add one");
            } else if (type.equals("sql")) {
                continue;
            } else if (!type.equals("library")) {
                results[i] = error(
                        r,
                        "the " + dialect.name() + " engine evaluates library and sql rules, not '" + type + "' rules");
            } else {
                String expr;
                try {
                    expr = metric(dialect, r, params);
                } catch (IllegalArgumentException e) {
                    results[i] = error(r, e.getMessage());
                    continue;
                }
                libraryRules.add(i);
                selects.add(expr);
            }
        }
        if (!libraryRules.isEmpty()) {
            try {
                BigDecimal[] row = aggregate(c, table, selects, params);
                for (int k = 0; k < libraryRules.size(); k++) {
                    int i = libraryRules.get(k);
                    results[i] = compare(rules.get(i), measured(rules.get(i), row[k + 1], row[0]));
                }
            } catch (SQLException e) {
                // One bad rule (a column that is not there) fails the shared query: measure each on its own,
                // so that the others still get a result.
                for (int i : libraryRules) {
                    ScopedRule r = rules.get(i);
                    List<Object> own = new ArrayList<>();
                    try {
                        BigDecimal[] row = aggregate(c, table, List.of("count(*)", metric(dialect, r, own)), own);
                        results[i] = compare(r, measured(r, row[1], row[0]));
                    } catch (SQLException e2) {
                        results[i] = error(r, "the query failed: " + e2.getMessage());
                    }
                }
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            if (results[i] == null) results[i] = sqlRule(c, table, rules.get(i));
        }
        return List.of(results);
    }

    private static BigDecimal[] aggregate(Connection c, String table, List<String> selects, List<Object> params)
            throws SQLException {
        String sql = "SELECT " + String.join(", ", selects) + " FROM " + table;
        return guarded(c, () -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int p = 0; p < params.size(); p++) s.setObject(p + 1, params.get(p));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    BigDecimal[] out = new BigDecimal[selects.size()];
                    for (int k = 0; k < out.length; k++) out[k] = rs.getBigDecimal(k + 1);
                    return out;
                }
            }
        });
    }

    /** The count, or its share of the rows in percent when the rule's unit is percent. */
    private static BigDecimal measured(ScopedRule r, BigDecimal count, BigDecimal rowCount) {
        if (!percent(r.rule()) || "rowCount".equals(r.rule().metric())) return count;
        if (rowCount.signum() == 0) return BigDecimal.ZERO;
        return count.multiply(BigDecimal.valueOf(100)).divide(rowCount, 4, RoundingMode.HALF_UP);
    }

    private static QualityResult sqlRule(Connection c, String table, ScopedRule r) {
        String query = r.rule().query();
        if (query == null || query.isBlank()) return error(r, "the sql rule has no query; add one");
        String sql = query.replace("${object}", table).replace("{object}", table);
        if (r.property() != null) {
            String column = Identifiers.quote("column", r.property());
            sql = sql.replace("${property}", column).replace("{property}", column);
        }
        String run = sql;
        try {
            BigDecimal measured = guarded(c, () -> {
                try (PreparedStatement s = c.prepareStatement(run);
                        ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) throw new SQLException("the query returned no row");
                    return rs.getBigDecimal(1);
                }
            });
            if (measured == null) return error(r, "the query returned NULL");
            return compare(r, measured);
        } catch (SQLException e) {
            return error(r, "the query failed: " + e.getMessage());
        }
    }

    /** The aggregate expression of a library rule. */
    private static String metric(SqlDialect dialect, ScopedRule r, List<Object> params) {
        QualityRule rule = r.rule();
        String metric = rule.metric() == null ? "" : rule.metric();
        if (metric.equals("rowCount")) return "count(*)";
        if (r.property() == null) {
            throw new IllegalArgumentException("metric '" + metric + "' needs a property; put the rule on one");
        }
        String col = Identifiers.quote("column", r.property());
        if (metric.equals("duplicateValues")) return "count(" + col + ") - count(DISTINCT " + col + ")";
        String condition = offending(dialect, r, params);
        if (condition == null) {
            throw new IllegalArgumentException("metric '" + metric + "' is not one of rowCount, nullValues,"
                    + " missingValues, invalidValues, duplicateValues");
        }
        return dialect.countWhere(condition);
    }

    /**
     * The condition a row breaking row-level rule {@code r} meets on its own ({@code nullValues},
     * {@code missingValues}, {@code invalidValues}, on a property), its values added to {@code params}; null for
     * any other rule. {@code IllegalArgumentException} when the rule lacks what it needs.
     */
    public static String offending(SqlDialect dialect, ScopedRule r, List<Object> params) {
        QualityRule rule = r.rule();
        String metric = rule.metric() == null ? "" : rule.metric();
        if (r.property() == null
                || !List.of("nullValues", "missingValues", "invalidValues").contains(metric)) {
            return null;
        }
        String col = Identifiers.quote("column", r.property());
        Map<String, Object> args = rule.arguments();
        switch (metric) {
            case "nullValues":
                return col + " IS NULL";
            case "missingValues": {
                Collection<?> missing = list(args.get("missingValues"));
                String condition = col + " IS NULL";
                if (!missing.isEmpty()) {
                    condition += " OR " + dialect.asText(col) + " IN (" + marks(missing, params) + ")";
                }
                return condition;
            }
            default: { // invalidValues
                Collection<?> valid = list(args.get("validValues"));
                Object pattern = args.get("pattern");
                if (valid.isEmpty() && pattern == null) {
                    throw new IllegalArgumentException("invalidValues needs arguments validValues or pattern");
                }
                List<String> ok = new ArrayList<>();
                if (!valid.isEmpty()) ok.add(dialect.asText(col) + " IN (" + marks(valid, params) + ")");
                if (pattern != null) {
                    ok.add(dialect.asText(col) + " ~ ?");
                    params.add(String.valueOf(pattern));
                }
                return col + " IS NOT NULL AND NOT (" + String.join(" AND ", ok) + ")";
            }
        }
    }

    private static String marks(Collection<?> values, List<Object> params) {
        List<String> marks = new ArrayList<>();
        for (Object v : values) {
            marks.add("?");
            params.add(String.valueOf(v));
        }
        return String.join(", ", marks);
    }

    private static Collection<?> list(Object v) {
        if (v == null) return List.of();
        if (v instanceof Collection<?> c) return c;
        return List.of(v);
    }

    private static boolean percent(QualityRule rule) {
        return rule.unit() != null && rule.unit().toLowerCase(Locale.ROOT).startsWith("percent");
    }

    private static QualityResult compare(ScopedRule r, BigDecimal measured) {
        Threshold t = r.rule().threshold().orElseThrow();
        boolean ok = t.test(measured);
        return new QualityResult(
                r,
                ok ? QualityResult.Status.PASSED : QualityResult.Status.FAILED,
                measured,
                t,
                "rule '" + r.rule().label() + "' on " + r.scope() + ": measured " + measured.toPlainString()
                        + (ok ? ", " : ", expected ") + t);
    }

    private static QualityResult error(ScopedRule r, String why) {
        return new QualityResult(
                r,
                QualityResult.Status.ERROR,
                null,
                r.rule().threshold().orElse(null),
                "Cannot evaluate rule '" + r.rule().label() + "' on " + r.scope() + ": " + why);
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    /** Runs a query inside a savepoint when in a transaction, so one failing rule does not abort it. */
    private static <T> T guarded(Connection c, Query<T> q) throws SQLException {
        if (c.getAutoCommit()) return q.run();
        Savepoint sp = c.setSavepoint();
        try {
            T out = q.run();
            c.releaseSavepoint(sp);
            return out;
        } catch (SQLException e) {
            c.rollback(sp);
            throw e;
        }
    }
}

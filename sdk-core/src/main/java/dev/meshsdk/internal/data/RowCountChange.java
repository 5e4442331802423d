package dev.meshsdk.internal.data;

import dev.meshsdk.CheckReport;
import dev.meshsdk.model.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * A sudden drop or spike in a table's row count since the previous check: the count must stay within
 * {@code previous x (1 +- maxChange)}. The result's measured value is the row count itself, so that the next
 * check reads it back from the registry as its previous count. The first check of a table, and one after a
 * check that found no rows, has nothing to compare with: it passes and sets the baseline.
 */
final class RowCountChange {
    static final String RULE = "row count change";
    static final String METRIC = "rowCount";

    /** The previous check's count of a table and when it was taken. */
    record Previous(long rows, Instant at) {}

    private RowCountChange() {}

    /**
     * @param maxChange the allowed change as a share (0.5: +-50%), or null when the change is not checked
     */
    static CheckReport.RuleCheck evaluate(
            String scope, long rows, Previous previous, BigDecimal maxChange, String severity) {
        BigDecimal now = BigDecimal.valueOf(rows);
        if (previous == null || previous.rows() == 0 || maxChange == null) {
            String why = maxChange == null
                    ? "the change is not checked (mesh.check.maxRowChange=none)"
                    : previous == null
                            ? "the first check: later checks compare with this count"
                            : "the previous check found no rows: later checks compare with this count";
            return result(
                    scope,
                    now,
                    null,
                    severity,
                    CheckReport.Verdict.PASSED,
                    "row count of " + scope + ": " + rows + "; " + why);
        }
        BigDecimal before = BigDecimal.valueOf(previous.rows());
        BigDecimal low = before.multiply(BigDecimal.ONE.subtract(maxChange))
                .max(BigDecimal.ZERO)
                .setScale(0, RoundingMode.CEILING);
        BigDecimal high = before.multiply(BigDecimal.ONE.add(maxChange)).setScale(0, RoundingMode.FLOOR);
        Threshold t = new Threshold(Threshold.Operator.MUST_BE_BETWEEN, List.of(low, high));
        boolean ok = t.test(now);
        BigDecimal change =
                now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 1, RoundingMode.HALF_UP);
        String direction = change.signum() < 0
                ? change.negate().toPlainString() + "% fewer than"
                : change.toPlainString() + "% more than";
        return result(
                scope,
                now,
                t.toString(),
                severity,
                ok ? CheckReport.Verdict.PASSED : CheckReport.Verdict.FAILED,
                "row count of " + scope + ": " + rows + ", " + direction + " the " + previous.rows()
                        + " of the previous"
                        + " check (" + previous.at() + "); " + (ok ? "within" : "more than") + " the allowed "
                        + maxChange
                                .multiply(BigDecimal.valueOf(100))
                                .stripTrailingZeros()
                                .toPlainString()
                        + "% (mesh.check.maxRowChange)");
    }

    private static CheckReport.RuleCheck result(
            String scope,
            BigDecimal rows,
            String threshold,
            String severity,
            CheckReport.Verdict verdict,
            String message) {
        return new CheckReport.RuleCheck(
                CheckReport.Kind.ROW_COUNT_CHANGE,
                RULE,
                scope,
                METRIC,
                rows,
                threshold,
                "rows",
                severity,
                verdict,
                message);
    }
}

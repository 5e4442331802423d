package dev.meshsdk.maven;

import dev.meshsdk.CheckReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code mesh:check}'s table: a row per result, with the port, the rule, the measured value, the threshold and the verdict. */
final class CheckTable {
    private static final List<String> HEADER = List.of("port", "rule", "measured", "threshold", "verdict");

    private CheckTable() {}

    /** The table's lines, columns aligned. */
    static List<String> lines(CheckReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CheckReport.PortCheck port : report.ports()) {
            for (CheckReport.RuleCheck r : port.rules()) {
                rows.add(List.of(port(port), rule(r), measured(r), r.threshold() == null ? "" : r.threshold(),
                        verdict(r)));
            }
        }
        return aligned(rows);
    }

    /** Rows as lines, each column as wide as its widest cell plus two spaces; the first row is the header. */
    static List<String> aligned(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        List<String> out = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }

    /** {@code product/port}, with the contract major version from 2 on. */
    static String port(CheckReport.PortCheck port) {
        return port.productId() + "/" + port.port() + (port.majorVersion() >= 2 ? " v" + port.majorVersion() : "");
    }

    /** A result that fails the check, for the error message: the SDK's message, which names rule and values. */
    static String failure(CheckReport.RuleCheck r) {
        if (r.message() != null) return r.message() + " (" + r.severity() + ")";
        return rule(r) + " " + verdict(r) + (r.measured() == null ? "" : ", measured " + measured(r))
                + (r.threshold() == null ? "" : ", expected " + r.threshold());
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String rule(CheckReport.RuleCheck r) {
        return r.scope() == null || r.scope().equals(r.rule()) ? r.rule() : r.scope() + " " + r.rule();
    }

    private static String measured(CheckReport.RuleCheck r) {
        if (r.measured() == null) return "";
        BigDecimal m = r.measured().stripTrailingZeros();
        String value = m.scale() < 0 ? m.setScale(0).toPlainString() : m.toPlainString();
        return r.unit() == null || r.unit().isBlank() ? value : value + " " + r.unit();
    }

    private static String verdict(CheckReport.RuleCheck r) {
        return r.verdict() == CheckReport.Verdict.PASSED ? "passed" : lower(r.verdict()) + " (" + r.severity() + ")";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}

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
        for (CheckReport.PortCheck port : report.ports()) {
            for (CheckReport.RuleCheck r : port.rules()) {
                rows.add(List.of(
                        port(port), rule(r), measured(r), r.threshold() == null ? "" : r.threshold(), verdict(r)));
            }
        }
        return TextTable.lines(HEADER, rows);
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
}

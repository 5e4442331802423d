package dev.meshsdk.internal.descriptor;

import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.Threshold;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks that quality rules are well formed enough to run (code {@code MESH-QUALITY}). */
final class QualityChecks {
    static final String CODE = "MESH-QUALITY";
    static final Set<String> METRICS =
            Set.of("nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount");
    /** ODCS 3.0 library rule names and their ODCS 3.1 metric. */
    static final Map<String, String> ODCS30_RULES = Map.of(
            "duplicateCount",
            "duplicateValues",
            "validValues",
            "invalidValues",
            "nullCount",
            "nullValues",
            "missingCount",
            "missingValues",
            "rowCount",
            "rowCount",
            "nullCheck",
            "nullValues");

    private static final Set<String> UNITS = Set.of("rows", "percent");

    /**
     * The severities the SDK acts on, in any case: {@code error} (and {@code critical}) blocks publishing and fails
     * a check ({@code QualityRule.blocking}, {@code CheckReport.RuleCheck.fails}); {@code warning} (and {@code warn})
     * fails a check run with {@code failOn=warning}; {@code info} never fails. Any other value would act as
     * {@code info}, so a misspelt {@code error} would stop blocking without a word.
     */
    static final Set<String> SEVERITIES = Set.of("error", "critical", "warning", "warn", "info");

    private static final List<String> SEVERITIES_WRITTEN = List.of("error", "warning", "info");

    private QualityChecks() {}

    /**
     * @param formAdvice whether to warn about a rule written in the ODCS 3.0 form: not for a document the schema
     *                   of its own version refuses, whose errors may ask for that very form ({@code add 'rule'})
     */
    static void check(QualityRule rule, Path file, String pointer, Problems problems, boolean formAdvice) {
        String type = rule.effectiveType();
        String label = "Cannot run quality rule " + Quoted.of(rule.label()) + ": ";
        boolean legacy = rule.extensions().get("rule") instanceof String r && r.equals(rule.metric());
        if (type.equals("library")) {
            if (rule.metric() == null) {
                problems.error(
                        CODE,
                        file,
                        pointer,
                        label + "a library rule needs a metric",
                        "add 'metric:' with one of " + String.join(", ", sorted(METRICS)));
            } else if (legacy) {
                String now = ODCS30_RULES.get(rule.metric());
                if (now != null) {
                    if (formAdvice)
                        problems.warning(
                                CODE,
                                file,
                                Pointers.child(pointer, "rule"),
                                "Quality rule " + Quoted.of(rule.label()) + " uses 'rule: "
                                        + Quoted.shown(rule.metric()) + "', the ODCS 3.0 form",
                                "run mesh:upgrade, which writes 'metric: " + now + "' (ODCS 3.1)");
                } else if (!METRICS.contains(rule.metric())) {
                    String guess = Suggestions.closest(rule.metric(), METRICS);
                    problems.error(
                            CODE,
                            file,
                            Pointers.child(pointer, "rule"),
                            label + "unknown metric " + Quoted.of(rule.metric()),
                            (guess != null ? "perhaps you meant '" + guess + "'; " : "") + "use one of "
                                    + String.join(", ", sorted(METRICS)));
                }
            }
            if ("invalidValues".equals(rule.metric())
                    && !rule.arguments().containsKey("validValues")
                    && !rule.arguments().containsKey("pattern")) {
                problems.error(
                        CODE,
                        file,
                        pointer,
                        label + "metric invalidValues needs to know what is valid",
                        "add 'arguments: {validValues: [...]}' or 'arguments: {pattern: ...}'");
            } else if ("invalidValues".equals(rule.metric())) {
                validArguments(rule, file, Pointers.child(pointer, "arguments"), label, problems);
            }
        }
        if (type.equals("sql") && (rule.query() == null || rule.query().isBlank())) {
            problems.error(
                    CODE,
                    file,
                    pointer,
                    label + "a sql rule needs a query",
                    "add 'query:' with a SQL query returning one number");
        }
        if (rule.unit() != null && !UNITS.contains(rule.unit())) {
            problems.error(
                    CODE,
                    file,
                    Pointers.child(pointer, "unit"),
                    label + "unit " + Quoted.of(rule.unit()) + " is not supported",
                    "use 'rows' or 'percent'");
        }
        if (rule.severity() != null && !SEVERITIES.contains(rule.severity().toLowerCase(Locale.ROOT))) {
            String guess = Suggestions.closest(rule.severity().trim(), SEVERITIES_WRITTEN);
            problems.error(
                    CODE,
                    file,
                    Pointers.child(pointer, "severity"),
                    label + "severity " + Quoted.of(rule.severity()) + " is not one the SDK acts on",
                    (guess != null ? "perhaps you meant '" + guess + "'; " : "")
                            + "use error (a failure blocks publishing), warning or info");
        }
        if (type.equals("library") || type.equals("sql")) thresholds(rule, file, pointer, label, problems);
    }

    /**
     * What an {@code invalidValues} rule says is valid, as the stores run it: {@code validValues} a value or a list
     * that is not empty, {@code pattern} a text that is not empty.
     */
    private static void validArguments(QualityRule rule, Path file, String pointer, String label, Problems problems) {
        Map<String, Object> args = rule.arguments();
        if (args.containsKey("validValues")
                && (args.get("validValues") == null
                        || args.get("validValues") instanceof java.util.Collection<?> c && c.isEmpty())) {
            problems.error(
                    CODE,
                    file,
                    Pointers.child(pointer, "validValues"),
                    label + "validValues lists no value, so every value would be invalid",
                    "list the valid values ('validValues: [open, closed]'), or use 'pattern:'");
        }
        if (args.containsKey("pattern") && !(args.get("pattern") instanceof String s && !s.isEmpty())) {
            problems.error(
                    CODE,
                    file,
                    Pointers.child(pointer, "pattern"),
                    label + "pattern is empty, not a regular expression",
                    "write the regular expression valid values match ('pattern: \"^[A-Z]{3}$\"')");
        }
    }

    private static void thresholds(QualityRule rule, Path file, String pointer, String label, Problems problems) {
        List<String> written = new ArrayList<>();
        rule.threshold().ifPresent(t -> written.add(t.operator().key()));
        for (Threshold.Operator op : Threshold.Operator.values()) {
            if (!rule.extensions().containsKey(op.key())) continue;
            written.add(op.key());
            Object value = rule.extensions().get(op.key());
            if (SchemaMapper.threshold(PlainValues.toNode(value), op) != null) continue; // well formed, one too many
            boolean pair = op == Threshold.Operator.MUST_BE_BETWEEN || op == Threshold.Operator.MUST_NOT_BE_BETWEEN;
            problems.error(
                    CODE,
                    file,
                    Pointers.child(pointer, op.key()),
                    label + op.key() + " has " + describe(value) + ", not " + (pair ? "a pair of numbers" : "a number"),
                    pair
                            ? "write '" + op.key() + ": [low, high]' with low <= high"
                            : "write a number, e.g. '" + op.key() + ": 0'");
        }
        if (written.size() > 1) {
            problems.error(
                    CODE,
                    file,
                    pointer,
                    label + "it has " + written.size() + " comparisons (" + String.join(", ", written) + ")",
                    "keep exactly one mustBe... comparison per rule; split it into several rules");
        }
        rule.threshold().ifPresent(t -> {
            if (t.values().size() == 2 && t.values().get(0).compareTo(t.values().get(1)) > 0) {
                problems.error(
                        CODE,
                        file,
                        Pointers.child(pointer, t.operator().key()),
                        label + t.operator().key() + " [" + t.values().get(0).toPlainString() + ", "
                                + t.values().get(1).toPlainString() + "] has its low bound above its high bound",
                        "write the smaller number first");
            }
        });
    }

    private static String describe(Object v) {
        if (v == null) return "no value";
        if (v instanceof List<?> l) return "a list of " + l.size() + " value(s) " + Quoted.shown(String.valueOf(l));
        if (v instanceof Map<?, ?>) return "a mapping";
        return Quoted.of(String.valueOf(v));
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}

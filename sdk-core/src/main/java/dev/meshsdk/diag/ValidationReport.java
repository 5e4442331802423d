package dev.meshsdk.diag;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found by one validation, sorted by file, line and column. */
public record ValidationReport(List<Diagnostic> diagnostics) {
    private static final Comparator<Diagnostic> ORDER = Comparator.comparing(
                    (Diagnostic d) -> d.location().file().toString())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column())
            .thenComparing(Diagnostic::message);

    public ValidationReport {
        diagnostics = diagnostics.stream().sorted(ORDER).toList();
    }

    public static ValidationReport empty() {
        return new ValidationReport(List.of());
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream()
                .filter(d -> d.severity() == Severity.WARNING)
                .toList();
    }

    /** A new report with the diagnostics of both. */
    public ValidationReport plus(ValidationReport other) {
        return new ValidationReport(java.util.stream.Stream.concat(diagnostics.stream(), other.diagnostics.stream())
                .toList());
    }

    /** One line per diagnostic. */
    public String format() {
        return diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining(System.lineSeparator()));
    }
}

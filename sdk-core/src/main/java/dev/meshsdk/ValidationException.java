package dev.meshsdk;

import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.internal.engine.Governance;
import java.util.Objects;

/**
 * Descriptors have errors; {@link #report()} lists every one with its location. The message lists the errors only:
 * the warnings were reported as warnings already, and a failure is no place to repeat them.
 */
public class ValidationException extends MeshException {
    private final ValidationReport report;

    public ValidationException(ValidationReport report) {
        super(ErrorCode.INVALID_DESCRIPTOR, message(report));
        this.report = Objects.requireNonNull(report, "report");
    }

    /** As {@link #ValidationException(ValidationReport)}, for errors a component reported by throwing {@code cause}. */
    public ValidationException(ValidationReport report, Throwable cause) {
        super(ErrorCode.INVALID_DESCRIPTOR, message(report), cause);
        this.report = Objects.requireNonNull(report, "report");
    }

    public ValidationReport report() {
        return report;
    }

    private static String message(ValidationReport report) {
        int n = report.errors().size();
        long policies = report.errors().stream()
                .filter(d -> Governance.CODE.equals(d.code()))
                .count();
        String what = policies == 0
                ? " in the data product descriptors"
                : policies == n ? " from the policies" : " in the data product descriptors and from the policies";
        return "Cannot continue: " + n + " error(s)" + what + System.lineSeparator()
                + report.errors().stream()
                        .map(dev.meshsdk.diag.Diagnostic::format)
                        .collect(java.util.stream.Collectors.joining(System.lineSeparator()));
    }
}

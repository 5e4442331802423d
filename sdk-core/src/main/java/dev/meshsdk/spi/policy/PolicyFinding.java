package dev.meshsdk.spi.policy;

import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * One message from a {@code deny}, {@code violation} or {@code warn} rule. {@code location} is the
 * policy's file and line.
 */
public record PolicyFinding(
        Severity severity, String rule, String message, Map<String, Object> details, Location location) {
    public PolicyFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        details = details == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    public boolean denies() {
        return severity == Severity.ERROR;
    }
}

package dev.meshsdk.diag;

/** How serious a diagnostic is. Only {@link #ERROR} stops a build or a deploy. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}

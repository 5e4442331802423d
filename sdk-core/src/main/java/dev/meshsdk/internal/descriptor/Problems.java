package dev.meshsdk.internal.descriptor;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.SourceMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one check run, locating each by file and JSON pointer. Not thread-safe. */
final class Problems {
    private final SourceMap sources;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Problems(SourceMap sources) {
        this.sources = sources;
    }

    void error(String code, Path file, String pointer, String message, String hint) {
        diagnostics.add(Diagnostic.error(code, sources.locate(file, pointer), message, hint));
    }

    void warning(String code, Path file, String pointer, String message, String hint) {
        diagnostics.add(Diagnostic.warning(code, sources.locate(file, pointer), message, hint));
    }

    void add(Diagnostic d) {
        diagnostics.add(d);
    }

    void addAll(List<Diagnostic> ds) {
        diagnostics.addAll(ds);
    }

    List<Diagnostic> list() {
        return diagnostics;
    }
}

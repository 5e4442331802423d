package dev.meshsdk.internal.descriptor;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.SourceMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the diagnostics of one check run, locating each by file and JSON pointer. One element gets one
 * error: where a check of the SDK reports an element the schema also reports, the schema's more generic
 * error is left out ({@code mustBeGreaterThan: "5"} is "has '5', not a number", not also "string found,
 * number expected"). Not thread-safe.
 */
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
        Set<String> specific = new HashSet<>();
        for (Diagnostic d : diagnostics) {
            if (d.isError()
                    && !d.code().equals(SchemaDiagnostics.CODE)
                    && !d.location().pointer().isEmpty()) {
                specific.add(d.location().file() + "#" + d.location().pointer());
            }
        }
        if (specific.isEmpty()) return diagnostics;
        return diagnostics.stream()
                .filter(d -> !d.code().equals(SchemaDiagnostics.CODE)
                        || !specific.contains(
                                d.location().file() + "#" + d.location().pointer()))
                .toList();
    }
}

package dev.meshsdk.internal.descriptor;

import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.SourceMap;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The {@link SourceMap} of the files of one product (or one standalone document). */
final class DocumentSourceMap implements SourceMap {
    private final Map<Path, Positions> files = new HashMap<>();

    DocumentSourceMap add(ParsedDocument document) {
        files.put(document.file(), document.positions());
        return this;
    }

    @Override
    public Location locate(Path file, String pointer) {
        Positions p = files.get(file);
        return p == null ? new Location(file, 0, 0, pointer) : p.locate(file, pointer);
    }
}

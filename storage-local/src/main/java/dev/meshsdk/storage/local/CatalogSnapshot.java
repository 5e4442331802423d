package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An environment's catalog as a {@link FileCatalog} knows it at one {@link Token}: every entry file, sorted by
 * product id, with what a search and an offering look at. What a snapshot read from the {@link CatalogIndex}
 * holds of a file is parsed from its index line when first needed, and every entry is parsed from its file
 * when first needed, so that a new registry object answers without reading every entry file. Immutable but
 * for what is parsed, set once.
 *
 * @param listedAt   when the folder was last listed ({@link System#nanoTime()})
 * @param listedAtMs the same, as wall-clock milliseconds (kept in the index)
 * @param logOffset  how much of the change log the snapshot reflects
 * @param files      by file name
 */
record CatalogSnapshot(Token token, long listedAt, long listedAtMs, long logOffset, Map<String, Cached> files,
                       List<Cached> sorted) {
    static final CatalogSnapshot EMPTY = new CatalogSnapshot(null, 0, 0, 0, Map.of(), List.of());

    /** The state of an environment's catalog folder and change log, read before the folder or log is. */
    record Token(String folderKey, FileTime folderModified, String logKey, long logSize) {
        /** Whether only the log grew since {@code before} (the same log, longer). */
        boolean logGrewSince(Token before) {
            return before.logKey() != null && Objects.equals(before.logKey(), logKey) && logSize > before.logSize();
        }
    }

    static CatalogSnapshot of(Token token, long listedAt, long listedAtMs, long logOffset, Map<String, Cached> files) {
        List<Cached> sorted = new ArrayList<>(files.values());
        sorted.sort(Comparator.comparing(Cached::productId));
        return new CatalogSnapshot(token, listedAt, listedAtMs, logOffset, Map.copyOf(files), List.copyOf(sorted));
    }

    /**
     * An entry file as last seen: its attributes (which tell whether it changed since), what a search and an
     * offering look at, and the entry once parsed.
     */
    static final class Cached {
        private final String fileName;
        private final String productId;
        /** The line of the index this was read from, until parsed; null when read from the entry file. */
        private final String line;
        private final Path index;
        private volatile CatalogIndex.Summary summary;
        private volatile CatalogEntry entry;

        private Cached(String fileName, String productId, String line, Path index, CatalogIndex.Summary summary,
                       CatalogEntry entry) {
            this.fileName = fileName;
            this.productId = productId;
            this.line = line;
            this.index = index;
            this.summary = summary;
            this.entry = entry;
        }

        /** A file just parsed; {@code keep} false keeps what the index would, not the entry. */
        static Cached parsed(String fileName, BasicFileAttributes a, CatalogEntry entry, boolean keep) {
            Set<String> contracts = new LinkedHashSet<>();
            entry.outputPorts().forEach(p -> {
                if (p.contractId() != null) contracts.add(p.contractId());
            });
            CatalogIndex.Summary summary = new CatalogIndex.Summary(fileName, String.valueOf(a.fileKey()),
                    a.lastModifiedTime(), a.size(), entry.productId(), List.copyOf(contracts), CatalogQuery.Keys.of(entry));
            return new Cached(fileName, entry.productId(), null, null, summary, keep ? entry : null);
        }

        /** A file as a line of the index at {@code index} holds it, parsed when first needed. */
        static Cached indexed(CatalogIndex.Line line, Path index) {
            return new Cached(line.fileName(), line.productId(), line.text(), index, null, null);
        }

        /** Its line of the index. */
        String line() {
            return line != null ? line : CatalogIndex.line(summary());
        }

        /**
         * Whether it may match a search or offering whose index {@code tokens} these are: false only when its
         * index line, not parsed yet, lacks one of them.
         */
        boolean mayHold(List<String> tokens) {
            if (line == null || summary != null) return true;
            for (String t : tokens) {
                if (!line.contains(t)) return false;
            }
            return true;
        }

        /** Whether the file still has the attributes it had when this was read. */
        boolean same(BasicFileAttributes a) {
            CatalogIndex.Summary s = summary();
            return Objects.equals(s.fileKey(), String.valueOf(a.fileKey())) && s.modified().equals(a.lastModifiedTime())
                    && s.size() == a.size();
        }

        String fileName() {
            return fileName;
        }

        String productId() {
            return productId;
        }

        List<String> contracts() {
            return summary().contracts();
        }

        CatalogQuery.Keys keys() {
            return summary().keys();
        }

        /** The parsed entry; null until {@link #parsedAs}. */
        CatalogEntry entry() {
            return entry;
        }

        void parsedAs(CatalogEntry parsed) {
            this.entry = parsed;
        }

        private CatalogIndex.Summary summary() {
            CatalogIndex.Summary s = summary;
            if (s != null) return s;
            try {
                s = CatalogIndex.summary(line);
            } catch (RuntimeException e) {
                throw new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot read the catalog index " + index
                        + ": its line of " + fileName + " is not one the registry wrote (" + e.getMessage()
                        + "); delete the index, it is rebuilt from the entry files", e);
            }
            summary = s;
            return s;
        }
    }
}

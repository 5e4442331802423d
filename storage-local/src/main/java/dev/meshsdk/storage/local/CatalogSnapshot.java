package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

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
record CatalogSnapshot(
        Token token,
        long listedAt,
        long listedAtMs,
        long logOffset,
        Map<String, Cached> files,
        List<Cached> sorted,
        Offers offers) {
    static final CatalogSnapshot EMPTY = new CatalogSnapshot(null, 0, 0, 0, Map.of(), List.of(), new Offers());

    /** The state of an environment's catalog folder and change log, read before the folder or log is. */
    record Token(String folderKey, FileTime folderModified, String logKey, long logSize) {
        /** Whether only the log grew since {@code before} (the same log, longer). */
        boolean logGrewSince(Token before) {
            return before.logKey() != null && Objects.equals(before.logKey(), logKey) && logSize > before.logSize();
        }
    }

    private static final Comparator<Cached> BY_ID = Comparator.comparing(Cached::productId);

    /**
     * A snapshot of {@code files} (a map the caller hands over), in the order of {@code inOrder} (the same
     * files) when it is sorted by product id already, as an index and an update keep it, else sorted.
     */
    static CatalogSnapshot of(
            Token token,
            long listedAt,
            long listedAtMs,
            long logOffset,
            Map<String, Cached> files,
            List<Cached> inOrder) {
        List<Cached> sorted = new ArrayList<>(inOrder);
        for (int i = 1; i < sorted.size(); i++) {
            if (BY_ID.compare(sorted.get(i - 1), sorted.get(i)) > 0) {
                sorted.sort(BY_ID);
                break;
            }
        }
        return new CatalogSnapshot(
                token,
                listedAt,
                listedAtMs,
                logOffset,
                Collections.unmodifiableMap(files),
                Collections.unmodifiableList(sorted),
                new Offers());
    }

    /**
     * This snapshot at a later token with some files read again: {@code now} by file name, null for a file
     * that is gone. Costs a copy of the file list, not a sort.
     */
    CatalogSnapshot with(Token later, long laterLogOffset, Map<String, Cached> now) {
        Map<String, Cached> byName = new HashMap<>(files);
        List<Cached> order = new ArrayList<>(sorted);
        now.forEach((name, file) -> {
            Cached before = file == null ? byName.remove(name) : byName.put(name, file);
            if (before == file) return;
            if (before != null) order.remove(position(order, before));
            if (file != null) {
                int at = Collections.binarySearch(order, file, BY_ID);
                order.add(at < 0 ? -at - 1 : at, file);
            }
        });
        return of(later, listedAt, listedAtMs, laterLogOffset, byName, order);
    }

    /** Where {@code file} is in {@code order}, which is sorted by product id. */
    private static int position(List<Cached> order, Cached file) {
        int at = Collections.binarySearch(order, file, BY_ID);
        for (int i = at; i >= 0 && i < order.size() && BY_ID.compare(order.get(i), file) == 0; i--) {
            if (order.get(i) == file) return i;
        }
        for (int i = at + 1; i >= 1 && i < order.size() && BY_ID.compare(order.get(i), file) == 0; i++) {
            if (order.get(i) == file) return i;
        }
        return order.indexOf(file);
    }

    /** The files offering a contract, sorted by product id. */
    List<Cached> offering(String contractId) {
        Map<String, List<Cached>> byContract = offers.byContract;
        if (byContract == null) {
            // built at the first offering: a snapshot a search alone reads does not pay for it
            Map<String, List<Cached>> built = new HashMap<>();
            for (Cached c : sorted)
                c.contracts().forEach(id -> built.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(c));
            byContract = built;
            offers.byContract = built;
        }
        return byContract.getOrDefault(contractId, List.of());
    }

    /** The files offering each contract, once asked for. */
    static final class Offers {
        private volatile Map<String, List<Cached>> byContract;
    }

    /**
     * An entry file as last seen: its attributes (which tell whether it changed since), what a search and an
     * offering look at, and the entry once parsed.
     */
    static final class Cached {
        private final String fileName;
        private final String productId;
        /** Its line of the index: as read from the index, or once written for it. */
        private volatile String line;

        private final Path index;
        private volatile CatalogIndex.Summary summary;
        /** The contracts, read from the line alone when the rest of it is not needed. */
        private volatile List<String> contracts;

        private volatile CatalogEntry entry;

        private Cached(
                String fileName,
                String productId,
                String line,
                Path index,
                CatalogIndex.Summary summary,
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
            CatalogIndex.Summary summary = new CatalogIndex.Summary(
                    fileName,
                    String.valueOf(a.fileKey()),
                    a.lastModifiedTime(),
                    a.size(),
                    entry.productId(),
                    List.copyOf(contracts),
                    CatalogQuery.Keys.of(entry));
            return new Cached(fileName, entry.productId(), null, null, summary, keep ? entry : null);
        }

        /** A file as a line of the index at {@code index} holds it, parsed when first needed. */
        static Cached indexed(CatalogIndex.Line line, Path index) {
            return new Cached(line.fileName(), line.productId(), line.text(), index, null, null);
        }

        /** Its line of the index, formatted once. */
        String line() {
            String known = line;
            if (known == null) line = known = CatalogIndex.line(summary());
            return known;
        }

        /**
         * Whether it may match a search whose index {@link CatalogIndex#tokens} these are: false only when its
         * index line, not parsed yet, lacks one of them.
         */
        boolean mayHold(List<String> tokens) {
            return line == null || summary != null || CatalogIndex.holds(line, tokens);
        }

        /** Whether the file still has the attributes it had when this was read. */
        boolean same(BasicFileAttributes a) {
            CatalogIndex.Summary s = summary();
            return Objects.equals(s.fileKey(), String.valueOf(a.fileKey()))
                    && s.modified().equals(a.lastModifiedTime())
                    && s.size() == a.size();
        }

        String fileName() {
            return fileName;
        }

        String productId() {
            return productId;
        }

        List<String> contracts() {
            List<String> known = contracts;
            if (known != null) return known;
            CatalogIndex.Summary s = summary;
            known = s != null || line == null ? summary().contracts() : fromLine(CatalogIndex::contracts);
            contracts = known;
            return known;
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
            s = fromLine(CatalogIndex::summary);
            summary = s;
            return s;
        }

        private <T> T fromLine(Function<String, T> parse) {
            try {
                return parse.apply(line);
            } catch (RuntimeException e) {
                throw new MeshException(
                        ErrorCode.REGISTRY_FAILURE,
                        "Cannot read the catalog index " + index
                                + ": its line of " + fileName + " is not one the registry wrote (" + e.getMessage()
                                + "); delete the index, it is rebuilt from the entry files",
                        e);
            }
        }
    }
}

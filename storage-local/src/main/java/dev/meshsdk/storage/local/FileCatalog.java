package dev.meshsdk.storage.local;

import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.RegistryJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file registry's catalog: one JSON file per product in {@code <env>/_catalog/}, and an in-process
 * snapshot per environment (entries sorted by id, their search texts, and the products offering each
 * contract) so that search and offering answer without reading 5,000 files.
 *
 * <p>Every write of an entry, by any process, is followed by a line with the product id appended to
 * {@code _catalog/.changes}. A call costs two file attribute reads while nothing changed: the log's and the
 * folder's. When the log grew, only the products it names since the snapshot are read again, so another
 * build's deployment is seen by the next call. The snapshot is rebuilt from a listing of the folder (files
 * whose key, size and modification time are unchanged keep their parsed entry) when there is none yet,
 * when the folder changed without the log growing (a file added or removed by other means), when the log
 * was replaced or holds a line that is no product id, and at the latest {@link #VERIFY_AFTER_NANOS} after
 * the last listing, which catches an entry edited in place by hand. The log is only ever appended to; it
 * is a hint, the entry files are the catalog.
 */
final class FileCatalog implements Catalog {
    private static final String CHANGES = ".changes";
    /** How long a snapshot is trusted on the change log alone before the folder is listed again. */
    static final long VERIFY_AFTER_NANOS = 30_000_000_000L;
    /** A larger unread part of the log is not read: the folder is listed instead. */
    private static final long MAX_TAIL = 4 << 20;

    private final RegistryFolder folder;
    private final ConcurrentMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final AtomicLong listings = new AtomicLong();

    FileCatalog(RegistryFolder folder) {
        this.folder = folder;
    }

    @Override
    public List<CatalogEntry> entries(String environment) {
        return snapshot(environment).entries();
    }

    @Override
    public Optional<CatalogEntry> entry(String productId, String environment) {
        folder.checkRoot();
        Path file = folder.catalogFile(productId, environment);
        String action = "read the catalog entry of product '" + productId + "' in environment '" + environment + "'";
        Snapshot known = snapshots.get(environment);
        Cached cached = read(file, known == null ? null : known.files().get(file.getFileName().toString()), action);
        return Optional.ofNullable(cached).map(Cached::entry);
    }

    @Override
    public List<CatalogEntry> search(CatalogQuery query) {
        Snapshot s = snapshot(query.environment());
        String text = query.text();
        if (text == null || text.isBlank()) return s.entries().stream().filter(query::matches).toList();
        String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<CatalogEntry> out = new ArrayList<>();
        for (int i = 0; i < s.entries().size(); i++) {
            // the stored search text narrows; matches() decides
            if (containsAll(s.searchTexts().get(i), words) && query.matches(s.entries().get(i))) {
                out.add(s.entries().get(i));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<CatalogEntry> offering(String contractId, String environment) {
        return snapshot(environment).offers().getOrDefault(contractId, List.of());
    }

    /** Fails unless the entry file of {@code productId} is absent or readable: a corrupt one is never replaced. */
    void checkReplaceable(String productId, String environment) {
        read(folder.catalogFile(productId, environment), null, "replace the catalog entry of product '" + productId
                + "' in environment '" + environment + "'");
    }

    /** Writes an entry, then appends its product id to the change log, so that every snapshot sees it. */
    void put(CatalogEntry entry) throws IOException {
        Path file = folder.catalogFile(entry.productId(), entry.environment());
        AtomicFiles.write(file, RegistryJson.writeIndented(entry));
        JsonLines.appendLine(file.resolveSibling(CHANGES), (entry.productId() + "\n").getBytes(StandardCharsets.UTF_8),
                "the change log of the catalog of environment '" + entry.environment() + "'", true);
    }

    /** How many times this catalog listed a folder (rather than following the change log), for tests. */
    long listings() {
        return listings.get();
    }

    // ---- snapshots -----------------------------------------------------------------------------------

    /** The state of an environment's catalog folder and change log, as read before the folder or log is. */
    private record Token(Object folderKey, FileTime folderModified, Object logKey, long logSize) {}

    /** An entry file as parsed, with what tells whether the file changed since. */
    private record Cached(Object key, FileTime modified, long size, CatalogEntry entry, String searchText) {
        boolean same(BasicFileAttributes a) {
            return Objects.equals(key, a.fileKey()) && modified.equals(a.lastModifiedTime()) && size == a.size();
        }
    }

    /**
     * An environment's catalog as read at one token.
     *
     * @param listedAt  when the folder was last listed ({@link System#nanoTime()})
     * @param logOffset how much of the change log the snapshot reflects
     * @param files     by file name
     * @param offers    the entries offering each contract id, sorted by product id
     */
    private record Snapshot(Token token, long listedAt, long logOffset, Map<String, Cached> files,
                            List<CatalogEntry> entries, List<String> searchTexts, Map<String, List<CatalogEntry>> offers) {
        static final Snapshot EMPTY = new Snapshot(null, 0, 0, Map.of(), List.of(), List.of(), Map.of());
    }

    private Snapshot snapshot(String environment) {
        folder.checkRoot();
        Path dir = folder.catalogDir(environment);
        String action = "read the catalog of environment '" + environment + "'";
        Token token = token(dir, action);
        if (token == null) {
            snapshots.remove(environment);
            return Snapshot.EMPTY;
        }
        Snapshot known = snapshots.get(environment);
        long now = System.nanoTime();
        Snapshot fresh;
        if (known == null || now - known.listedAt() >= VERIFY_AFTER_NANOS) {
            fresh = list(dir, token, now, known, action);
        } else if (token.equals(known.token())) {
            return known;
        } else {
            Changes changes = logGrew(known.token(), token) ? changesSince(dir, known.logOffset(), token) : null;
            fresh = changes == null ? list(dir, token, now, known, action) : update(dir, token, known, changes, action);
        }
        snapshots.put(environment, fresh);
        return fresh;
    }

    /** Whether only the log grew (the same log, longer); a folder change without it needs a listing. */
    private static boolean logGrew(Token before, Token now) {
        return before.logKey() != null && Objects.equals(before.logKey(), now.logKey()) && now.logSize() > before.logSize();
    }

    /** The token, read before the folder is listed or the log read (what moves meanwhile is seen next time). */
    private static Token token(Path dir, String action) {
        BasicFileAttributes folderAttributes = attributes(dir, action);
        if (folderAttributes == null) return null;
        BasicFileAttributes log = attributes(dir.resolve(CHANGES), action);
        return new Token(folderAttributes.fileKey(), folderAttributes.lastModifiedTime(),
                log == null ? null : log.fileKey(), log == null ? 0 : log.size());
    }

    /** The products the change log names from some offset on, and the offset after the last whole line. */
    private record Changes(List<String> productIds, long offset) {}

    /**
     * The products the log names from {@code offset} up to the token's size, whole lines only; null when the
     * log cannot tell (too much unread, a line that is no product id).
     */
    private static Changes changesSince(Path dir, long offset, Token token) {
        long length = token.logSize() - offset;
        if (length <= 0 || length > MAX_TAIL) return null;
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(dir.resolve(CHANGES))) {
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                // read to the token's size; what was appended since is read next time
            }
        } catch (IOException e) {
            return null;
        }
        int end = buf.position();
        while (end > 0 && buf.get(end - 1) != '\n') end--;
        List<String> out = new ArrayList<>();
        for (String id : new String(buf.array(), 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (id.isEmpty()) continue;
            if (!RegistryFolder.isSafeId(id)) return null;
            out.add(id);
        }
        return new Changes(out, offset + end);
    }

    /** The snapshot with the products the log named read again. */
    private Snapshot update(Path dir, Token token, Snapshot known, Changes changes, String action) {
        Map<String, Cached> files = new HashMap<>(known.files());
        for (String id : changes.productIds()) {
            String name = id + ".json";
            Cached now = read(dir.resolve(name), files.get(name), action);
            if (now == null) files.remove(name); else files.put(name, now);
        }
        return build(token, known.listedAt(), changes.offset(), files);
    }

    /** The snapshot from a listing of the folder; unchanged files keep their parsed entry. */
    private Snapshot list(Path dir, Token token, long now, Snapshot known, String action) {
        listings.incrementAndGet();
        Map<String, Cached> before = known == null ? Map.of() : known.files();
        Map<String, Cached> files = new HashMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) continue;
                Cached read = read(file, before.get(name), action);
                if (read != null) files.put(name, read); // null: deleted since the listing
            }
        } catch (NoSuchFileException e) {
            return Snapshot.EMPTY;
        } catch (IOException e) {
            throw RegistryFolder.failure(action, dir, e);
        }
        return build(token, now, token.logSize(), files);
    }

    private static Snapshot build(Token token, long listedAt, long logOffset, Map<String, Cached> files) {
        List<Cached> sorted = new ArrayList<>(files.values());
        sorted.sort(Comparator.comparing(c -> c.entry().productId()));
        Map<String, List<CatalogEntry>> offers = new HashMap<>();
        for (Cached c : sorted) {
            Set<String> contracts = new LinkedHashSet<>();
            c.entry().outputPorts().forEach(p -> {
                if (p.contractId() != null) contracts.add(p.contractId());
            });
            contracts.forEach(id -> offers.computeIfAbsent(id, k -> new ArrayList<>()).add(c.entry()));
        }
        offers.replaceAll((k, v) -> List.copyOf(v));
        return new Snapshot(token, listedAt, logOffset, Map.copyOf(files), sorted.stream().map(Cached::entry).toList(),
                sorted.stream().map(Cached::searchText).toList(), Map.copyOf(offers));
    }

    /**
     * One entry file: {@code known} when the file did not change since it was parsed, else read and parsed;
     * null when there is no such file. A file that is not valid JSON fails the call naming it.
     */
    private static Cached read(Path file, Cached known, String action) {
        BasicFileAttributes attributes = attributes(file, action);
        if (attributes == null) return null;
        if (known != null && known.same(attributes)) return known;
        byte[] bytes = RegistryFolder.bytes(file, action);
        if (bytes == null) return null;
        try {
            CatalogEntry entry = RegistryJson.readEntry(bytes);
            return new Cached(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), entry,
                    CatalogQuery.searchText(entry));
        } catch (IOException e) {
            throw RegistryFolder.corrupt(action, file, 0, e);
        }
    }

    private static BasicFileAttributes attributes(Path path, String action) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw RegistryFolder.failure(action, path, e);
        }
    }

    private static boolean containsAll(String haystack, String[] words) {
        for (String w : words) {
            if (!haystack.contains(w)) return false;
        }
        return true;
    }
}

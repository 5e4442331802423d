package dev.meshsdk.storage.local;

import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import dev.meshsdk.spi.registry.RegistryJson;
import dev.meshsdk.storage.local.CatalogSnapshot.Cached;
import dev.meshsdk.storage.local.CatalogSnapshot.Token;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file registry's catalog: one JSON file per product in {@code <env>/_catalog/}, and an in-process
 * {@link CatalogSnapshot} per environment (every entry file with its search keys and offered contracts, sorted
 * by id) so that search and offering answer without reading 5,000 files: they read the keys, then parse only
 * the entries they return (once; the snapshot keeps them).
 *
 * <p>Every write of an entry, by any process, is followed by a line with the product id appended to
 * {@code _catalog/.changes}. A call costs two file attribute reads while nothing changed: the log's and the
 * folder's. When the log grew, only the products it names since the snapshot are read again, so another
 * build's deployment is seen by the next call. The snapshot is rebuilt from a listing of the folder (files
 * whose key, size and modification time are unchanged keep what was read of them) when there is none yet,
 * when the folder changed without the log growing (a file added or removed by other means), when the log
 * was replaced or holds a line that is no product id, and at the latest {@link #VERIFY_AFTER_NANOS} after
 * the last listing, which catches an entry edited in place by hand. The log is only ever appended to; it
 * is a hint, the entry files are the catalog.
 *
 * <p>A new registry object (every build) starts from the {@link CatalogIndex}, the snapshot as some process
 * persisted it, validated the same way: the log tail since it is followed, and a folder changed without the
 * log, a replaced log, or an index older than {@link #INDEX_TRUSTED_MS} since its listing make a listing.
 * Whoever brings a snapshot up to date rewrites the index when the one on disk would cost a new object more
 * than {@link #INDEX_LAG} entry reads, a listing, or is missing, altered or stale; a recording checks that
 * after each write, so the index stays within {@link #INDEX_LAG} products of the log without being
 * rewritten on every record.
 */
final class FileCatalog implements Catalog {
    private static final String CHANGES = ".changes";
    /** How long a snapshot is trusted on the change log alone before the folder is listed again. */
    static final long VERIFY_AFTER_NANOS = 30_000_000_000L;
    /** How long after its listing an index is trusted by a new object on the change log alone. */
    static final long INDEX_TRUSTED_MS = 10 * 60_000L;
    /** How many products the log may name past the index before it is rewritten. */
    static final int INDEX_LAG = 16;
    /** A larger unread part of the log is not read: the folder is listed instead. */
    private static final long MAX_TAIL = 4 << 20;
    /** Entries this object wrote are kept for its next snapshot only up to this many. */
    private static final int MAX_WRITTEN = 256;

    private final RegistryFolder folder;
    private final ConcurrentMap<String, CatalogSnapshot> snapshots = new ConcurrentHashMap<>();
    /** The entries this object wrote, by file, until a snapshot takes them instead of reading them again. */
    private final ConcurrentMap<Path, Cached> written = new ConcurrentHashMap<>();

    private final AtomicLong listings = new AtomicLong();
    private final AtomicLong parses = new AtomicLong();

    FileCatalog(RegistryFolder folder) {
        this.folder = folder;
    }

    @Override
    public List<CatalogEntry> entries(String environment) {
        CatalogSnapshot s = snapshot(environment);
        Path dir = folder.catalogDir(environment);
        String action = "read the catalog of environment '" + environment + "'";
        List<CatalogEntry> out = new ArrayList<>(s.sorted().size());
        for (Cached c : s.sorted()) {
            CatalogEntry e = parsed(dir, c, action);
            if (e != null) out.add(e);
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<CatalogEntry> entry(String productId, String environment) {
        folder.checkRoot();
        Path file = folder.catalogFile(productId, environment);
        String action = "read the catalog entry of product '" + productId + "' in environment '" + environment + "'";
        CatalogSnapshot known = snapshots.get(environment);
        Cached cached = read(
                file,
                action,
                known == null ? null : known.files().get(file.getFileName().toString()));
        return Optional.ofNullable(cached == null ? null : parsed(file.getParent(), cached, action));
    }

    @Override
    public List<CatalogEntry> search(CatalogQuery query) {
        CatalogSnapshot s = snapshot(query.environment());
        Path dir = folder.catalogDir(query.environment());
        String action = "search the catalog of environment '" + query.environment() + "'";
        List<String> tokens = CatalogIndex.tokens(query);
        List<CatalogEntry> out = new ArrayList<>();
        for (Cached c : s.sorted()) {
            if (!c.mayHold(tokens) || !query.matches(c.keys())) continue;
            // the keys select; the entry as it is now decides
            CatalogEntry e = parsed(dir, c, action);
            if (e != null && query.matches(e)) out.add(e);
        }
        return List.copyOf(out);
    }

    @Override
    public List<CatalogEntry> offering(String contractId, String environment) {
        CatalogSnapshot s = snapshot(environment);
        Path dir = folder.catalogDir(environment);
        String action = "find the products of environment '" + environment + "' offering contract '" + contractId + "'";
        List<CatalogEntry> out = new ArrayList<>();
        for (Cached c : s.offering(contractId)) {
            CatalogEntry e = parsed(dir, c, action);
            if (e != null && e.outputPorts().stream().anyMatch(p -> contractId.equals(p.contractId()))) out.add(e);
        }
        return List.copyOf(out);
    }

    /** Fails unless the entry file of {@code productId} is absent or readable: a corrupt one is never replaced. */
    void checkReplaceable(String productId, String environment) {
        read(
                folder.catalogFile(productId, environment),
                "replace the catalog entry of product '" + productId + "' in environment '" + environment + "'");
    }

    /**
     * Writes an entry, then appends its product id to the change log, so that every snapshot sees it; then
     * brings the index up to date if it lags too far. Called under the product's deploy lock.
     */
    void put(CatalogEntry entry) throws IOException {
        Path file = folder.catalogFile(entry.productId(), entry.environment());
        AtomicFiles.write(file, RegistryJson.writeIndented(entry));
        BasicFileAttributes attributes = attributes(file, "read the catalog entry just written");
        if (attributes != null) {
            if (written.size() >= MAX_WRITTEN) written.clear();
            // its keys, not the entry: a recording build seldom reads back what it wrote
            written.put(file, Cached.parsed(file.getFileName().toString(), attributes, entry, false));
        }
        JsonLines.appendLine(
                file.resolveSibling(CHANGES),
                (entry.productId() + "\n").getBytes(StandardCharsets.UTF_8),
                "the change log of the catalog of environment '" + entry.environment() + "'",
                true);
        try {
            Path dir = file.getParent();
            CatalogIndex.State indexed = CatalogIndex.readState(indexFile(entry.environment()));
            Token token = token(dir, "read the catalog of environment '" + entry.environment() + "'");
            if (indexed == null
                    || token == null
                    || !Objects.equals(indexed.logKey(), token.logKey())
                    || lines(dir, indexed.logOffset(), token.logSize()) >= INDEX_LAG) {
                snapshot(entry.environment());
            }
        } catch (MeshException e) {
            // the entry is recorded; the index is a cache, and what failed here fails the next read naming it
        }
    }

    /** How many times this catalog listed a folder (rather than following the change log), for tests. */
    long listings() {
        return listings.get();
    }

    /** How many entry files this catalog parsed, for tests. */
    long parses() {
        return parses.get();
    }

    // ---- snapshots -----------------------------------------------------------------------------------

    private CatalogSnapshot snapshot(String environment) {
        folder.checkRoot();
        Path dir = folder.catalogDir(environment);
        String action = "read the catalog of environment '" + environment + "'";
        Token token = token(dir, action);
        if (token == null) {
            snapshots.remove(environment);
            return CatalogSnapshot.EMPTY;
        }
        CatalogSnapshot known = snapshots.get(environment);
        boolean noIndex = false;
        if (known == null) {
            known = fromIndex(environment);
            noIndex = known == null;
        }
        long now = System.nanoTime();
        CatalogSnapshot fresh;
        if (known == null || now - known.listedAt() >= VERIFY_AFTER_NANOS) {
            fresh = list(dir, token, now, known, action);
        } else if (token.equals(known.token())) {
            fresh = known;
        } else {
            Changes changes = token.logGrewSince(known.token()) ? changesSince(dir, known.logOffset(), token) : null;
            fresh = changes == null ? list(dir, token, now, known, action) : update(dir, token, known, changes, action);
        }
        snapshots.put(environment, fresh);
        if (fresh != known) index(environment, dir, fresh, noIndex);
        return fresh;
    }

    /** The snapshot the index holds, trusted as a listing when recent enough; null without a whole index. */
    private CatalogSnapshot fromIndex(String environment) {
        Path file = indexFile(environment);
        CatalogIndex.Content index = CatalogIndex.read(file);
        if (index == null) return null;
        CatalogIndex.State state = index.state();
        Map<String, Cached> files = new HashMap<>();
        List<Cached> inOrder = new ArrayList<>(index.lines().size());
        for (CatalogIndex.Line line : index.lines()) {
            Cached c = Cached.indexed(line, file);
            files.put(line.fileName(), c);
            inOrder.add(c);
        }
        long age = System.currentTimeMillis() - state.listedAtMs();
        // an index listed long ago, or in the future of this clock, is listed again at the first call
        long listedAt = age >= 0 && age < INDEX_TRUSTED_MS ? System.nanoTime() : System.nanoTime() - VERIFY_AFTER_NANOS;
        return CatalogSnapshot.of(
                new Token(state.folderKey(), state.folderModified(), state.logKey(), state.logSize()),
                listedAt,
                state.listedAtMs(),
                state.logOffset(),
                files,
                inOrder);
    }

    /**
     * Persists {@code s} as the index when the one there is missing or unusable ({@code replace}), or would
     * serve a new object worse: it follows another log, lags more than {@link #INDEX_LAG} lines, needs a
     * listing, or was listed too long ago.
     */
    private void index(String environment, Path dir, CatalogSnapshot s, boolean replace) {
        Path file = indexFile(environment);
        CatalogIndex.State there = replace ? null : CatalogIndex.readState(file);
        if (there != null && Objects.equals(there.logKey(), s.token().logKey())) {
            Token thereToken = new Token(there.folderKey(), there.folderModified(), there.logKey(), there.logSize());
            boolean followsLog = s.token().equals(thereToken) || s.token().logGrewSince(thereToken);
            boolean listedRecently = s.listedAtMs() - there.listedAtMs() < INDEX_TRUSTED_MS / 2;
            if (followsLog
                    && listedRecently
                    && (there.logOffset() >= s.logOffset()
                            || lines(dir, there.logOffset(), s.logOffset()) < INDEX_LAG)) {
                return;
            }
        }
        List<String> lines = new ArrayList<>(s.sorted().size());
        s.sorted().forEach(c -> lines.add(c.line()));
        Token t = s.token();
        CatalogIndex.write(
                file,
                new CatalogIndex.State(
                        t.folderKey(), t.folderModified(), t.logKey(), t.logSize(), s.logOffset(), s.listedAtMs()),
                lines,
                replace);
    }

    private Path indexFile(String environment) {
        return folder.envDir(environment).resolve(CatalogIndex.FILE);
    }

    /** The token, read before the folder is listed or the log read (what moves meanwhile is seen next time). */
    private static Token token(Path dir, String action) {
        BasicFileAttributes folderAttributes = attributes(dir, action);
        if (folderAttributes == null) return null;
        BasicFileAttributes log = attributes(dir.resolve(CHANGES), action);
        return new Token(
                String.valueOf(folderAttributes.fileKey()),
                folderAttributes.lastModifiedTime(),
                log == null ? null : String.valueOf(log.fileKey()),
                log == null ? 0 : log.size());
    }

    /** The products the change log names from some offset on, and the offset after the last whole line. */
    private record Changes(List<String> productIds, long offset) {}

    /**
     * The products the log names from {@code offset} up to the token's size, whole lines only; null when the
     * log cannot tell (too much unread, a line that is no product id).
     */
    private static Changes changesSince(Path dir, long offset, Token token) {
        byte[] tail = tail(dir, offset, token.logSize());
        if (tail == null || tail.length == 0) return null;
        int end = tail.length;
        while (end > 0 && tail[end - 1] != '\n') end--;
        List<String> out = new ArrayList<>();
        for (String id : new String(tail, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (id.isEmpty()) continue;
            if (!RegistryFolder.isSafeId(id)) return null;
            out.add(id);
        }
        return new Changes(out, offset + end);
    }

    /** How many lines the log has from {@code from} to {@code to}; {@link Integer#MAX_VALUE} when unreadable. */
    private static int lines(Path dir, long from, long to) {
        if (to <= from) return 0;
        byte[] tail = tail(dir, from, to);
        if (tail == null) return Integer.MAX_VALUE;
        int n = 0;
        for (byte b : tail) if (b == '\n') n++;
        return n;
    }

    /** The log's bytes from {@code from} to {@code to}; null when more than {@link #MAX_TAIL} or unreadable. */
    private static byte[] tail(Path dir, long from, long to) {
        long length = to - from;
        if (length < 0 || length > MAX_TAIL) return null;
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(dir.resolve(CHANGES))) {
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                // read to the token's size; what was appended since is read next time
            }
        } catch (IOException e) {
            return null;
        }
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /** The snapshot with the products the log named read again. */
    private CatalogSnapshot update(Path dir, Token token, CatalogSnapshot known, Changes changes, String action) {
        Map<String, Cached> now = new HashMap<>();
        for (String id : new LinkedHashSet<>(changes.productIds())) {
            String name = id + ".json";
            Path file = dir.resolve(name);
            now.put(name, read(file, action, written.remove(file), known.files().get(name)));
        }
        return known.with(token, changes.offset(), now);
    }

    /** The snapshot from a listing of the folder; unchanged files keep what was read of them. */
    private CatalogSnapshot list(Path dir, Token token, long now, CatalogSnapshot known, String action) {
        listings.incrementAndGet();
        long listedAtMs = System.currentTimeMillis();
        Map<String, Cached> before = known == null ? Map.of() : known.files();
        Map<String, Cached> files = new HashMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) continue;
                Cached read = read(file, action, written.remove(file), before.get(name));
                if (read != null) files.put(name, read); // null: deleted since the listing
            }
        } catch (NoSuchFileException e) {
            return CatalogSnapshot.EMPTY;
        } catch (IOException e) {
            throw RegistryFolder.failure(action, dir, e);
        }
        return CatalogSnapshot.of(token, now, listedAtMs, token.logSize(), files, new ArrayList<>(files.values()));
    }

    /**
     * One entry file: the first of {@code known} whose attributes the file still has, else read and parsed;
     * null when there is no such file. A file that is not valid JSON fails the call naming it.
     */
    private Cached read(Path file, String action, Cached... known) {
        BasicFileAttributes attributes = attributes(file, action);
        if (attributes == null) return null;
        for (Cached k : known) {
            if (k != null && k.same(attributes)) return k;
        }
        CatalogEntry entry = parse(file, action);
        return entry == null ? null : Cached.parsed(file.getFileName().toString(), attributes, entry, true);
    }

    /** The entry of a file of a snapshot, parsed and kept at first use; null when the file is gone. */
    private CatalogEntry parsed(Path dir, Cached c, String action) {
        CatalogEntry entry = c.entry();
        if (entry != null) return entry;
        Path file = dir.resolve(c.fileName());
        BasicFileAttributes attributes = attributes(file, action);
        if (attributes == null) return null;
        entry = parse(file, action);
        // kept only when the file is still the one the snapshot knows; a newer one is read until the log names it
        if (entry != null && c.same(attributes)) c.parsedAs(entry);
        return entry;
    }

    private CatalogEntry parse(Path file, String action) {
        byte[] bytes = RegistryFolder.bytes(file, action);
        if (bytes == null) return null;
        parses.incrementAndGet();
        try {
            return RegistryJson.readEntry(bytes);
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
}

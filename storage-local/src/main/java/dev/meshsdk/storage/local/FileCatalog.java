package dev.meshsdk.storage.local;

import dev.meshsdk.spi.registry.RegistryJson;
import dev.meshsdk.spi.registry.Catalog;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import java.io.IOException;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The file registry's catalog: one JSON file per product in {@code <env>/_catalog/}, and an in-process
 * snapshot per environment (entries sorted by id, their search texts, and the products offering each
 * contract) so that search and offering answer without reading 5,000 files.
 *
 * <p>A snapshot is reused while its environment's token is unchanged: the folder's modification time and
 * the text of {@code _catalog/.changed}, a random stamp every write replaces after its entry (so a write in
 * the same clock tick is seen too). When the token moves, the folder is listed again and each file whose
 * key, size and modification time are unchanged keeps its parsed entry; the others are read. A write by
 * another process (another build sharing the folder) is therefore seen by the next call. A file edited in
 * place (by hand, not through a registry) moves no token, so a snapshot is also checked file by file when
 * it is older than {@link #VERIFY_AFTER_NANOS}.
 */
final class FileCatalog implements Catalog {
    private static final String STAMP = ".changed";
    /** How long a snapshot is trusted on its token alone before its files are checked one by one. */
    static final long VERIFY_AFTER_NANOS = 2_000_000_000L;

    private final RegistryFolder folder;
    private final ConcurrentMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();

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
        BasicFileAttributes attributes = attributes(file, action);
        if (attributes == null) return Optional.empty();
        Snapshot known = snapshots.get(environment);
        Cached cached = known == null ? null : known.files().get(file.getFileName().toString());
        if (cached != null && cached.same(attributes)) return Optional.of(cached.entry());
        return Optional.ofNullable(load(file, attributes, action)).map(Cached::entry);
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
        Path file = folder.catalogFile(productId, environment);
        String action = "replace the catalog entry of product '" + productId + "' in environment '" + environment + "'";
        BasicFileAttributes attributes = attributes(file, action);
        if (attributes != null) load(file, attributes, action);
    }

    /** Writes an entry, then a new stamp, so that every snapshot of the environment is renewed. */
    void put(CatalogEntry entry) throws IOException {
        Path file = folder.catalogFile(entry.productId(), entry.environment());
        AtomicFiles.write(file, RegistryJson.writeIndented(entry));
        AtomicFiles.write(file.resolveSibling(STAMP), UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    // ---- snapshots -----------------------------------------------------------------------------------

    /** What identifies a state of an environment's catalog folder; any write changes it. */
    private record Token(Object folderKey, FileTime folderModified, String stamp) {}

    /** An entry file as parsed, with what tells whether the file changed since. */
    private record Cached(Object key, FileTime modified, long size, CatalogEntry entry, String searchText) {
        boolean same(BasicFileAttributes a) {
            return Objects.equals(key, a.fileKey()) && modified.equals(a.lastModifiedTime()) && size == a.size();
        }
    }

    /**
     * An environment's catalog as read at one token.
     *
     * @param files  by file name
     * @param offers the entries offering each contract id, sorted by product id
     */
    private record Snapshot(Token token, long verifiedAt, Map<String, Cached> files, List<CatalogEntry> entries,
                            List<String> searchTexts, Map<String, List<CatalogEntry>> offers) {
        static final Snapshot EMPTY = new Snapshot(null, 0, Map.of(), List.of(), List.of(), Map.of());
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
        if (known != null && known.token().equals(token) && now - known.verifiedAt() < VERIFY_AFTER_NANOS) return known;
        Snapshot fresh = load(dir, token, now, known == null ? Map.of() : known.files(), action);
        snapshots.put(environment, fresh);
        return fresh;
    }

    /** The folder's token, taken before it is listed (a write during the listing moves it again); null when absent. */
    private static Token token(Path dir, String action) {
        BasicFileAttributes attributes = attributes(dir, action);
        if (attributes == null) return null;
        String stamp;
        try {
            stamp = Files.readString(dir.resolve(STAMP), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            stamp = "";
        } catch (IOException e) {
            throw RegistryFolder.failure(action, dir.resolve(STAMP), e);
        }
        return new Token(attributes.fileKey(), attributes.lastModifiedTime(), stamp);
    }

    private Snapshot load(Path dir, Token token, long verifiedAt, Map<String, Cached> known, String action) {
        Map<String, Cached> files = new HashMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) continue;
                BasicFileAttributes attributes = attributes(file, action);
                if (attributes == null) continue; // deleted since the listing
                Cached before = known.get(name);
                Cached now = before != null && before.same(attributes) ? before : load(file, attributes, action);
                if (now != null) files.put(name, now);
            }
        } catch (NoSuchFileException e) {
            return Snapshot.EMPTY;
        } catch (IOException e) {
            throw RegistryFolder.failure(action, dir, e);
        }
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
        return new Snapshot(token, verifiedAt, Map.copyOf(files), sorted.stream().map(Cached::entry).toList(),
                sorted.stream().map(Cached::searchText).toList(), Map.copyOf(offers));
    }

    /** Reads and parses one entry file; null when it was deleted meanwhile. A corrupt file fails the call. */
    private Cached load(Path file, BasicFileAttributes attributes, String action) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw RegistryFolder.failure(action, file, e);
        }
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

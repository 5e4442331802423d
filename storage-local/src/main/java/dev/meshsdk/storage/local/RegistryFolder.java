package dev.meshsdk.storage.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.RegistryJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The file registry's folder: where each of its files lives, and how they are read and written. Layout
 * under the root: {@code <env>/<productId>/current.json}, {@code history.jsonl}, {@code deploy.lock} and
 * {@code quality/<port>.jsonl}; {@code <env>/_catalog/<productId>.json}; {@code <env>/_catalog.index}, a
 * cache of the catalog's search keys ({@link CatalogIndex}); {@code <env>/_erasures/<subject hash>.jsonl}
 * and {@code _erasure.key} ({@link FileErasureLog}). A file that is not valid JSON
 * fails the call naming it and is never overwritten or skipped.
 */
final class RegistryFolder {
    static final String CATALOG_DIR = "_catalog";

    final Path root;

    /** Whether the root has been seen as a folder: once it was, its going away is a failure, never "empty". */
    private volatile boolean seen;

    /**
     * Opens the folder without creating it: the first write creates it (a deploy), a reader never does. A root
     * that is a file, or a folder this user may not read, fails here.
     */
    RegistryFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (Files.isRegularFile(this.root)) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot open the file registry at " + this.root
                            + ": it is a file, not a folder; set " + FileRegistryFactory.ROOT_KEY
                            + " to a folder (a deploy creates it if missing)");
        }
        seen = Files.isDirectory(this.root);
        if (seen && !Files.isReadable(this.root)) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot open the file registry at " + this.root
                            + ": this user may not read the folder; check its permissions, or set "
                            + FileRegistryFactory.ROOT_KEY + " to another folder");
        }
    }

    /**
     * Before a read or a write: fails when the root is gone after it was seen (an unmounted shared disk), so that
     * a registry never answers with an empty catalog when it cannot be read. A root that never existed reads as
     * empty (nothing deployed yet) and is created by the first write.
     */
    void checkRoot() {
        if (Files.isDirectory(root)) {
            seen = true;
        } else if (seen) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot read the file registry at " + root
                            + ": the folder is gone; check that the disk holding it is mounted and reachable (it is set by "
                            + FileRegistryFactory.ROOT_KEY + ")");
        }
    }

    /** For readers of the catalog: fails when the root does not exist (see {@link FileRegistry#requireExists()}). */
    void requireExists() {
        if (Files.isDirectory(root)) return;
        throw new MeshException(
                ErrorCode.REGISTRY_FAILURE,
                "Cannot read the file registry at " + root + ": the"
                        + " folder does not exist; check " + FileRegistryFactory.ROOT_KEY
                        + " (relative paths are relative to"
                        + " the project) and that the disk holding it is mounted; the first mesh:deploy to a registry creates"
                        + " its folder, reading the catalog does not");
    }

    Path envDir(String environment) {
        return root.resolve(safeId(environment, "environment"));
    }

    Path productDir(String productId, String environment) {
        return envDir(environment).resolve(safeId(productId, "product id"));
    }

    Path catalogDir(String environment) {
        return envDir(environment).resolve(CATALOG_DIR);
    }

    Path catalogFile(String productId, String environment) {
        return catalogDir(environment).resolve(safeId(productId, "product id") + ".json");
    }

    /** Rejects ids that could leave the registry's folder or collide with its own files. */
    static String safeId(String id, String what) {
        if (!isSafeId(id)) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot use " + what + " '" + id + "' in the file registry: use "
                            + dev.meshsdk.model.IdRule.DESCRIPTION);
        }
        return id;
    }

    /** Whether {@code id} may name a registry file (see {@link #safeId}). */
    static boolean isSafeId(String id) {
        return dev.meshsdk.model.IdRule.isValid(id);
    }

    /** The bytes of a registry file; null when it does not exist. {@code action} says what failed. */
    static byte[] bytes(Path file, String action) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failure(action, file, e);
        }
    }

    /** Reads one JSON file as {@code type}; null when it does not exist. */
    <T> T read(Path file, Class<T> type, String what) {
        byte[] bytes = bytes(file, "read " + what);
        if (bytes == null) return null;
        try {
            return RegistryJson.read(bytes, type);
        } catch (IOException e) {
            throw corrupt("read " + what, file, 0, e);
        }
    }

    /** A file or folder of the registry could not be read or written. */
    static MeshException failure(String what, Path where, IOException e) {
        return new MeshException(
                ErrorCode.REGISTRY_FAILURE,
                "Cannot " + what + " at " + where + ": " + reason(e)
                        + "; check that the registry folder is reachable and that this user may read and write it",
                e);
    }

    /**
     * A registry file that is not what the registry wrote: named with the line for JSON lines
     * ({@code line} > 0), left as it is. The parser's line and column are said once, in words, and its
     * message without the location it repeats; the cause keeps no location either, so that Maven, which
     * appends a cause's message it does not find in the message, adds nothing.
     */
    static MeshException corrupt(String action, Path file, int line, IOException e) {
        String what;
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            String where = at == null || at.getLineNr() < 1
                    ? ""
                    : line > 0
                            ? " at column " + at.getColumnNr()
                            : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String detail = firstLine(j.getOriginalMessage()).replaceAll("\\[Source: .*?; line:", "[line:");
            j.clearLocation();
            what = (j instanceof JsonParseException ? "is not valid JSON" : "is not valid registry JSON") + where + " ("
                    + detail + ")";
        } else {
            what = "is not valid registry JSON (" + firstLine(reason(e)) + ")";
        }
        return new MeshException(
                ErrorCode.REGISTRY_FAILURE,
                "Cannot " + action + ": " + file
                        + (line > 0 ? " line " + line : "") + " " + what + "; restore it from a backup, or delete "
                        + (line > 0
                                ? "that line (its record is lost)"
                                : "it (the product's next mesh:deploy records it again)")
                        + "; nothing was overwritten",
                e);
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (m == null) return kind;
        // NIO puts only the path in the message of most of its exceptions; the class says what happened
        return e instanceof java.nio.file.FileSystemException ? kind + " " + m : m;
    }

    private static String firstLine(String text) {
        if (text == null) return "no detail";
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}

package dev.meshsdk.storage.local;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.ErasureLog;
import dev.meshsdk.spi.registry.ErasureReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file registry's erasure log: {@code <env>/_erasures/<subject hash>.jsonl}, one receipt a line, appended
 * by any process (see {@link JsonLines}). File names are the keyed hashes, never a subject's value.
 *
 * <p>For the embedded setup, where no key is configured, the registry keeps one: {@code <root>/_erasure.key},
 * 32 random bytes in hexadecimal, made on first use (readable by its owner only where the file system has
 * POSIX permissions) and shared by every build using the folder. Anyone who can read that file and the
 * receipts can test guessed subject values against them; configure the secret {@code mesh-erasure-key}
 * instead when the folder is shared beyond one team's machines.
 */
final class FileErasureLog implements ErasureLog {
    static final String DIR = "_erasures";
    static final String KEY_FILE = "_erasure.key";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final RegistryFolder folder;

    FileErasureLog(RegistryFolder folder) {
        this.folder = folder;
    }

    @Override
    public void record(ErasureReceipt receipt) {
        folder.checkRoot();
        JsonLines.append(file(receipt.subjectHash(), receipt.environment()), receipt, what(receipt.environment()));
    }

    @Override
    public List<ErasureReceipt> receipts(String subjectHash, String environment) {
        folder.checkRoot();
        return JsonLines.read(file(subjectHash, environment), ErasureReceipt.class, what(environment));
    }

    @Override
    public Optional<byte[]> keptKey() {
        folder.checkRoot();
        Path key = folder.root.resolve(KEY_FILE);
        byte[] found = RegistryFolder.bytes(key, "read the erasure key");
        if (found == null) {
            create(key);
            found = RegistryFolder.bytes(key, "read the erasure key");
        }
        String hex = found == null ? "" : new String(found, StandardCharsets.US_ASCII).trim();
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot read the erasure key at " + key + ": it is"
                            + " not 64 hexadecimal digits; restore it from backup (receipts hashed with another key no"
                            + " longer match their subjects), or configure the secret mesh-erasure-key");
        }
        return Optional.of(HexFormat.of().parseHex(hex));
    }

    /** Writes a new key, unless another process wrote one first (the link fails then, and its key is kept). */
    private static void create(Path key) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            Files.createDirectories(key.getParent());
            Path tmp = Files.createTempFile(key.getParent(), "." + KEY_FILE, ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
                Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.createLink(key, tmp);
                } catch (FileAlreadyExistsException raced) {
                    // another build made it first: use theirs
                } catch (UnsupportedOperationException | IOException noLinks) {
                    if (!Files.exists(key)) Files.move(tmp, key, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw RegistryFolder.failure("create the erasure key", key, e);
        }
    }

    private Path file(String subjectHash, String environment) {
        if (subjectHash == null || !HASH.matcher(subjectHash).matches()) {
            throw new MeshException(
                    ErrorCode.INTERNAL,
                    "Cannot look up erasure receipts: the subject hash is not 64" + " lower-case hexadecimal digits");
        }
        return folder.envDir(environment).resolve(DIR).resolve(subjectHash + ".jsonl");
    }

    private static String what(String environment) {
        return "the erasure log of environment '" + environment + "'";
    }
}

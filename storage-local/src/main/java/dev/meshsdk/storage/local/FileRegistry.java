package dev.meshsdk.storage.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.DeployLock;
import dev.meshsdk.spi.registry.DeploymentRecord;
import dev.meshsdk.spi.registry.Registry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code file} registry: JSON files under a root folder (see {@link FileRegistryFactory} for the layout).
 * Files are replaced atomically (a temporary file, then a rename), history lines are appended under the
 * deploy lock, and the lock is an OS file lock ({@link FileDeployLock}).
 */
final class FileRegistry implements Registry {
    static final String CATALOG_DIR = "_catalog";
    /** Ids become folder names: letters, digits, '.', '_' and '-', starting with a letter or digit. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    FileRegistry(Path root) {
        this.root = root;
    }

    @Override
    public Optional<DeploymentRecord> current(String productId, String environment) {
        Path file = productDir(productId, environment).resolve("current.json");
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(json.readValue(file.toFile(), DeploymentRecord.class));
        } catch (IOException e) {
            throw failure("read the current deployment of '" + productId + "' from " + file, e);
        }
    }

    @Override
    public List<DeploymentRecord> history(String productId, String environment) {
        Path file = productDir(productId, environment).resolve("history.jsonl");
        if (!Files.isRegularFile(file)) return List.of();
        try {
            List<DeploymentRecord> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) out.add(json.readValue(line, DeploymentRecord.class));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw failure("read the deployment history of '" + productId + "' from " + file, e);
        }
    }

    @Override
    public List<CatalogEntry> catalog(String environment) {
        Path dir = envDir(environment).resolve(CATALOG_DIR);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            List<CatalogEntry> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")
                    && !f.getFileName().toString().startsWith(".")).toList()) {
                out.add(json.readValue(f.toFile(), CatalogEntry.class));
            }
            out.sort(Comparator.comparing(CatalogEntry::productId));
            return List.copyOf(out);
        } catch (IOException e) {
            throw failure("read the catalog of environment '" + environment + "' from " + dir, e);
        }
    }

    @Override
    public DeployLock lock(String productId, String environment, String holder) {
        Path dir = productDir(productId, environment);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure("create " + dir, e);
        }
        return FileDeployLock.acquire(dir.resolve("deploy.lock"), productId, environment, holder);
    }

    @Override
    public void record(DeploymentRecord record, CatalogEntry entry) {
        Path dir = productDir(record.productId(), record.environment());
        try {
            Files.createDirectories(dir);
            byte[] line = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(dir.resolve("history.jsonl"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(line));
                ch.force(true);
            }
            if (record.outcome() == DeploymentRecord.Outcome.SUCCEEDED) {
                AtomicFiles.write(dir.resolve("current.json"), json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(record));
                if (entry != null) {
                    Path catalog = envDir(record.environment()).resolve(CATALOG_DIR)
                            .resolve(safeId(entry.productId(), "product id") + ".json");
                    AtomicFiles.write(catalog, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
                }
            }
        } catch (IOException e) {
            throw failure("record the deployment of '" + record.productId() + "' in " + dir, e);
        }
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    private Path envDir(String environment) {
        return root.resolve(safeId(environment, "environment"));
    }

    private Path productDir(String productId, String environment) {
        return envDir(environment).resolve(safeId(productId, "product id"));
    }

    /** Rejects ids that could leave the registry's folder or collide with its own files. */
    static String safeId(String id, String what) {
        if (id == null || !SAFE_ID.matcher(id).matches() || id.contains("..")) {
            throw new MeshException(ErrorCode.INVALID_DESCRIPTOR, "Cannot use " + what + " '" + id
                    + "' in the file registry: use up to 128 letters, digits, '.', '_' and '-', starting with a"
                    + " letter or digit, without '..'");
        }
        return id;
    }

    private static MeshException failure(String what, IOException e) {
        return new MeshException(ErrorCode.REGISTRY_FAILURE, "Cannot " + what + ": " + e.getMessage(), e);
    }
}

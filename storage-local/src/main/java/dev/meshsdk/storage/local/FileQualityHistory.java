package dev.meshsdk.storage.local;

import dev.meshsdk.spi.registry.QualityHistory;
import dev.meshsdk.spi.registry.QualityRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file registry's quality history: {@code <env>/<productId>/quality/<port>.jsonl}, one record a line,
 * appended by checks and publishes of any process (see {@link JsonLines}). Port names are free text, so
 * the file name escapes every character but letters, digits, {@code _} and {@code -} as {@code %XX}.
 */
final class FileQualityHistory implements QualityHistory {
    private static final String SUFFIX = ".jsonl";

    private final RegistryFolder folder;

    FileQualityHistory(RegistryFolder folder) {
        this.folder = folder;
    }

    @Override
    public void record(QualityRecord record) {
        folder.checkRoot();
        Path file = dir(record.productId(), record.environment()).resolve(fileName(record.port()));
        JsonLines.append(file, record, what(record.productId(), record.port(), record.environment()));
    }

    @Override
    public List<QualityRecord> latest(String productId, String port, String environment, int limit) {
        Path dir = dir(productId, environment);
        folder.checkRoot();
        List<Path> files = new ArrayList<>();
        if (port != null) {
            files.add(dir.resolve(fileName(port)));
        } else {
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                listing.forEach(files::add);
            } catch (NoSuchFileException e) {
                return List.of();
            } catch (IOException e) {
                throw RegistryFolder.failure("read " + what(productId, null, environment), dir, e);
            }
        }
        if (limit <= 0) return List.of();
        List<QualityRecord> all = new ArrayList<>();
        for (Path f : files) all.addAll(JsonLines.read(f, QualityRecord.class, what(productId, port, environment)));
        all.sort(Comparator.comparing(QualityRecord::checkedAt).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** One pass over the products' quality folders, each port's file read once. */
    @Override
    public Map<String, List<QualityRecord>> latest(String environment, Collection<String> productIds, int perPort) {
        folder.checkRoot();
        Map<String, List<QualityRecord>> out = new HashMap<>();
        if (perPort <= 0) return out;
        for (String productId : productIds) {
            Path dir = dir(productId, environment);
            // by port name; each file holds one port, read as latest(productId, port, ...) reads it
            Map<String, List<QualityRecord>> byPort = new TreeMap<>();
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path f : listing) {
                    List<QualityRecord> records =
                            new ArrayList<>(JsonLines.read(f, QualityRecord.class, what(productId, null, environment)));
                    if (records.isEmpty()) continue;
                    records.sort(Comparator.comparing(QualityRecord::checkedAt).reversed());
                    byPort.put(
                            records.get(0).port(), List.copyOf(records.subList(0, Math.min(perPort, records.size()))));
                }
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw RegistryFolder.failure("read " + what(productId, null, environment), dir, e);
            }
            if (!byPort.isEmpty())
                out.put(
                        productId,
                        byPort.values().stream().flatMap(List::stream).toList());
        }
        return out;
    }

    /** The port's file name: never a path, never hidden, one name per port. */
    static String fileName(String port) {
        StringBuilder b = new StringBuilder();
        for (byte c : port.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.append(SUFFIX).toString();
    }

    private Path dir(String productId, String environment) {
        return folder.productDir(productId, environment).resolve("quality");
    }

    private static String what(String productId, String port, String environment) {
        return "the quality history of " + (port == null ? "the ports" : "port '" + port + "'") + " of product '"
                + productId + "' in environment '" + environment + "'";
    }
}

package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.ContractSource;
import dev.meshsdk.ProductSource;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates data product descriptors: each product directory holds {@code product.yaml}
 * (ODPS) and {@code contracts/*.yaml} (ODCS). Every problem is collected with its file, line and
 * column; loading never throws for bad descriptors. Products are read in parallel; one loader may be
 * used from several threads.
 */
public final class DescriptorLoader {
    /**
     * The default largest descriptor file, in bytes (2 MiB). Parsing time grows faster than the file, so a
     * larger file is refused at once rather than read for a minute; real descriptors are a few kilobytes.
     */
    public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

    /** A top-level {@code id:} line, to tell which contract a file that is not valid YAML meant to declare. */
    private static final Pattern TOP_LEVEL_ID = Pattern.compile("(?m)^id:[ \\t]*[\"']?([^\"'\\s#]+)");

    private final Set<String> adapterServerTypes;
    private final ContractChecks contractChecks;
    private final long maxFileBytes;

    /** @param adapterServerTypes server types that have a loaded storage adapter */
    public DescriptorLoader(Set<String> adapterServerTypes) {
        this(adapterServerTypes, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * @param adapterServerTypes server types that have a loaded storage adapter
     * @param maxFileBytes       the largest descriptor file read; a larger one is a located error
     */
    public DescriptorLoader(Set<String> adapterServerTypes, long maxFileBytes) {
        if (maxFileBytes <= 0) throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
        this.adapterServerTypes = Set.copyOf(adapterServerTypes);
        this.contractChecks = new ContractChecks(this.adapterServerTypes, odcsServerTypes());
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * The checksum of a product loaded {@linkplain #load(List, boolean) for validation only}: validation reports
     * problems and never records, plans or compares a product, so it skips hashing every file.
     */
    public static final String NOT_COMPUTED = "not computed: loaded for validation only";

    /** Loads product directories (each holds product.yaml and contracts/*.yaml) and validates them together. */
    public LoadResult load(List<Path> productDirectories) {
        return load(productDirectories, true);
    }

    /**
     * As {@link #load(List)}; without {@code checksums} each product's checksum is {@link #NOT_COMPUTED}, for a
     * caller that only reports the problems (hashing every file is a good part of a cold validation's time).
     */
    public LoadResult load(List<Path> productDirectories, boolean checksums) {
        List<Path> expanded = new ArrayList<>();
        for (Path dir : productDirectories) {
            List<Path> products = productDirectories(dir);
            // a folder that is neither a product nor holds any: loadProduct says what is missing
            expanded.addAll(products.isEmpty() ? List.of(dir) : products);
        }
        List<Loaded> loaded = ProductThreads.map(expanded, d -> loadProduct(d, checksums));
        List<ProductSource> products = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        DocumentSourceMap all = new DocumentSourceMap();
        for (Loaded l : loaded) {
            diagnostics.addAll(l.problems());
            l.documents().forEach(all::add);
            if (l.source() != null) products.add(l.source());
        }
        Problems mesh = new Problems(all);
        MeshChecks.check(products, mesh);
        diagnostics.addAll(mesh.list());
        return new LoadResult(products, new ValidationReport(diagnostics));
    }

    /**
     * The products a folder holds, the one rule for it: the folder itself when it has a {@code product.yaml},
     * else each immediate subfolder that has one, in name order; empty when there is none (or no folder).
     */
    public static List<Path> productDirectories(Path folder) {
        if (Files.isRegularFile(folder.resolve("product.yaml"))) return List.of(folder);
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .filter(d -> Files.isRegularFile(d.resolve("product.yaml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Validates one standalone ODPS or ODCS document, chosen by its content. */
    public LoadResult loadDocument(Path file) {
        byte[] bytes;
        try {
            bytes = readAtMost(file);
            if (bytes == null)
                return new LoadResult(List.of(), new ValidationReport(List.of(tooLarge(file, Files.size(file)))));
        } catch (IOException e) {
            return new LoadResult(
                    List.of(),
                    new ValidationReport(List.of(Diagnostic.error(
                            "MESH-LAYOUT",
                            Location.of(file),
                            "Cannot read " + file + ": " + e.getMessage(),
                            "check that the file exists and is readable"))));
        }
        DocumentReader.Read read = DocumentReader.read(file, bytes, null);
        DocumentSourceMap map = new DocumentSourceMap().add(read.document());
        Problems problems = new Problems(map);
        problems.addAll(read.problems());
        List<ProductSource> products = new ArrayList<>();
        if (read.contract() != null) {
            contractChecks.check(read.contract(), file, problems, read.accepted());
            EnvironmentChecks.requireEnvironments(read.contract(), file, problems, false);
        }
        if (read.product() != null) {
            ProductChecks.check(read.product(), file, problems);
            Path dir = file.toAbsolutePath().getParent();
            products.add(new ProductSource(
                    dir,
                    file,
                    read.product(),
                    List.of(),
                    Checksums.sha256(Map.of(String.valueOf(file.getFileName()), bytes)),
                    map));
        }
        return new LoadResult(products, new ValidationReport(problems.list()));
    }

    /**
     * Reads a product as the registry keeps it (its descriptors' texts, paths relative to a product folder
     * that does not exist here) with the contracts named; the files are located under
     * {@code registry/<productId>/}. Problems are reported, not thrown: the texts were valid when deployed.
     */
    public LoadResult loadDeployed(String productId, List<dev.meshsdk.spi.registry.CatalogEntry.Descriptor> files) {
        Path dir = Path.of("registry", productId);
        DocumentSourceMap map = new DocumentSourceMap();
        Problems problems = new Problems(map);
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        DocumentReader.Read product = null;
        List<ContractSource> contracts = new ArrayList<>();
        for (var d : files) {
            byte[] b = d.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            bytes.put(d.path(), b);
            if (b.length > maxFileBytes) {
                problems.add(tooLarge(dir.resolve(d.path()), b.length));
                continue;
            }
            boolean isProduct = d.path().equals("product.yaml");
            DocumentReader.Read r = DocumentReader.read(
                    dir.resolve(d.path()), b, isProduct ? SchemaCatalog.PRODUCT : SchemaCatalog.CONTRACT);
            map.add(r.document());
            problems.addAll(r.problems());
            if (isProduct) product = r;
            else if (r.contract() != null) contracts.add(new ContractSource(dir.resolve(d.path()), r.contract()));
        }
        if (product == null || product.product() == null)
            return new LoadResult(List.of(), new ValidationReport(problems.list()));
        ProductSource source = new ProductSource(
                dir, dir.resolve("product.yaml"), product.product(), contracts, Checksums.sha256(bytes), map);
        return new LoadResult(List.of(source), new ValidationReport(problems.list()));
    }

    private record Loaded(ProductSource source, List<ParsedDocument> documents, List<Diagnostic> problems) {}

    private Loaded loadProduct(Path dir, boolean checksums) {
        DocumentSourceMap map = new DocumentSourceMap();
        Problems problems = new Problems(map);
        List<ParsedDocument> documents = new ArrayList<>();
        Path productFile = dir.resolve("product.yaml");
        if (!Files.isRegularFile(productFile)) {
            boolean yml = Files.isRegularFile(dir.resolve("product.yml"));
            problems.error(
                    "MESH-LAYOUT",
                    dir,
                    "",
                    "Cannot load product directory " + dir + ": "
                            + (Files.isDirectory(dir) ? "it has no product.yaml" : "it does not exist"),
                    yml
                            ? "rename product.yml to product.yaml"
                            : "put the ODPS product file at " + productFile
                                    + ", or give the folder that holds the product folders (each with a product.yaml)");
            return new Loaded(null, documents, problems.list());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        DocumentReader.Read product = read(productFile, "product.yaml", SchemaCatalog.PRODUCT, files, problems);
        if (product != null) {
            documents.add(product.document());
            map.add(product.document());
            problems.addAll(product.problems());
        }
        List<ContractSource> contracts = new ArrayList<>();
        Set<String> unreadableIds = new HashSet<>();
        boolean unreadableWithoutId = false;
        for (Path file : contractFiles(dir, problems)) {
            DocumentReader.Read c =
                    read(file, "contracts/" + file.getFileName(), SchemaCatalog.CONTRACT, files, problems);
            if (c == null || c.contract() == null) {
                String name = file.getFileName().toString();
                unreadableIds.add(name.substring(0, name.lastIndexOf('.')));
                String id = c == null ? null : declaredId(c.document());
                if (id != null) unreadableIds.add(id);
                else unreadableWithoutId = true;
            }
            if (c == null) continue;
            documents.add(c.document());
            map.add(c.document());
            problems.addAll(c.problems());
            if (c.contract() != null) {
                contractChecks.check(c.contract(), file, problems, c.accepted());
                EnvironmentChecks.requireEnvironments(c.contract(), file, problems, true);
                contracts.add(new ContractSource(file, c.contract()));
            }
        }
        if (product == null || product.product() == null) return new Loaded(null, documents, problems.list());
        ProductChecks.check(product.product(), productFile, problems);
        ProductChecks.checkContracts(
                product.product(),
                productFile,
                contracts,
                new ProductChecks.Unreadable(unreadableIds, unreadableWithoutId),
                problems);
        ProductSource source = new ProductSource(
                dir,
                productFile,
                product.product(),
                contracts,
                checksums ? Checksums.sha256(files) : NOT_COMPUTED,
                map);
        return new Loaded(source, documents, problems.list());
    }

    private DocumentReader.Read read(
            Path file, String relative, String kind, Map<String, byte[]> files, Problems problems) {
        try {
            byte[] bytes = readAtMost(file);
            if (bytes == null) {
                problems.add(tooLarge(file, Files.size(file)));
                return null;
            }
            files.put(relative, bytes);
            return DocumentReader.read(file, bytes, kind);
        } catch (IOException e) {
            problems.add(Diagnostic.error(
                    "MESH-LAYOUT",
                    Location.of(file),
                    "Cannot read " + file + ": " + e.getMessage(),
                    "check that the file is readable"));
            return null;
        }
    }

    /** The id a document that could not be read as a contract most likely declares: its top-level 'id:'. */
    private static String declaredId(ParsedDocument doc) {
        if (doc.root() != null) return doc.readable() ? doc.text("id") : null;
        Matcher m = TOP_LEVEL_ID.matcher(new String(doc.bytes(), StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    private Diagnostic tooLarge(Path file, long size) {
        return Diagnostic.error(
                "MESH-LAYOUT",
                Location.of(file),
                "Cannot read " + file.getFileName() + ": it has "
                        + String.format(Locale.ROOT, "%,d", size) + " bytes, more than the "
                        + String.format(Locale.ROOT, "%,d", maxFileBytes) + " bytes a descriptor may have",
                "split it into several contracts or products, or move bulky content (examples, long lists) out of it");
    }

    /**
     * The file's bytes, or null when it has more than {@code maxFileBytes}: one open and read, not a size query first
     * (a fresh JVM reading thousands of descriptors pays for each call).
     */
    private byte[] readAtMost(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1L));
            return bytes.length > maxFileBytes ? null : bytes;
        }
    }

    static List<Path> contractFiles(Path dir, Problems problems) {
        Path contracts = dir.resolve("contracts");
        if (!Files.isDirectory(contracts)) return List.of();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(contracts)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if ((name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p)) files.add(p);
            }
            Collections.sort(files);
            return files;
        } catch (IOException | DirectoryIteratorException e) {
            problems.add(Diagnostic.error(
                    "MESH-LAYOUT",
                    Location.of(contracts),
                    "Cannot list " + contracts + ": " + e.getMessage(),
                    "check that the folder is readable"));
            return List.of();
        }
    }

    /** The server types the newest ODCS schema allows (each older version allows a subset), read from it. */
    private static Set<String> odcsServerTypes() {
        Set<String> types = new LinkedHashSet<>();
        JsonNode e = SchemaCatalog.latestRaw(SchemaCatalog.CONTRACT).at("/$defs/Server/properties/type/enum");
        e.forEach(t -> types.add(t.asText()));
        return Set.copyOf(types);
    }
}

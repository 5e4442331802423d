package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.FileUpgrade;
import dev.meshsdk.MeshException;
import dev.meshsdk.UpgradeChange;
import dev.meshsdk.UpgradePlan;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Upgrades products and contracts to the newest ODPS and ODCS versions the SDK supports by editing their text
 * ({@code DocumentUpgrade} decides the edits), and writes the upgrades. Planning reads only; applying writes each
 * file atomically (a temporary file moved over it) and refuses a file that changed since it was planned.
 * Thread-safe.
 */
public final class DescriptorUpgrader {
    private static final String CODE = "MESH-UPGRADE";

    /** Plans the upgrade of every {@code product.yaml} and {@code contracts/*.yaml} of the product directories. */
    public UpgradePlan plan(List<Path> productDirectories) {
        List<FileUpgrade> files = new ArrayList<>();
        List<Path> expanded = new ArrayList<>();
        for (Path dir : productDirectories) {
            List<Path> products = DescriptorLoader.productDirectories(dir);
            expanded.addAll(products.isEmpty() ? List.of(dir) : products);
        }
        for (Path dir : expanded) {
            List<Path> paths = new ArrayList<>();
            paths.add(dir.resolve("product.yaml"));
            Problems listing = new Problems(new DocumentSourceMap());
            paths.addAll(DescriptorLoader.contractFiles(dir, listing));
            if (!listing.list().isEmpty()) {
                throw new MeshException(
                        ErrorCode.INVALID_INPUT, listing.list().get(0).format());
            }
            for (Path file : paths) {
                if (!Files.isRegularFile(file)) continue;
                FileUpgrade f = planFile(file, read(file));
                if (f != null) files.add(f);
            }
        }
        return new UpgradePlan(files, SchemaCatalog.PRODUCT_VERSIONS.get(0), SchemaCatalog.CONTRACT_VERSIONS.get(0));
    }

    /**
     * The upgrade of one file's bytes, or null when it needs none: it is at the newest version, or it is not
     * an ODPS or ODCS document this upgrade knows (validation reports those).
     */
    public FileUpgrade planFile(Path file, byte[] bytes) {
        String checksum = sha256(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        ParsedDocument doc = YamlTreeReader.parse(file, bytes);
        if (!doc.readable()) return null;
        String kind = doc.text("kind");
        if (!SchemaCatalog.PRODUCT.equals(kind) && !SchemaCatalog.CONTRACT.equals(kind)) return null;
        List<String> versions = SchemaCatalog.versions(kind);
        String from = doc.text("apiVersion");
        String newest = versions.get(0);
        String standard = SchemaCatalog.standard(kind);
        if (from == null || from.equals(newest)) return null;
        if (!versions.contains(from)) {
            Diagnostic d = Diagnostic.error(
                    CODE,
                    doc.positions().locate(file, "/apiVersion"),
                    "Cannot upgrade " + file.getFileName() + ": apiVersion " + Quoted.of(from) + " is not a " + standard
                            + " version the SDK reads",
                    "supported: " + String.join(", ", versions));
            return new FileUpgrade(file, standard, from, newest, List.of(), List.of(d), checksum, text);
        }
        YamlTextEdits edits = new YamlTextEdits(text);
        DocumentUpgrade upgrade = new DocumentUpgrade(doc, edits, kind, from, newest);
        List<UpgradeChange> changes = upgrade.changes();
        YamlTextEdits.Result result = edits.apply();
        List<Diagnostic> problems = check(file, result, kind, upgrade.moved());
        return new FileUpgrade(
                file, standard, from, newest, changes, problems, checksum, problems.isEmpty() ? result.text() : text);
    }

    /**
     * The upgraded text's problems under the newest schema, located at the lines and columns of the file as it is
     * on disk (not of the upgraded text, which the user never sees when it is not written), and naming its elements
     * as the file on disk has them: {@code team[0]}, not the {@code team.members[0]} it becomes ({@code moved}, from
     * the upgraded text's pointers to the file's, says what moved).
     */
    private static List<Diagnostic> check(
            Path file, YamlTextEdits.Result result, String kind, Map<String, String> moved) {
        DocumentReader.Read read = DocumentReader.read(file, result.text().getBytes(StandardCharsets.UTF_8), kind);
        List<Diagnostic> problems = new ArrayList<>();
        for (Diagnostic d : read.problems()) {
            if (!d.isError()) continue;
            Location at = d.location();
            Location original = new Location(
                    at.file(),
                    result.originalLine(at.line()),
                    result.originalColumn(at.line(), at.column()),
                    originalPointer(at.pointer(), moved));
            problems.add(new Diagnostic(
                    d.severity(),
                    d.code(),
                    original,
                    "Cannot upgrade " + file.getFileName()
                            + " to " + SchemaCatalog.standard(kind) + " "
                            + SchemaCatalog.versions(kind).get(0) + ": "
                            + originalPaths(d.message(), moved),
                    d.hint() == null ? "change it by hand" : originalPaths(d.hint(), moved)));
        }
        // in the order of the file on disk, which moved blocks may not keep
        problems.sort(Comparator.comparingInt((Diagnostic d) -> d.location().line())
                .thenComparingInt(d -> d.location().column()));
        return problems;
    }

    /** The pointer in the file as read of a pointer of the upgraded text: its longest moved prefix put back. */
    static String originalPointer(String pointer, Map<String, String> moved) {
        String prefix = null;
        for (String upgraded : moved.keySet()) {
            boolean under = pointer.equals(upgraded) || pointer.startsWith(upgraded + "/");
            if (under && (prefix == null || upgraded.length() > prefix.length())) prefix = upgraded;
        }
        return prefix == null ? pointer : moved.get(prefix) + pointer.substring(prefix.length());
    }

    /**
     * A message about the upgraded text with the elements it quotes ({@code 'team.members[0]'}, as {@link
     * Pointers#dotted} writes them) named as the file as read has them ({@code 'team[0]'}).
     */
    static String originalPaths(String text, Map<String, String> moved) {
        List<String> upgraded = new ArrayList<>(moved.keySet());
        upgraded.sort(Comparator.comparingInt(String::length).reversed());
        for (String pointer : upgraded) {
            String now = "'" + Pointers.dotted(pointer);
            String was = "'" + Pointers.dotted(moved.get(pointer));
            StringBuilder out = new StringBuilder();
            int from = 0;
            for (int i = text.indexOf(now); i >= 0; i = text.indexOf(now, i + now.length())) {
                int end = i + now.length();
                char next = end < text.length() ? text.charAt(end) : ' ';
                if (next != '\'' && next != '.' && next != '[') continue;
                out.append(text, from, i).append(was);
                from = end;
            }
            text = out.append(text.substring(from)).toString();
        }
        return text;
    }

    /**
     * Writes every writable file of the plan, each atomically. Refuses, before writing anything, when a file
     * has changed since the plan was computed.
     *
     * @throws MeshException {@link ErrorCode#STALE_PLAN} when a file changed; {@link ErrorCode#STORAGE_FAILURE}
     *                       when a file cannot be written
     */
    public void apply(UpgradePlan plan) {
        for (FileUpgrade f : plan.writable()) {
            if (!Files.isRegularFile(f.file()) || !sha256(read(f.file())).equals(f.checksum())) {
                throw new MeshException(
                        ErrorCode.STALE_PLAN,
                        "Cannot upgrade " + f.file() + ": the file changed since"
                                + " the upgrade was planned; plan the upgrade again");
            }
        }
        for (FileUpgrade f : plan.writable()) write(f.file(), f.newText());
    }

    private static void write(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".upgrade");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.INVALID_INPUT,
                    "Cannot read " + file + ": " + e.getMessage() + "; check that the file is readable",
                    e);
        }
    }

    private static String sha256(byte[] bytes) {
        return Checksums.sha256(Map.of("", bytes));
    }
}

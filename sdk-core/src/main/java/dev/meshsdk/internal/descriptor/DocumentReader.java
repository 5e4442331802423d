package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.ValidationMessage;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one descriptor file: parses it with positions, validates it against the official schema its
 * {@code kind} and {@code apiVersion} select, and maps it to a record. Thread-safe.
 */
final class DocumentReader {
    private DocumentReader() {}

    /** One document as read; at most one of product and contract is set, neither when it could not be read. */
    record Read(ParsedDocument document, DataProduct product, DataContract contract, List<Diagnostic> problems) {
        /** Whether the document was read without an error (the schema of its own version accepts it). */
        boolean accepted() {
            return problems.stream().noneMatch(Diagnostic::isError);
        }
    }

    static Read read(Path file, byte[] bytes, String expectedKind) {
        ParsedDocument doc = YamlTreeReader.parse(file, bytes);
        List<Diagnostic> problems = new ArrayList<>(doc.problems());
        if (!doc.readable()) return new Read(doc, null, null, problems);
        String kind = kindOf(doc);
        if (kind == null) {
            problems.add(unknownKind(doc, expectedKind));
            return new Read(doc, null, null, problems);
        }
        if (expectedKind != null && !expectedKind.equals(kind)) {
            problems.add(Diagnostic.error(
                    "MESH-LAYOUT",
                    doc.positions().locate(file, "/kind"),
                    "Cannot read " + file.getFileName() + ": expected a " + expectedKind + " here, found a " + kind,
                    expectedKind.equals(SchemaCatalog.PRODUCT)
                            ? "product.yaml holds the ODPS product; contracts go to contracts/*.yaml"
                            : "contracts/ holds ODCS contracts only; the product goes to product.yaml"));
            return new Read(doc, null, null, problems);
        }
        boolean product = kind.equals(SchemaCatalog.PRODUCT);
        String noun = product ? "product" : "contract";
        String apiVersion = doc.text("apiVersion");
        if (apiVersion == null || !SchemaCatalog.versions(kind).contains(apiVersion)) {
            problems.add(unsupportedVersion(doc, kind, noun, apiVersion));
        } else {
            problems.addAll(validate(doc, kind, apiVersion, noun));
        }
        ObjectNode root = (ObjectNode) doc.root();
        return product
                ? new Read(doc, ProductMapper.product(root), null, problems)
                : new Read(doc, null, ContractMapper.contract(root), problems);
    }

    /**
     * The document's problems under the official schema of its own {@code apiVersion}. When the newest
     * version's schema accepts the document as it is, it was most likely written for that version (the
     * official ODPS examples declare v0.9.0 and use v1.0.0's team object): then the one mistake is the
     * declared version, so there is one error, at {@code apiVersion}, with the first of the problems as an example.
     */
    private static List<Diagnostic> validate(ParsedDocument doc, String kind, String apiVersion, String noun) {
        // most documents are valid: the quick check spares them the full validator, which words the problems
        if (SchemaCatalog.precheck(kind, apiVersion).certainlyValid(doc.root())) return List.of();
        SchemaCatalog.Entry own = SchemaCatalog.schema(kind, apiVersion);
        List<Diagnostic> problems = SchemaDiagnostics.map(messages(own, doc), doc, noun, own);
        SchemaCatalog.Entry latest = SchemaCatalog.latest(kind);
        if (problems.isEmpty() || latest == own || !messages(latest, doc).isEmpty()) return problems;
        return List.of(writtenForNewer(doc, noun, own, latest, problems));
    }

    /** The one error of a document the newest schema accepts but its declared version's does not. */
    private static Diagnostic writtenForNewer(
            ParsedDocument doc,
            String noun,
            SchemaCatalog.Entry own,
            SchemaCatalog.Entry latest,
            List<Diagnostic> problems) {
        Diagnostic first = problems.get(0);
        String prefix = "Cannot read " + noun + ": ";
        String example =
                first.message().startsWith(prefix) ? first.message().substring(prefix.length()) : first.message();
        Location at = first.location();
        String line = at.line() > 0 ? " (line " + at.line() + ")" : "";
        return Diagnostic.error(
                SchemaDiagnostics.CODE,
                doc.positions().locate(doc.file(), "/apiVersion"),
                prefix + "the " + noun + " is written in " + latest.standard() + " " + latest.apiVersion()
                        + " but declares " + own.apiVersion() + ": " + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems") + " under " + own.apiVersion()
                        + ", e.g. " + example + line,
                "change apiVersion to " + latest.apiVersion() + ", or run mesh:upgrade");
    }

    private static Set<ValidationMessage> messages(SchemaCatalog.Entry schema, ParsedDocument doc) {
        // Annotations are only needed for output; unevaluatedProperties still gets what it needs, and
        // validation runs about 30% faster without collecting the rest.
        return schema.schema().validate(doc.root(), OutputFormat.DEFAULT, ctx -> ctx.getExecutionConfig()
                .setAnnotationCollectionEnabled(false));
    }

    private static Diagnostic unsupportedVersion(ParsedDocument doc, String kind, String noun, String apiVersion) {
        List<String> supported = SchemaCatalog.versions(kind);
        String standard = SchemaCatalog.standard(kind);
        String hint = "supported " + standard + " versions: " + String.join(", ", supported);
        if (olderMajor(apiVersion, supported.get(supported.size() - 1))) {
            // ODCS v2 is another document shape (dataset, columns), not an older spelling of v3
            hint = "upgrade the " + noun + " to " + standard + " " + supported.get(0) + "; " + hint;
        }
        JsonNode written = doc.root().get("apiVersion");
        String reason = written == null
                ? "is missing"
                : apiVersion == null
                        ? "must be a text such as '" + supported.get(0) + "', not " + JsonTypes.describe(written)
                        : Quoted.of(apiVersion) + " is not supported";
        return Diagnostic.error(
                SchemaDiagnostics.CODE,
                doc.positions().locate(doc.file(), "/apiVersion"),
                "Cannot read " + noun + ": apiVersion " + reason,
                hint);
    }

    private static boolean olderMajor(String apiVersion, String oldestSupported) {
        String major = Semver.major(apiVersion);
        return major != null && new BigInteger(major).compareTo(new BigInteger(Semver.major(oldestSupported))) < 0;
    }

    private static String kindOf(ParsedDocument doc) {
        String kind = doc.text("kind");
        if (SchemaCatalog.PRODUCT.equals(kind) || SchemaCatalog.CONTRACT.equals(kind)) return kind;
        if (doc.root().has("kind")) return null;
        String apiVersion = doc.text("apiVersion");
        if (apiVersion == null) return null;
        if (SchemaCatalog.PRODUCT_VERSIONS.contains(apiVersion)) return SchemaCatalog.PRODUCT;
        if (SchemaCatalog.CONTRACT_VERSIONS.contains(apiVersion)) return SchemaCatalog.CONTRACT;
        return null;
    }

    /** A document whose {@code kind} is missing, not a text, or neither ODPS's nor ODCS's. */
    private static Diagnostic unknownKind(ParsedDocument doc, String expectedKind) {
        JsonNode kind = doc.root().get("kind");
        String reason;
        String guess = null;
        if (kind == null) {
            reason = "kind is missing";
        } else if (!kind.isTextual()) {
            reason = "kind must be a text, not " + JsonTypes.describe(kind);
        } else {
            reason = "kind " + Quoted.of(kind.textValue()) + " is not supported";
            guess = Suggestions.closest(kind.textValue(), List.of(SchemaCatalog.PRODUCT, SchemaCatalog.CONTRACT));
        }
        String hint;
        if (guess != null) {
            hint = "perhaps you meant '" + guess + "'";
        } else if (expectedKind != null) {
            hint = "write 'kind: " + expectedKind + "' and 'apiVersion: "
                    + SchemaCatalog.versions(expectedKind).get(0) + "' at the top of the file";
        } else {
            hint = "write 'kind: DataProduct' (ODPS) or 'kind: DataContract' (ODCS)";
        }
        return Diagnostic.error(
                SchemaDiagnostics.CODE,
                doc.positions().locate(doc.file(), "/kind"),
                "Cannot read " + Quoted.shown(String.valueOf(doc.file().getFileName())) + ": " + reason,
                hint);
    }
}

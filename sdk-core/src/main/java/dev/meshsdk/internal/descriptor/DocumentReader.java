package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import com.networknt.schema.OutputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one descriptor file: parses it with positions, validates it against the official schema its
 * {@code kind} and {@code apiVersion} select, and maps it to a record. Thread-safe.
 */
final class DocumentReader {
    private DocumentReader() {}

    /** One document as read; at most one of product and contract is set, neither when it could not be read. */
    record Read(ParsedDocument document, DataProduct product, DataContract contract, List<Diagnostic> problems) {}

    static Read read(Path file, byte[] bytes, String expectedKind) {
        ParsedDocument doc = YamlTreeReader.parse(file, bytes);
        List<Diagnostic> problems = new ArrayList<>(doc.problems());
        if (!doc.readable()) return new Read(doc, null, null, problems);
        String kind = kindOf(doc);
        if (kind == null) {
            problems.add(Diagnostic.error(SchemaDiagnostics.CODE, doc.positions().locate(file, "/kind"),
                    "Cannot read " + file.getFileName() + ": kind " + (doc.text("kind") == null ? "is missing"
                            : "'" + doc.text("kind") + "' is not supported"),
                    "write 'kind: DataProduct' (ODPS) or 'kind: DataContract' (ODCS)"));
            return new Read(doc, null, null, problems);
        }
        if (expectedKind != null && !expectedKind.equals(kind)) {
            problems.add(Diagnostic.error("MESH-LAYOUT", doc.positions().locate(file, "/kind"),
                    "Cannot read " + file.getFileName() + ": expected a " + expectedKind + " here, found a " + kind,
                    expectedKind.equals(SchemaCatalog.PRODUCT)
                            ? "product.yaml holds the ODPS product; contracts go to contracts/*.yaml"
                            : "contracts/ holds ODCS contracts only; the product goes to product.yaml"));
            return new Read(doc, null, null, problems);
        }
        boolean product = kind.equals(SchemaCatalog.PRODUCT);
        String noun = product ? "product" : "contract";
        List<String> supported = product ? SchemaCatalog.PRODUCT_VERSIONS : SchemaCatalog.CONTRACT_VERSIONS;
        String apiVersion = doc.text("apiVersion");
        if (apiVersion == null || !supported.contains(apiVersion)) {
            problems.add(Diagnostic.error(SchemaDiagnostics.CODE, doc.positions().locate(file, "/apiVersion"),
                    "Cannot read " + noun + ": apiVersion " + (apiVersion == null ? "is missing" : "'" + apiVersion
                            + "' is not supported"),
                    "supported " + (product ? "ODPS" : "ODCS") + " versions: " + String.join(", ", supported)));
        } else {
            SchemaCatalog.Entry schema = product ? SchemaCatalog.odps() : SchemaCatalog.odcs();
            // Annotations are only needed for output; unevaluatedProperties still gets what it needs, and
            // validation runs about 30% faster without collecting the rest.
            problems.addAll(SchemaDiagnostics.map(schema.schema().validate(doc.root(), OutputFormat.DEFAULT,
                    ctx -> ctx.getExecutionConfig().setAnnotationCollectionEnabled(false)), doc, noun, schema));
        }
        ObjectNode root = (ObjectNode) doc.root();
        return product
                ? new Read(doc, ProductMapper.product(root), null, problems)
                : new Read(doc, null, ContractMapper.contract(root), problems);
    }

    private static String kindOf(ParsedDocument doc) {
        String kind = doc.text("kind");
        if (SchemaCatalog.PRODUCT.equals(kind) || SchemaCatalog.CONTRACT.equals(kind)) return kind;
        if (kind != null) return null;
        String apiVersion = doc.text("apiVersion");
        if (SchemaCatalog.PRODUCT_VERSIONS.contains(apiVersion)) return SchemaCatalog.PRODUCT;
        if (SchemaCatalog.CONTRACT_VERSIONS.contains(apiVersion)) return SchemaCatalog.CONTRACT;
        return null;
    }
}
